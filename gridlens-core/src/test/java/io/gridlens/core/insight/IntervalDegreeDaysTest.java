package io.gridlens.core.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridlens.core.insight.DegreeDays.Model;
import io.gridlens.core.insight.DegreeDays.Observation;
import io.gridlens.core.insight.DegreeDays.Settings;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class IntervalDegreeDaysTest {

  private static final LocalDate START = LocalDate.of(2023, 1, 1);

  /**
   * Four days of four samples (6 h apart) of the series 0 | 4 8 12 16 | 2 6 10 14 | 6 9 12 15 | 1 3
   * 5 7 °C, each day with the sample before it as history, and energies made exactly by base 8 kWh
   * a day and 2 kWh per heating degree day at 10 °C of the temperature ONE sample earlier: sample
   * energy = (8 + 2 max(0, 10 - T(s - 1))) / 4.
   *
   * <pre>
   * day  lagged T      degrees at 10   HDD (mean)  energies               kWh
   * 1    0  4  8 12    10  6  2  0     4.5         7    5    3    2       17   = 8 + 2 x 4.5
   * 2    16 2  6 10     0  8  4  0     3           2    6    4    2       14   = 8 + 2 x 3
   * 3    14 6  9 12     0  4  1  0     1.25        2    4    2.5  2       10.5 = 8 + 2 x 1.25
   * 4    15 1  3  5     0  9  7  5     5.25        2    6.5  5.5  4.5     18.5 = 8 + 2 x 5.25
   * </pre>
   */
  private static List<Observation> laggedExample() {
    double[][] temperatures = {{4, 8, 12, 16}, {2, 6, 10, 14}, {6, 9, 12, 15}, {1, 3, 5, 7}};
    double[] before = {0, 16, 14, 15};
    double[][] energies = {{7, 5, 3, 2}, {2, 6, 4, 2}, {2, 4, 2.5, 2}, {2, 6.5, 5.5, 4.5}};
    List<Observation> days = new ArrayList<>();
    for (int d = 0; d < 4; d++) {
      days.add(
          Observation.ofIntervals(
              START.plusDays(d), energies[d], temperatures[d], new double[] {before[d]}));
    }
    return days;
  }

  /** Settings of the worked example: heating 10 °C, no cooling degree day (30 °C), lags 0..1. */
  private static Settings example() {
    return Settings.CELSIUS.withRanges(10, 10, 30, 30).withMinimums(4, 2).withMaxLag(1);
  }

  @Test
  void shouldComputeTheDegreeDaysOfTheLaggedTemperatures() {
    Observation day = laggedExample().get(0);

    // Lag 1: 0 4 8 12 °C, degrees below 10: 10 6 2 0, mean 4.5. Lag 0: 4 8 12 16: 6 2 0 0, mean 2.
    assertThat(day.heatingDegrees(10, 1)).isEqualTo(4.5);
    assertThat(day.heatingDegrees(10, 0)).isEqualTo(2.0);
    // Cooling above 10 at lag 1: 0 0 0 2, mean 0.5.
    assertThat(day.coolingDegrees(10, 1)).isEqualTo(0.5);
    assertThat(day.kwh()).isEqualTo(17.0);
  }

  @Test
  void shouldFindTheLagAndCoefficientsOfExactLaggedData() {
    List<Observation> days = laggedExample();

    Model m = DegreeDays.fit(days, START.plusDays(3), example()).orElseThrow();

    // Exact data: D is least where mu = y, at lag 1, base 8, h 2; the daily kWh are exact too.
    assertThat(m.lag()).isEqualTo(1);
    assertThat(m.heatingBalance()).isEqualTo(10.0);
    assertThat(m.baseKwh()).isCloseTo(8, within(1e-9));
    assertThat(m.heatingSlope()).isCloseTo(2, within(1e-9));
    assertThat(m.hasCooling()).isFalse();
    assertThat(m.adjustedR2()).isCloseTo(1, within(1e-9));
    assertThat(m.heatingKwh(days.get(3))).isCloseTo(10.5, within(1e-9)); // 2 x 5.25
  }

  @Test
  void shouldUseTheDailyEstimatorWhenADayHasNoIntervalEnergies() {
    List<Observation> days = new ArrayList<>(laggedExample());
    Observation last = days.get(3);
    days.set(3, new Observation(last.date(), last.kwh(), last.temperatures()));
    List<Observation> daily = new ArrayList<>();
    for (Observation o : days) {
      daily.add(new Observation(o.date(), o.kwh(), o.temperatures()));
    }

    Model m = DegreeDays.fit(days, START.plusDays(3), example()).orElseThrow();

    assertThat(m.lag()).isZero();
    assertThat(m).isEqualTo(DegreeDays.fit(daily, START.plusDays(3), example()).orElseThrow());
  }

  @Test
  void shouldKeepTheLagAtZeroWhenADayHasNoHistory() {
    List<Observation> days = new ArrayList<>(laggedExample());
    Observation first = days.get(0);
    days.set(
        0,
        Observation.ofIntervals(
            first.date(), first.energies(), first.temperatures(), new double[0]));

    Model m = DegreeDays.fit(days, START.plusDays(3), example()).orElseThrow();

    assertThat(m.lag()).isZero();
  }

  @Test
  void shouldFitTheInterceptOnlyWhenEveryIntervalIsTheSameShareOfItsDay() {
    // 1 kWh every sample: nothing varies with temperature, base = 4 kWh a day.
    List<Observation> days = new ArrayList<>();
    for (Observation o : laggedExample()) {
      days.add(
          Observation.ofIntervals(
              o.date(), new double[] {1, 1, 1, 1}, o.temperatures(), o.history()));
    }

    Model m = DegreeDays.fit(days, START.plusDays(3), example()).orElseThrow();

    assertThat(m.hasHeating()).isFalse();
    assertThat(m.hasCooling()).isFalse();
    assertThat(m.baseKwh()).isCloseTo(4, within(1e-12));
    assertThat(m.lag()).isZero();
  }

  /**
   * Hourly temperatures of day {@code d}, hour {@code h}: a seasonal swing of ±12 °C around 12 °C
   * and a daily one of ±5 °C peaking at 15:00, plus a Weyl-sequence jitter of ±2 °C.
   */
  private static double temperature(int d, int h) {
    int i = 24 * d + h;
    double jitter = 4 * ((i * 0.6180339887498949) % 1.0) - 2;
    return 12
        + 12 * Math.cos(2 * Math.PI * d / 120.0)
        + 5 * Math.cos(2 * Math.PI * (h - 15) / 24.0)
        + jitter;
  }

  @Property(tries = 30)
  void shouldRecoverLagBalancePointsAndCoefficientsOfExactHourlyData(
      @ForAll @DoubleRange(min = 2, max = 30) double base,
      @ForAll @DoubleRange(min = 0.2, max = 3) double heating,
      @ForAll @DoubleRange(min = 0.2, max = 3) double cooling,
      @ForAll @IntRange(min = 10, max = 16) int heatingBalance,
      @ForAll @IntRange(min = 17, max = 22) int coolingBalance,
      @ForAll @IntRange(min = 0, max = 6) int lag) {
    List<Observation> days = new ArrayList<>();
    for (int d = 1; d <= 120; d++) {
      double[] t = new double[24];
      double[] before = new double[6];
      double[] e = new double[24];
      for (int h = 0; h < 24; h++) {
        t[h] = temperature(d, h);
      }
      for (int h = 0; h < 6; h++) {
        before[h] = temperature(d - 1, 18 + h);
      }
      for (int h = 0; h < 24; h++) {
        double tl = h >= lag ? t[h - lag] : before[6 + h - lag];
        e[h] =
            (base
                    + heating * Math.max(0, heatingBalance - tl)
                    + cooling * Math.max(0, tl - coolingBalance))
                / 24;
      }
      days.add(Observation.ofIntervals(START.plusDays(d), e, t, before));
    }

    Model m = DegreeDays.fit(days, START.plusDays(120), Settings.CELSIUS).orElseThrow();

    assertThat(m.lag()).isEqualTo(lag);
    assertThat(m.heatingBalance()).isEqualTo(heatingBalance);
    assertThat(m.coolingBalance()).isEqualTo(coolingBalance);
    assertThat(m.baseKwh()).isCloseTo(base, within(1e-7 * base));
    assertThat(m.heatingSlope()).isCloseTo(heating, within(1e-7 * heating));
    assertThat(m.coolingSlope()).isCloseTo(cooling, within(1e-7 * cooling));
  }
}
