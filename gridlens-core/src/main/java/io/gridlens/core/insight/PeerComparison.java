package io.gridlens.core.insight;

import java.util.Objects;

/**
 * How one meter's consumption in one local month compares with its peer cohort's (DESIGN.md section
 * 9).
 *
 * @param cohort the cohort-month the meter is placed in ({@link CohortKey#level()} says how far it
 *     was relaxed)
 * @param kwh the meter's consumption in the month, kWh
 * @param percentileRank its rank among the cohort's members, in [0, 100] ({@link CohortStats})
 * @param rating the verdict: great, good or above typical
 * @param cohortCount members of the cohort with a value that month
 * @param median the cohort's median, kWh
 * @param p20 the cohort's 20th percentile (efficient neighbours), kWh
 */
public record PeerComparison(
    CohortMonth cohort,
    double kwh,
    double percentileRank,
    PeerRating rating,
    int cohortCount,
    double median,
    double p20) {

  public PeerComparison {
    Objects.requireNonNull(cohort, "cohort");
    Objects.requireNonNull(rating, "rating");
    if (!(percentileRank >= 0 && percentileRank <= 100)) {
      throw new IllegalArgumentException(
          "percentileRank must be in [0, 100], was " + percentileRank);
    }
    if (cohortCount < 1) {
      throw new IllegalArgumentException("cohortCount must be >= 1, was " + cohortCount);
    }
    if (p20 > median) {
      throw new IllegalArgumentException("p20 " + p20 + " must not exceed the median " + median);
    }
  }

  /** The comparison of a consumption against a cohort-month's statistics. */
  static PeerComparison of(CohortStats stats, double kwh) {
    return new PeerComparison(
        stats.cohort(),
        kwh,
        stats.percentileRank(kwh),
        stats.rating(kwh),
        stats.count(),
        stats.median(),
        stats.p20());
  }
}
