package io.gridlens.core.insight;

import static io.gridlens.core.insight.HistoryDays.MISSING;
import static io.gridlens.core.insight.HistoryDays.day;
import static io.gridlens.core.insight.HistoryDays.flat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlens.core.MeterDay;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class AlwaysOnRollingTest {

  private static final LocalDate D = LocalDate.of(2024, 3, 11);

  @Test
  void shouldAverageTheLowestPowersOfTheWindowAsOfEachDay() {
    // Window of 2 days, lowest half, no coverage minimum. Hourly days with two intervals that are
    // not missing: day 1 powers 3, 1 W; day 2 powers 2, 9 W. As of day 2 the sorted powers are 1,
    // 2, 3, 9: (1 + 2) / 2 = 1.5 W.
    // As of day 1 alone: 1, 3 -> ceil(0.5 x 2) = 1 lowest -> 1 W.
    AlwaysOn.Rolling rolling = new AlwaysOn.Rolling(new AlwaysOn.Window(2, 0.5, 0), 1);

    rolling.add(day(D, 60, twoOf(3, 1)));
    rolling.add(day(D.plusDays(1), 60, twoOf(2, 9)));

    assertThat(rolling.asOf(D.plusDays(1))).contains(new AlwaysOn(D.plusDays(1), 1.5, 2));
    assertThat(rolling.asOf(D)).contains(new AlwaysOn(D, 1.0, 1));
  }

  @Test
  void shouldBeEmptyWithoutEnoughCoveredHours() {
    AlwaysOn.Rolling rolling = new AlwaysOn.Rolling(AlwaysOn.Window.DEFAULT, 7);

    // 6 full days = 144 h < 168 h.
    for (int d = 0; d < 6; d++) {
      rolling.add(flat(D.plusDays(d), 60, 100));
    }

    assertThat(rolling.asOf(D.plusDays(5))).isEmpty();
  }

  @Test
  void shouldRejectDaysOutOfDateOrder() {
    AlwaysOn.Rolling rolling = new AlwaysOn.Rolling(AlwaysOn.Window.DEFAULT, 7);
    rolling.add(flat(D, 60, 1));

    assertThatThrownBy(() -> rolling.add(flat(D, 60, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("date order");
  }

  @Test
  void shouldRejectAnotherMeter() {
    AlwaysOn.Rolling rolling = new AlwaysOn.Rolling(AlwaysOn.Window.DEFAULT, 7);
    rolling.add(flat(D, 60, 1));

    assertThatThrownBy(() -> rolling.add(day("other", D.plusDays(1), 60, new long[24])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("other");
  }

  @Test
  void shouldRejectAnAsOfDayBeyondItsLookback() {
    AlwaysOn.Rolling rolling = new AlwaysOn.Rolling(AlwaysOn.Window.DEFAULT, 7);
    rolling.add(flat(D, 60, 1));

    assertThatThrownBy(() -> rolling.asOf(D.minusDays(8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lookback");
  }

  @Property(tries = 100)
  void shouldEqualTrailingBitForBitAsOfEveryDayAndAWeekEarlier(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 20) int windowDays,
      @ForAll @IntRange(min = 1, max = 100) int lowestPercent) {
    Random r = new Random(seed);
    AlwaysOn.Window window = new AlwaysOn.Window(windowDays, lowestPercent / 100.0, r.nextInt(60));
    AlwaysOn.Rolling rolling = new AlwaysOn.Rolling(window, 7);
    List<MeterDay> fed = new ArrayList<>();
    LocalDate date = D;
    for (int i = 0; i < 40; i++) {
      date = date.plusDays(r.nextInt(4) == 0 ? 2 : 1); // some gaps
      MeterDay day = randomDay(r, date);
      rolling.add(day);
      fed.add(day);
      for (LocalDate asOf : List.of(date, date.minusDays(7), date.minusDays(r.nextInt(8)))) {
        Optional<AlwaysOn> expected = AlwaysOn.trailing(fed, asOf, window);
        Optional<AlwaysOn> actual = rolling.asOf(asOf);
        assertThat(actual).isEqualTo(expected); // record equals compares the doubles exactly
        actual.ifPresent(
            a ->
                assertThat(Double.doubleToRawLongBits(a.watts()))
                    .isEqualTo(Double.doubleToRawLongBits(expected.orElseThrow().watts())));
      }
    }
  }

  @Property(tries = 60)
  void shouldGiveTheSameAnomaliesAsRecomputingTheAlwaysOnWindows(@ForAll long seed) {
    Random r = new Random(seed);
    Anomalies.Settings settings =
        new Anomalies.Settings(8, 4, 3, 1.5, 50, new AlwaysOn.Window(14, 0.10, 24), 24);
    AlwaysOn.Rolling rolling = new AlwaysOn.Rolling(settings.alwaysOn(), 7);
    List<MeterDay> fed = new ArrayList<>();
    LocalDate date = D;
    for (int i = 0; i < 70; i++) {
      date = date.plusDays(r.nextInt(6) == 0 ? 2 : 1);
      MeterDay day = randomDay(r, date);
      rolling.add(day);
      fed.add(day);

      assertThat(Anomalies.of(fed, date, settings, rolling))
          .isEqualTo(Anomalies.of(fed, date, settings));
    }
  }

  @Test
  void shouldRejectAnAccumulatorOfAnotherWindow() {
    AlwaysOn.Rolling rolling = new AlwaysOn.Rolling(new AlwaysOn.Window(7, 0.1, 0), 7);

    assertThatThrownBy(
            () -> Anomalies.of(List.of(flat(D, 60, 1)), D, Anomalies.Settings.DEFAULT, rolling))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("window");
  }

  /** 24 hourly values: {@code a}, {@code b}, then missing. */
  private static long[] twoOf(long a, long b) {
    long[] wh = new long[24];
    java.util.Arrays.fill(wh, MISSING);
    wh[0] = a;
    wh[1] = b;
    return wh;
  }

  /**
   * Day of 15, 30 or 60 min intervals with random powers, some missing, some zero, often many equal
   * ones; regimes change.
   */
  private static MeterDay randomDay(Random r, LocalDate date) {
    int minutes = new int[] {15, 30, 60}[r.nextInt(3)];
    long[] wh = new long[24 * 60 / minutes];
    int level = r.nextInt(3) == 0 ? 500 : 60;
    int spread = r.nextBoolean() ? 3 : level * 3; // a narrow spread repeats values
    for (int i = 0; i < wh.length; i++) {
      int k = r.nextInt(20);
      wh[i] = k == 0 ? MISSING : k == 1 ? 0 : level + r.nextInt(spread);
    }
    return day(date, minutes, wh);
  }
}
