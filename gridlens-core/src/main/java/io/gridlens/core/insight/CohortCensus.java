package io.gridlens.core.insight;

import io.gridlens.core.reference.Premise;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The first pass of peer comparison: the number of meters per full cohort key and local month.
 *
 * <p>A mergeable fold (Beam's {@code CombineFn} shape): {@link #add} one meter-month at a time,
 * {@link #merge} partial censuses of disjoint meter sets (per partition, per worker); merge is
 * commutative and associative and an empty census is its identity, so the split does not change
 * {@link #counts()}. Add each meter once per month, for the months it has a consumption value: the
 * counts are then exactly the sizes of the cohort-months the second pass ({@link CohortValues})
 * will fill, and relaxation is decided on them.
 *
 * <p>Memory: one entry per distinct (month, full key); at most tenants x regions x 2 dwellings x 4
 * heating energies x 5 area bands x 4 occupants bands per month, independent of the number of
 * meters.
 *
 * <p>Not thread-safe.
 */
public final class CohortCensus {

  private final CohortConfig config;
  private final Map<CohortMonth, Long> counts = new HashMap<>();

  /** An empty census. */
  public CohortCensus(CohortConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** Counts one meter with a consumption value in a local month, in the cohort of its premise. */
  public CohortCensus add(YearMonth month, Premise premise) {
    counts.merge(new CohortMonth(CohortKey.of(premise, config), month), 1L, Long::sum);
    return this;
  }

  /** Adds the counts of another census of the same configuration (of other meters) to this one. */
  public CohortCensus merge(CohortCensus other) {
    if (!other.config.equals(config)) {
      throw new IllegalArgumentException(
          "cannot merge censuses of different configurations: " + other.config + " into " + config);
    }
    other.counts.forEach((k, n) -> counts.merge(k, n, Long::sum));
    return this;
  }

  /** The number of meters counted in a full cohort key and month (0 when none). */
  public long count(CohortMonth fullKey) {
    return counts.getOrDefault(fullKey, 0L);
  }

  /** The counts per full cohort key and month (a copy). */
  public Map<CohortMonth, Long> counts() {
    return Map.copyOf(counts);
  }

  /** The placement of meters into cohorts that these counts decide. */
  public CohortAssigner assigner() {
    return CohortAssigner.of(config, counts);
  }
}
