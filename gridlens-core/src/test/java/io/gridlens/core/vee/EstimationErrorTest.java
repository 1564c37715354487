package io.gridlens.core.vee;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlens.core.MeterDay;
import io.gridlens.core.Quality;
import io.gridlens.core.testkit.TestDays;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * How far estimates fall from the truth on smooth synthetic days (base load + a daily sinusoid):
 * random gaps are cut out of a known curve, cleaned, and compared. Reports the mean absolute
 * percentage error (MAPE) and asserts a sane bound; seeded, so the figures are reproducible.
 */
class EstimationErrorTest {

  private static final LocalDate THURSDAY = LocalDate.of(2026, 1, 29);
  private static final int SLOTS = 48;
  private static final int TRIALS = 500;

  /**
   * A half-hourly curve: 150 Wh base load plus up to 400 Wh of a sinusoid peaking at 19:00, times a
   * day scale, with a relative noise of ±{@code noise} per slot.
   */
  private static long[] curve(double scale, double noise, Random rnd) {
    long[] wh = new long[SLOTS];
    for (int i = 0; i < SLOTS; i++) {
      double phase = 2 * Math.PI * (i - 38) / SLOTS;
      double clean = scale * (150 + 400 * (0.5 + 0.5 * Math.cos(phase)));
      wh[i] = Math.round(clean * (1 + noise * (2 * rnd.nextDouble() - 1)));
    }
    return wh;
  }

  /** The raw fold of a curve without the slots from {@code from} (inclusive) to {@code to}. */
  private static RawDay withGap(long[] truth, int from, int to) {
    RawDay raw = RawDay.of(THURSDAY);
    for (int i = 0; i < SLOTS; i++) {
      if (i < from || i >= to) {
        raw.wh(i, truth[i]);
      }
    }
    return raw;
  }

  @Test
  void shouldInterpolateShortGapsOfASmoothDayWithinFivePercent() {
    Random rnd = new Random(20260129L);
    double sumAbsPct = 0;
    int estimated = 0;
    for (int t = 0; t < TRIALS; t++) {
      long[] truth = curve(0.8 + 0.4 * rnd.nextDouble(), 0.0, rnd);
      int gap = 1 + rnd.nextInt(4); // 30 min .. 2 h
      int from = 1 + rnd.nextInt(SLOTS - gap - 1);

      MeterDay day =
          Vee.clean(
              withGap(truth, from, from + gap).build(),
              RawDay.noContract(),
              VeeConfig.DEFAULTS,
              History.none());

      for (int i = from; i < from + gap; i++) {
        assertThat(day.quality(i)).isEqualTo(Quality.INTERPOLATED);
        sumAbsPct += 100.0 * Math.abs(day.wh(i) - truth[i]) / truth[i];
        estimated++;
      }
    }
    double mape = sumAbsPct / estimated;
    System.out.printf(
        "interpolation: %d trials, %d intervals estimated, MAPE %.2f %%%n",
        TRIALS, estimated, mape);
    assertThat(mape).isLessThan(5.0);
  }

  @Test
  void shouldProfileLongGapsOfANoisyDayWithinFifteenPercent() {
    Random rnd = new Random(4L);
    double sumAbsPct = 0;
    int estimated = 0;
    for (int t = 0; t < TRIALS; t++) {
      List<MeterDay> weeks = new ArrayList<>();
      for (int w = 1; w <= 4; w++) {
        weeks.add(
            TestDays.day(THURSDAY.minusWeeks(w))
                .wh(curve(0.9 + 0.2 * rnd.nextDouble(), 0.05, rnd))
                .build());
      }
      long[] truth = curve(0.9 + 0.2 * rnd.nextDouble(), 0.05, rnd);
      int gap = 5 + rnd.nextInt(12); // 2.5 h .. 8 h
      int from = rnd.nextInt(SLOTS - gap + 1);

      MeterDay day =
          Vee.clean(
              withGap(truth, from, from + gap).build(),
              RawDay.noContract(),
              VeeConfig.DEFAULTS,
              History.of(weeks));

      for (int i = from; i < from + gap; i++) {
        assertThat(day.quality(i)).isEqualTo(Quality.PROFILED);
        sumAbsPct += 100.0 * Math.abs(day.wh(i) - truth[i]) / truth[i];
        estimated++;
      }
    }
    double mape = sumAbsPct / estimated;
    System.out.printf(
        "profile (4 weeks, ±10 %% day scale, ±5 %% noise): %d trials, %d intervals, MAPE %.2f %%%n",
        TRIALS, estimated, mape);
    assertThat(mape).isLessThan(15.0);
  }
}
