package io.gridlens.core.insight;

import java.util.Arrays;
import java.util.Objects;

/**
 * The monthly consumption of the members of one peer cohort in one local month, with the statistics
 * shown to consumers: member count, median and 20th percentile ("efficient neighbours"), and the
 * percentile rank of any consumption among them.
 *
 * <p>Definitions (n sorted values {@code x[0] <= ... <= x[n-1]}, in kWh):
 *
 * <ul>
 *   <li>percentile {@code q} in [0, 1]: linear interpolation between closest ranks, numpy's default
 *       ({@code method="linear"}, Hyndman and Fan type 7): {@code h = (n-1) q}, {@code Q(q) =
 *       x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h])}. The median is {@code Q(0.5)}
 *       (the mean of the two middle values for even n), the efficient-neighbours value is {@code
 *       Q(0.2)}.
 *   <li>percentile rank of a value {@code v}, in [0, 100]: {@code 100 (below + equal / 2) / n},
 *       with {@code below} the members under {@code v} and {@code equal} those at {@code v} (the
 *       "mean" rank of {@code scipy.stats.percentileofscore}): the lowest of n distinct members
 *       ranks {@code 50 / n}, a value under every member ranks 0. It never decreases as {@code v}
 *       grows.
 *   <li>rating: {@link PeerRating#of}, from {@code v} against {@code Q(0.2)} and {@code Q(0.5)}.
 * </ul>
 *
 * <p>Privacy: a cohort-month with fewer than the configured minimum of members has no statistics;
 * {@link #of} refuses to build them.
 *
 * <p>Cost: the values are sorted once ({@code n log n}); rank queries are binary searches. Memory:
 * one {@code double} per member (8 bytes), held until the statistics are dropped. Immutable and
 * thread-safe.
 */
public final class CohortStats {

  /** The quantile of the efficient neighbours. */
  public static final double EFFICIENT_QUANTILE = 0.2;

  private final CohortMonth cohort;
  private final double[] sorted;
  private final double median;
  private final double p20;

  private CohortStats(CohortMonth cohort, double[] sorted) {
    this.cohort = cohort;
    this.sorted = sorted;
    this.median = percentile(sorted, 0.5);
    this.p20 = percentile(sorted, EFFICIENT_QUANTILE);
  }

  /**
   * The statistics of a cohort-month's member values (copied).
   *
   * @throws IllegalArgumentException when there are fewer than {@code minSize} values, or a value
   *     is negative or not finite
   */
  public static CohortStats of(CohortMonth cohort, double[] values, int minSize) {
    return owning(cohort, values.clone(), values.length, minSize);
  }

  /** The statistics of the first {@code n} values of an array this call takes over and sorts. */
  static CohortStats owning(CohortMonth cohort, double[] values, int n, int minSize) {
    Objects.requireNonNull(cohort, "cohort");
    if (n < minSize) {
      throw new IllegalArgumentException(
          "cohort-month "
              + cohort
              + " has "
              + n
              + " members, fewer than the minimum "
              + minSize
              + "; its statistics must not be produced (privacy floor)");
    }
    if (n < 1) {
      throw new IllegalArgumentException("cohort-month " + cohort + " has no member");
    }
    double[] sorted = n == values.length ? values : Arrays.copyOf(values, n);
    for (int i = 0; i < n; i++) {
      checkValue(cohort, sorted[i]);
      sorted[i] += 0.0; // -0.0 becomes 0.0, so that sorting and comparing agree
    }
    Arrays.sort(sorted);
    return new CohortStats(cohort, sorted);
  }

  /** The cohort and month. */
  public CohortMonth cohort() {
    return cohort;
  }

  /** Number of members with a value this month. */
  public int count() {
    return sorted.length;
  }

  /** The median monthly consumption, kWh. */
  public double median() {
    return median;
  }

  /** The 20th percentile of the monthly consumption (efficient neighbours), kWh. */
  public double p20() {
    return p20;
  }

  /** The percentile {@code q} in [0, 1] of the members' consumption, kWh (see class note). */
  public double percentile(double q) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("percentile q must be in [0, 1], was " + q);
    }
    return percentile(sorted, q);
  }

  /** The percentile rank in [0, 100] of a consumption among the members (see class note). */
  public double percentileRank(double kwh) {
    checkValue(cohort, kwh);
    int below = firstAtLeast(kwh, false);
    int notAbove = firstAtLeast(kwh, true);
    return 100.0 * (below + (notAbove - below) / 2.0) / sorted.length;
  }

  /** The rating of a consumption against this cohort-month. */
  public PeerRating rating(double kwh) {
    checkValue(cohort, kwh);
    return PeerRating.of(kwh, p20, median);
  }

  /** Linear interpolation between closest ranks (numpy's default) on sorted values. */
  static double percentile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    if (lo >= sorted.length - 1) {
      return sorted[sorted.length - 1];
    }
    return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
  }

  /** Index of the first value {@code >= v} (or {@code > v} when {@code strictly}). */
  private int firstAtLeast(double v, boolean strictly) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      boolean before = strictly ? sorted[mid] <= v : sorted[mid] < v;
      if (before) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static void checkValue(CohortMonth cohort, double kwh) {
    if (!(kwh >= 0) || Double.isInfinite(kwh)) {
      throw new IllegalArgumentException(
          "monthly consumption must be finite and >= 0 kWh, was " + kwh + " in " + cohort);
    }
  }

  @Override
  public String toString() {
    return "CohortStats["
        + cohort
        + ", n="
        + sorted.length
        + ", median="
        + median
        + ", p20="
        + p20
        + "]";
  }
}
