package io.gridlens.core.insight;

import io.gridlens.core.reference.Premise;
import java.time.YearMonth;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Peer comparison ready to answer: the placement of meters into cohorts and the statistics of every
 * placed cohort-month (DESIGN.md section 9).
 *
 * <p>A batch builds it in two passes over the meter-months, each a mergeable fold that can run per
 * partition and be merged:
 *
 * <pre>{@code
 * CohortCensus census = new CohortCensus(config);        // pass 1: count full keys
 * for (row : rows) census.add(row.month(), row.premise());
 * CohortAssigner assigner = census.assigner();           // relaxation decided here
 * CohortValues values = new CohortValues(assigner);      // pass 2: gather values
 * for (row : rows) values.add(row.month(), row.premise(), row.kwh());
 * PeerTable table = new PeerTable(assigner, values.stats());
 * for (row : rows) table.compare(row.month(), row.premise(), row.kwh());  // per meter
 * }</pre>
 *
 * <p>{@link #of} runs these passes over an in-memory collection. Immutable and thread-safe.
 */
public final class PeerTable {

  private final CohortAssigner assigner;
  private final SortedMap<CohortMonth, CohortStats> stats;

  /** A table of a placement and the statistics gathered with it. */
  public PeerTable(CohortAssigner assigner, SortedMap<CohortMonth, CohortStats> stats) {
    this.assigner = Objects.requireNonNull(assigner, "assigner");
    this.stats = Collections.unmodifiableSortedMap(new TreeMap<>(stats));
  }

  /** The peer table of some meter-months, each meter at most once per month. */
  public static PeerTable of(CohortConfig config, Collection<PeerInput> rows) {
    CohortCensus census = new CohortCensus(config);
    for (PeerInput r : rows) {
      census.add(r.month(), r.premise());
    }
    CohortAssigner assigner = census.assigner();
    CohortValues values = new CohortValues(assigner);
    for (PeerInput r : rows) {
      values.add(r.month(), r.premise(), r.kwh());
    }
    return new PeerTable(assigner, values.stats());
  }

  /**
   * How a meter's consumption in a month compares with its cohort's; empty when the meter has no
   * cohort that month (too few similar meters) or its cohort-month has too few values.
   */
  public Optional<PeerComparison> compare(YearMonth month, Premise premise, double kwh) {
    return assigner
        .assign(month, premise)
        .map(k -> stats.get(new CohortMonth(k, month)))
        .map(s -> PeerComparison.of(s, kwh));
  }

  /** The comparison of one input row; see {@link #compare(YearMonth, Premise, double)}. */
  public Optional<PeerComparison> compare(PeerInput row) {
    return compare(row.month(), row.premise(), row.kwh());
  }

  /** The statistics of a cohort-month, when it was placed and has enough members. */
  public Optional<CohortStats> stats(CohortMonth cohort) {
    return Optional.ofNullable(stats.get(cohort));
  }

  /** The statistics of every published cohort-month, by month then cohort. */
  public Map<CohortMonth, CohortStats> allStats() {
    return stats;
  }

  /** The placement of meters into cohorts. */
  public CohortAssigner assigner() {
    return assigner;
  }
}
