package io.gridlens.core.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gridlens.core.reference.DwellingType;
import io.gridlens.core.reference.HeatingEnergy;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CohortStatsTest {

  private static final CohortMonth COHORT =
      new CohortMonth(
          new CohortKey("acme", "FR-IDF", DwellingType.HOUSE, HeatingEnergy.ELECTRIC, 2, 2),
          YearMonth.of(2025, 1));

  /** Eight members, given out of order: sorted 90 110 140 160 200 230 300 450 kWh. */
  private static final double[] EIGHT = {300, 90, 450, 160, 110, 230, 140, 200};

  private final CohortStats stats = CohortStats.of(COHORT, EIGHT, 5);

  @Test
  void shouldInterpolateTheMedianBetweenTheTwoMiddleMembers() {
    // h = (8 - 1) x 0.5 = 3.5: x[3] + 0.5 (x[4] - x[3]) = 160 + 0.5 x 40 = 180.
    assertThat(stats.median()).isEqualTo(180.0);
  }

  @Test
  void shouldInterpolateTheTwentiethPercentile() {
    // h = 7 x 0.2 = 1.4: x[1] + 0.4 (x[2] - x[1]) = 110 + 0.4 x 30 = 122.
    assertThat(stats.p20()).isCloseTo(122.0, within(1e-9));
  }

  @Test
  void shouldCountTheMembers() {
    assertThat(stats.count()).isEqualTo(8);
  }

  @Test
  void shouldRankMembersAtTheMiddleOfTheirOwnStep() {
    // (members below + 1/2) / 8 x 100.
    assertThat(stats.percentileRank(90)).isEqualTo(6.25); // 0.5 / 8
    assertThat(stats.percentileRank(110)).isEqualTo(18.75); // 1.5 / 8
    assertThat(stats.percentileRank(140)).isEqualTo(31.25); // 2.5 / 8
    assertThat(stats.percentileRank(200)).isEqualTo(56.25); // 4.5 / 8
    assertThat(stats.percentileRank(450)).isEqualTo(93.75); // 7.5 / 8
  }

  @Test
  void shouldRankNonMembersByTheMembersBelow() {
    assertThat(stats.percentileRank(0)).isEqualTo(0.0);
    assertThat(stats.percentileRank(170)).isEqualTo(50.0); // 4 below
    assertThat(stats.percentileRank(1000)).isEqualTo(100.0);
  }

  @Test
  void shouldCountTiesHalf() {
    // 100 100 100 200 300: at 100, 0 below and 3 equal: (0 + 1.5) / 5 = 30 %.
    CohortStats ties = CohortStats.of(COHORT, new double[] {100, 300, 100, 200, 100}, 5);

    assertThat(ties.percentileRank(100)).isEqualTo(30.0);
    assertThat(ties.median()).isEqualTo(100.0);
    assertThat(ties.p20()).isEqualTo(100.0); // h = 0.8 between x[0] = x[1] = 100
  }

  @Test
  void shouldRateAgainstTheTwentiethPercentileAndTheMedian() {
    // p20 = 122, median = 180.
    assertThat(stats.rating(90)).isEqualTo(PeerRating.GREAT);
    assertThat(stats.rating(122)).isEqualTo(PeerRating.GREAT);
    assertThat(stats.rating(140)).isEqualTo(PeerRating.GOOD);
    assertThat(stats.rating(180)).isEqualTo(PeerRating.GOOD);
    assertThat(stats.rating(200)).isEqualTo(PeerRating.ABOVE_TYPICAL);
  }

  @Test
  void shouldRefuseStatisticsOfTooFewMembers() {
    assertThatThrownBy(() -> CohortStats.of(COHORT, new double[] {1, 2, 3, 4}, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 4 members, fewer than the minimum 5")
        .hasMessageContaining("privacy");
  }

  @Test
  void shouldRejectANegativeConsumption() {
    assertThatThrownBy(() -> CohortStats.of(COHORT, new double[] {1, 2, -3}, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finite and >= 0 kWh, was -3.0");
  }

  @Test
  void shouldNotKeepTheCallersArray() {
    double[] values = {1, 2, 3};
    CohortStats s = CohortStats.of(COHORT, values, 1);
    values[0] = 1000;

    assertThat(s.percentile(0)).isEqualTo(1.0);
  }

  @Provide
  Arbitrary<List<Double>> cohortValues() {
    return Arbitraries.oneOf(
            Arbitraries.doubles().between(0, 5_000).ofScale(1),
            Arbitraries.of(0.0, 100.0, 250.0, 250.0, 400.0))
        .list()
        .ofMinSize(1)
        .ofMaxSize(200);
  }

  @Property
  void shouldNeverRankAHigherConsumptionLower(
      @ForAll("cohortValues") List<Double> values,
      @ForAll("kwh") double v,
      @ForAll("kwh") double w) {
    CohortStats s = CohortStats.of(COHORT, toArray(values), 1);
    double lo = Math.min(v, w);
    double hi = Math.max(v, w);

    assertThat(s.percentileRank(lo)).isLessThanOrEqualTo(s.percentileRank(hi));
    assertThat(s.rating(lo)).isLessThanOrEqualTo(s.rating(hi));
  }

  @Provide
  Arbitrary<Double> kwh() {
    return Arbitraries.oneOf(
        Arbitraries.doubles().between(0, 6_000).ofScale(1), Arbitraries.of(100.0, 250.0));
  }

  @Property
  void shouldKeepTheTwentiethPercentileAtOrBelowTheMedian(
      @ForAll("cohortValues") List<Double> values) {
    CohortStats s = CohortStats.of(COHORT, toArray(values), 1);

    assertThat(s.p20()).isLessThanOrEqualTo(s.median());
  }

  @Property
  void shouldMatchADirectComputation(
      @ForAll("cohortValues") List<Double> values, @ForAll("kwh") double v) {
    List<Double> shuffled = new ArrayList<>(values);
    Collections.shuffle(shuffled, new Random(values.size()));
    CohortStats s = CohortStats.of(COHORT, toArray(shuffled), 1);

    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    // Median: the middle value, or the mean of the two middle values.
    double median =
        n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    // P20: walk the piecewise-linear curve through the points (k / (n-1), x_k).
    double p20 = sorted.get(0);
    for (int k = 0; k + 1 < n; k++) {
      double from = (double) k / (n - 1);
      double to = (double) (k + 1) / (n - 1);
      if (from <= 0.2 && 0.2 <= to) {
        p20 = sorted.get(k) + (0.2 - from) / (to - from) * (sorted.get(k + 1) - sorted.get(k));
        break;
      }
    }
    // Rank: count members below and equal.
    long below = values.stream().filter(x -> x < v).count();
    long equal = values.stream().filter(x -> x == v).count();
    double rank = 100.0 * (below + equal / 2.0) / n;

    assertThat(s.count()).isEqualTo(n);
    assertThat(s.median()).isCloseTo(median, within(1e-9));
    assertThat(s.p20()).isCloseTo(p20, within(1e-6));
    assertThat(s.percentileRank(v)).isCloseTo(rank, within(1e-9));
  }

  static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
