package io.gridlens.core.insight;

import static io.gridlens.core.insight.HistoryDays.MISSING;
import static io.gridlens.core.insight.HistoryDays.day;
import static io.gridlens.core.insight.HistoryDays.flat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gridlens.core.insight.DegreeDays.Model;
import io.gridlens.core.insight.DegreeDays.Observation;
import io.gridlens.core.insight.DegreeDays.Settings;
import io.gridlens.core.reference.Weather;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DegreeDaysTest {

  private static final LocalDate START = LocalDate.of(2023, 1, 1);

  /** Settings of the small worked examples: one balance point each, 4 days suffice. */
  private static Settings small(double heating, double cooling) {
    return Settings.CELSIUS.withRanges(heating, heating, cooling, cooling).withMinimums(4, 2);
  }

  private static List<Observation> means(double[] temperatures, double[] kwh) {
    List<Observation> days = new ArrayList<>();
    for (int d = 0; d < kwh.length; d++) {
      days.add(Observation.ofMean(START.plusDays(d), kwh[d], temperatures[d]));
    }
    return days;
  }

  /** A well-spread temperature of day {@code d}: -5..25 °C, in a Weyl (golden-ratio) sequence. */
  private static double spread(int d) {
    double f = (d * 0.6180339887498949) % 1.0;
    return -5 + 30 * f;
  }

  @Test
  void shouldFitHeatingSlopeAndBaseByLeastSquares() {
    // Tb_h = 10: HDD of 10, 8, 6, 4 °C is x = 0, 2, 4, 6; y = 1, 6, 8, 13 kWh.
    // mean x = 3, mean y = 7; Sxx = 9+1+1+9 = 20; Sxy = 18+1+1+18 = 38; h = 38/20 = 1.9;
    // base = 7 - 1.9 x 3 = 1.3. Fitted 1.3, 5.1, 8.9, 12.7: SSE = .09+.81+.81+.09 = 1.8;
    // SST = 36+1+1+36 = 74; adjusted R² = 1 - (1.8/2) / (74/3) = 0.963514;
    // t = 1.9 / sqrt(0.9/20) = 8.96 >= 1.645. The cooling term (Tb 30) has no degree day.
    List<Observation> days = means(new double[] {10, 8, 6, 4}, new double[] {1, 6, 8, 13});

    Model m = DegreeDays.fit(days, START.plusDays(3), small(10, 30)).orElseThrow();

    assertThat(m.baseKwh()).isCloseTo(1.3, within(1e-12));
    assertThat(m.heatingSlope()).isCloseTo(1.9, within(1e-12));
    assertThat(m.heatingBalance()).isEqualTo(10.0);
    assertThat(m.hasCooling()).isFalse();
    assertThat(m.adjustedR2()).isCloseTo(0.963513513514, within(1e-9));
    assertThat(m.days()).isEqualTo(4);
    assertThat(m.heatingKwh(days.get(2))).isCloseTo(7.6, within(1e-12)); // 1.9 x 4
  }

  @Test
  void shouldTakeTheLikelihoodWeightedMeanOfTheGridBalancePoints() {
    // The data of the first example on the grid Tb_h = 10, 11. Every day is at or below 10 °C, so
    // HDD(11) = HDD(10) + 1 = 1, 3, 5, 7: a shift, the same slope 1.9 and SSE 1.8 at both points,
    // so both weigh exp(0) = 1 and the mean balance point is (10 + 11) / 2 = 10.5.
    // Refit there: x = 0.5, 2.5, 4.5, 6.5, mean 3.5; h = 1.9 (a shift again), SSE 1.8,
    // adjusted R² 0.963514; base = 7 - 1.9 x 3.5 = 0.35; heating of the 6 °C day 1.9 x 4.5 = 8.55.
    List<Observation> days = means(new double[] {10, 8, 6, 4}, new double[] {1, 6, 8, 13});
    Settings grid = Settings.CELSIUS.withRanges(10, 11, 30, 30).withMinimums(4, 2);

    Model m = DegreeDays.fit(days, START.plusDays(3), grid).orElseThrow();

    assertThat(m.heatingBalance()).isCloseTo(10.5, within(1e-12));
    assertThat(m.heatingSlope()).isCloseTo(1.9, within(1e-12));
    assertThat(m.baseKwh()).isCloseTo(0.35, within(1e-12));
    assertThat(m.adjustedR2()).isCloseTo(0.963513513514, within(1e-9));
    assertThat(m.heatingKwh(days.get(2))).isCloseTo(8.55, within(1e-12));
  }

  @Test
  void shouldBuildObservationsFromTemperatureSamples() {
    LocalDate d1 = START;
    LocalDate d2 = START.plusDays(1);
    double[] hourly = new double[24];
    Arrays.fill(hourly, 0, 12, 2.0);
    Arrays.fill(hourly, 12, 24, 8.0);

    List<Observation> obs =
        DegreeDays.observations(List.of(flat(d1, 60, 250), flat(d2, 60, 100)), Map.of(d1, hourly));

    // d1: 6 kWh with its 24 samples; HDD(5) = (12 x 3 + 12 x 0) / 24 = 1.5. d2 has no samples.
    assertThat(obs).containsExactly(new Observation(d1, 6.0, hourly));
    assertThat(obs.get(0).heatingDegrees(5)).isEqualTo(1.5);
    assertThat(obs.get(0).hasEnergies()).isFalse();
  }

  @Test
  void shouldDropANegativeTerm() {
    // CDD at 20 °C of 22, 24, 26, 28 °C: 2, 4, 6, 8; kWh 9, 8, 7, 6 falls with it: slope -0.5.
    // No heating degree day at 7 °C, so only the intercept is left: base = mean = 7.5.
    List<Observation> days = means(new double[] {22, 24, 26, 28}, new double[] {9, 8, 7, 6});

    Model m = DegreeDays.fit(days, START.plusDays(3), small(7, 20)).orElseThrow();

    assertThat(m.hasHeating()).isFalse();
    assertThat(m.hasCooling()).isFalse();
    assertThat(m.baseKwh()).isEqualTo(7.5);
    assertThat(m.adjustedR2()).isEqualTo(0.0);
  }

  @Test
  void shouldDropATermThatIsNotSignificant() {
    // CDD at 20 °C: 1..5; kWh 5, 3, 6, 2, 7. mean x = 3, mean y = 4.6; Sxx = 10; Sxy = 3;
    // c = 0.3; SSE = 17.2 - 0.3 x 3 = 16.3; se = sqrt(16.3/3/10) = 0.737; t = 0.41 < 1.645.
    List<Observation> days = means(new double[] {21, 22, 23, 24, 25}, new double[] {5, 3, 6, 2, 7});

    Model m = DegreeDays.fit(days, START.plusDays(4), small(7, 20)).orElseThrow();

    assertThat(m.hasCooling()).isFalse();
    assertThat(m.baseKwh()).isCloseTo(4.6, within(1e-12));
  }

  @Test
  void shouldFitHeatingAndCoolingTogether() {
    // kWh = 8 + 0.6 HDD(16) + 1.2 CDD(22) exactly, on a year of spread temperatures.
    List<Observation> days = new ArrayList<>();
    for (int d = 0; d < 365; d++) {
      double t = spread(d) + 5; // 0..30 °C
      days.add(
          Observation.ofMean(
              START.plusDays(d), 8 + 0.6 * Math.max(0, 16 - t) + 1.2 * Math.max(0, t - 22), t));
    }

    Model m = DegreeDays.fit(days, START.plusDays(364), Settings.CELSIUS).orElseThrow();

    assertThat(m.heatingBalance()).isEqualTo(16.0);
    assertThat(m.coolingBalance()).isEqualTo(22.0);
    assertThat(m.baseKwh()).isCloseTo(8, within(1e-9));
    assertThat(m.heatingSlope()).isCloseTo(0.6, within(1e-9));
    assertThat(m.coolingSlope()).isCloseTo(1.2, within(1e-9));
    assertThat(m.adjustedR2()).isCloseTo(1, within(1e-9));
    assertThat(m.from()).isEqualTo(START);
    assertThat(m.to()).isEqualTo(START.plusDays(364));
  }

  @Test
  void shouldGiveNothingUnderNinetyDaysInTheWindow() {
    List<Observation> days = new ArrayList<>();
    for (int d = 0; d < 100; d++) {
      days.add(Observation.ofMean(START.plusDays(d), 10 + d % 3, spread(d)));
    }
    LocalDate asOf = START.plusDays(99);

    assertThat(DegreeDays.fit(days.subList(0, 89), asOf, Settings.CELSIUS)).isEmpty();
    assertThat(DegreeDays.fit(days.subList(0, 90), asOf, Settings.CELSIUS)).isPresent();
  }

  @Test
  void shouldFitOnlyTheTrailingWindow() {
    List<Observation> days = new ArrayList<>();
    for (int d = 0; d < 500; d++) {
      days.add(Observation.ofMean(START.plusDays(d), d < 135 ? 99 : 10, spread(d)));
    }

    // The window ends on day 499 and starts on day 135: every day in it has 10 kWh.
    Model m = DegreeDays.fit(days, START.plusDays(499), Settings.CELSIUS).orElseThrow();

    assertThat(m.days()).isEqualTo(365);
    assertThat(m.baseKwh()).isEqualTo(10.0);
    assertThat(m.from()).isEqualTo(START.plusDays(135));
  }

  @Test
  void shouldCountTheColdHoursOfAMildDayWithTemperatureSamples() {
    // Samples 4 and 20 °C: the mean (12) is above a 10 °C balance point, but one half of the day
    // is 6 degrees below it: HDD = (6 + 0) / 2 = 3 by integration, 0 by the mean.
    Observation day = new Observation(START, 5, new double[] {4, 20});

    assertThat(day.heatingDegrees(10)).isEqualTo(3.0);
    assertThat(Observation.ofMean(START, 5, day.meanTemperature()).heatingDegrees(10))
        .isEqualTo(0.0);
    assertThat(day.coolingDegrees(18)).isEqualTo(1.0); // (0 + 2) / 2
  }

  @Test
  void shouldBuildObservationsFromCompleteDaysWithWeather() {
    LocalDate d1 = START;
    LocalDate d2 = START.plusDays(1);
    LocalDate d3 = START.plusDays(2);
    long[] gap = new long[24];
    Arrays.fill(gap, 100);
    gap[5] = MISSING;
    Weather weather = new Weather("r1", Map.of(d1, 4.5, d2, 6.0));

    List<Observation> obs =
        DegreeDays.observations(
            List.of(flat(d1, 60, 250), day(d2, 60, gap), flat(d3, 60, 1)), weather);

    // d1: 24 x 250 Wh = 6 kWh at 4.5 °C; d2 has a missing interval; d3 has no weather.
    assertThat(obs).containsExactly(Observation.ofMean(d1, 6.0, 4.5));
  }

  @Test
  void shouldRejectTwoObservationsOfOneDate() {
    List<Observation> days =
        List.of(Observation.ofMean(START, 1, 5), Observation.ofMean(START, 2, 5));

    assertThatThrownBy(() -> DegreeDays.fit(days, START, Settings.CELSIUS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(START.toString());
  }

  @Test
  void shouldRejectAReversedBalancePointRange() {
    assertThatThrownBy(() -> Settings.CELSIUS.withRanges(24, 7, 15, 30))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("heating balance-point range")
        .hasMessageContaining("24.0..7.0");
  }

  @Test
  void shouldBuildIntervalObservationsWithThePreviousDaysLastSamplesAsHistory() {
    LocalDate d1 = START;
    LocalDate d2 = START.plusDays(1);
    LocalDate d3 = START.plusDays(3);
    long[] halfHours = new long[48];
    for (int i = 0; i < 48; i++) {
      halfHours[i] = 100 * (i % 2 + 1); // 100, 200, 100, 200, ...
    }
    double[] t1 = new double[24];
    double[] t2 = new double[24];
    for (int h = 0; h < 24; h++) {
      t1[h] = h;
      t2[h] = 30 + h;
    }

    List<Observation> obs =
        DegreeDays.intervalObservations(
            List.of(day(d1, 30, halfHours), day(d2, 30, halfHours), day(d3, 30, halfHours)),
            Map.of(d1, t1, d2, t2, d3, t2),
            3);

    // d1 has no previous day with samples; d2 sums two half-hours per hour, 100 + 200 Wh = 0.3
    // kWh, 7.2 kWh a day, with the last 3 hours of d1 (21, 22, 23 °C) as history; d3's previous
    // day (d3 - 1) has no samples either.
    double[] energies = new double[24];
    Arrays.fill(energies, 0.3);
    assertThat(obs).hasSize(1);
    assertThat(obs.get(0).date()).isEqualTo(d2);
    assertThat(obs.get(0).energies()).containsExactly(energies, within(1e-12));
    assertThat(obs.get(0).kwh()).isCloseTo(7.2, within(1e-12));
    assertThat(obs.get(0).history()).containsExactly(21, 22, 23);
    assertThat(obs.get(0).laggedTemperature(0, 2)).isEqualTo(22.0);
  }

  @Test
  void shouldRejectIntervalsThatCannotBeSummedIntoTheSamples() {
    double[] samples = new double[7];

    assertThatThrownBy(
            () ->
                DegreeDays.intervalObservations(
                    List.of(flat(START.plusDays(1), 60, 1)),
                    Map.of(START, samples, START.plusDays(1), samples),
                    6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("24 intervals of " + START.plusDays(1))
        .hasMessageContaining("7 temperature samples");
  }

  @Test
  void shouldRejectEnergiesThatAreNotAlignedWithTheTemperatures() {
    assertThatThrownBy(
            () ->
                Observation.ofIntervals(
                    START, new double[] {1, 2}, new double[] {5, 6, 7}, new double[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 energies for 3 temperatures");
    assertThatThrownBy(
            () ->
                new Observation(START, 4, new double[] {5, 6}, new double[] {1, 2}, new double[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sum to 3.0 kWh, not the day's 4.0");
  }

  @Test
  void shouldRefuseALaggedModelOnADayWithoutEnoughHistory() {
    Model lagged = new Model(START, START, 1, 1, 1, 10, 0, Double.NaN, 0.5, 2);
    Observation day =
        new Observation(START, 5, new double[] {4, 20}, new double[0], new double[] {3});

    assertThatThrownBy(() -> lagged.heatingKwh(day))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a lag of 2 samples needs 2 history temperatures before " + START)
        .hasMessageContaining("has 1");
  }

  @Test
  void shouldRejectANegativeOrHugeMaximumLag() {
    assertThatThrownBy(() -> Settings.CELSIUS.withMaxLag(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxLag must be 0..48");
    assertThatThrownBy(() -> Settings.CELSIUS.withMaxLag(49))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 49");
  }

  @Property(tries = 60)
  void shouldRecoverBaseSlopeAndBalancePointOfExactHeatingData(
      @ForAll @DoubleRange(min = 0.5, max = 30) double base,
      @ForAll @DoubleRange(min = 0.1, max = 5) double slope,
      @ForAll @IntRange(min = 8, max = 20) int balance) {
    List<Observation> days = new ArrayList<>();
    for (int d = 0; d < 150; d++) {
      double t = spread(d);
      days.add(Observation.ofMean(START.plusDays(d), base + slope * Math.max(0, balance - t), t));
    }

    Model m = DegreeDays.fit(days, START.plusDays(149), Settings.CELSIUS).orElseThrow();

    assertThat(m.heatingBalance()).isEqualTo(balance);
    assertThat(m.hasCooling()).isFalse();
    assertThat(m.heatingSlope()).isCloseTo(slope, within(1e-9 * (1 + slope)));
    assertThat(m.baseKwh()).isCloseTo(base, within(1e-9 * (1 + base)));
  }
}
