package io.gridlens.core.insight;

/**
 * How a meter's monthly consumption compares with its cohort's: the verdict shown to the consumer.
 */
public enum PeerRating {
  /** At or below the cohort's 20th percentile: among the efficient neighbours. */
  GREAT,
  /** Above the 20th percentile, at or below the median. */
  GOOD,
  /** Above the cohort's median. */
  ABOVE_TYPICAL;

  /** The rating of a consumption given its cohort's 20th percentile and median. */
  public static PeerRating of(double kwh, double p20, double median) {
    if (kwh <= p20) {
      return GREAT;
    }
    return kwh <= median ? GOOD : ABOVE_TYPICAL;
  }
}
