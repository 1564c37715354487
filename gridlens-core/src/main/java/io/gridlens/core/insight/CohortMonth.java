package io.gridlens.core.insight;

import java.time.YearMonth;
import java.util.Comparator;
import java.util.Objects;

/**
 * One peer cohort in one local month: the unit of peer statistics.
 *
 * @param cohort the cohort
 * @param month the local month of the members' consumption
 */
public record CohortMonth(CohortKey cohort, YearMonth month) implements Comparable<CohortMonth> {

  private static final Comparator<CohortMonth> ORDER =
      Comparator.comparing(CohortMonth::month).thenComparing(CohortMonth::cohort);

  public CohortMonth {
    Objects.requireNonNull(cohort, "cohort");
    Objects.requireNonNull(month, "month");
  }

  @Override
  public int compareTo(CohortMonth o) {
    return ORDER.compare(this, o);
  }
}
