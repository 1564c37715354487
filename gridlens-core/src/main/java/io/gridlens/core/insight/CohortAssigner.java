package io.gridlens.core.insight;

import io.gridlens.core.reference.Premise;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The placement of meters into peer cohorts for each local month, decided from a {@link
 * CohortCensus} of full cohort keys.
 *
 * <p>Rule (DESIGN.md section 9): a meter is placed in its full cohort when that has at least {@link
 * CohortConfig#minSize()} members in the month; otherwise in the first relaxed cohort, in the order
 * of {@link CohortLevel} (drop occupants band, then floor-area band, then region), that does;
 * otherwise it has no cohort that month.
 *
 * <p>Membership: a relaxed cohort holds EVERY meter whose attributes match its key, including
 * meters placed in a finer cohort of their own; its size is the sum of the counts of the full keys
 * it covers. So a meter's value belongs to the statistics of each cohort some meter is placed in
 * and that it matches ({@link #memberships}): at most four.
 *
 * <p>Placement depends only on the full key, so it is decided once per full key when the assigner
 * is built. Immutable and thread-safe.
 */
public final class CohortAssigner {

  private final CohortConfig config;
  private final Map<CohortMonth, Long> sizes;
  private final Set<CohortMonth> placed;

  private CohortAssigner(
      CohortConfig config, Map<CohortMonth, Long> sizes, Set<CohortMonth> placed) {
    this.config = config;
    this.sizes = sizes;
    this.placed = placed;
  }

  /** The assigner of counts of full cohort keys per month. */
  static CohortAssigner of(CohortConfig config, Map<CohortMonth, Long> fullCounts) {
    Map<CohortMonth, Long> sizes = new HashMap<>();
    fullCounts.forEach(
        (full, n) -> {
          if (full.cohort().level() != CohortLevel.FULL) {
            throw new IllegalArgumentException("census key " + full + " is not a full cohort key");
          }
          for (CohortLevel level : CohortLevel.values()) {
            sizes.merge(
                new CohortMonth(full.cohort().relaxedTo(level), full.month()), n, Long::sum);
          }
        });
    CohortAssigner sized = new CohortAssigner(config, Map.copyOf(sizes), Set.of());
    Set<CohortMonth> placed = new HashSet<>();
    for (CohortMonth full : fullCounts.keySet()) {
      sized.place(full.cohort(), full.month()).ifPresent(placed::add);
    }
    return new CohortAssigner(config, sized.sizes, Set.copyOf(placed));
  }

  /** The configuration the placement follows. */
  public CohortConfig config() {
    return config;
  }

  /**
   * The cohort a premise's meter is placed in for a month, or empty when even the most relaxed
   * cohort has fewer than {@link CohortConfig#minSize()} members.
   */
  public Optional<CohortKey> assign(YearMonth month, Premise premise) {
    return place(CohortKey.of(premise, config), month).map(CohortMonth::cohort);
  }

  /**
   * The cohorts, finest first, whose statistics for the month include the value of a premise's
   * meter: those it matches that some meter is placed in.
   */
  public List<CohortKey> memberships(YearMonth month, Premise premise) {
    CohortKey full = CohortKey.of(premise, config);
    List<CohortKey> in = new ArrayList<>(4);
    for (CohortLevel level : CohortLevel.values()) {
      CohortKey k = full.relaxedTo(level);
      if (placed.contains(new CohortMonth(k, month))) {
        in.add(k);
      }
    }
    return in;
  }

  /** The number of members of a cohort in a month, relaxed or not (0 when none). */
  public long size(CohortMonth cohort) {
    return sizes.getOrDefault(cohort, 0L);
  }

  /** The cohort-months some meter is placed in: the ones that get statistics. */
  public Set<CohortMonth> placedCohorts() {
    return placed;
  }

  private Optional<CohortMonth> place(CohortKey full, YearMonth month) {
    for (CohortLevel level = CohortLevel.FULL; level != null; level = level.coarser()) {
      CohortMonth k = new CohortMonth(full.relaxedTo(level), month);
      if (size(k) >= config.minSize()) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
