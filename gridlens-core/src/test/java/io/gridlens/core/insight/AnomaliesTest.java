package io.gridlens.core.insight;

import static io.gridlens.core.insight.HistoryDays.MISSING;
import static io.gridlens.core.insight.HistoryDays.day;
import static io.gridlens.core.insight.HistoryDays.flat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridlens.core.MeterDay;
import io.gridlens.core.insight.Anomalies.Anomaly;
import io.gridlens.core.insight.Anomalies.Kind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnomaliesTest {

  private static final LocalDate D = LocalDate.of(2024, 3, 11);

  /** A day of 24 hourly intervals totalling {@code wh}, none of them zero. */
  private static MeterDay total(LocalDate date, long wh) {
    long[] v = new long[24];
    Arrays.fill(v, wh / 24);
    v[0] += wh % 24;
    return day(date, 60, v);
  }

  /** The same weekday over the 8 previous weeks, 10 and 12 kWh alternately, then {@code today}. */
  private static List<MeterDay> weekdays(long todayWh) {
    List<MeterDay> days = new ArrayList<>();
    for (int w = 1; w <= 8; w++) {
      days.add(total(D.minusWeeks(w), w % 2 == 0 ? 10_000 : 12_000));
    }
    days.add(total(D, todayWh));
    return days;
  }

  @Test
  void shouldFlagADayAboveMeanPlusThreeSigmaOfItsWeekday() {
    // History 12, 10, 12, 10, 12, 10, 12, 10 kWh: mean 11; sample σ = sqrt(8 x 1 / 7) = 1.069045;
    // threshold = 11 + 3 x 1.069045 = 14.207135 kWh; 15 kWh is above it.
    List<Anomaly> found = Anomalies.of(weekdays(15_000), D);

    assertThat(found).hasSize(1);
    Anomaly a = found.get(0);
    assertThat(a.kind()).isEqualTo(Kind.HIGH_DAY);
    assertThat(a.date()).isEqualTo(D);
    assertThat(a.value()).isEqualTo(15.0);
    assertThat(a.threshold()).isCloseTo(14.207134902, within(1e-8));
  }

  @Test
  void shouldNotFlagADayBelowTheThreshold() {
    assertThat(Anomalies.of(weekdays(14_000), D)).isEmpty();
  }

  @Test
  void shouldNeedFourCompleteSameWeekdayDays() {
    long[] gap = new long[24];
    Arrays.fill(gap, 500);
    gap[0] = MISSING;
    List<MeterDay> days =
        List.of(
            total(D.minusWeeks(1), 10_000),
            total(D.minusWeeks(2), 10_000),
            total(D.minusWeeks(3), 10_000),
            day(D.minusWeeks(4), 60, gap), // incomplete: does not count
            total(D, 90_000));

    assertThat(Anomalies.of(days, D)).isEmpty();
  }

  @Test
  void shouldFlagAnAlwaysOnJumpOverLastWeeksValue() {
    // D-27..D-14 at 100 W, D-13..D at 250 W. Window ending D-7 (D-20..D-7): lowest 10 % = 100 W.
    // Window ending D: all 250 W. Threshold max(1.5 x 100, 100 + 50) = 150 W; 250 W is above.
    // Only 3 same-weekday days exist, so no HIGH_DAY.
    List<MeterDay> days = new ArrayList<>();
    for (int d = 27; d >= 0; d--) {
      days.add(flat(D.minusDays(d), 60, d >= 14 ? 100 : 250));
    }

    assertThat(Anomalies.of(days, D))
        .containsExactly(new Anomaly(D, Kind.ALWAYS_ON_JUMP, 250, 150));
  }

  @Test
  void shouldNotFlagAnAlwaysOnRiseOfLessThanFiftyWatts() {
    // 40 W -> 80 W doubles, but max(1.5 x 40, 40 + 50) = 90 W is not exceeded.
    List<MeterDay> days = new ArrayList<>();
    for (int d = 27; d >= 0; d--) {
      days.add(flat(D.minusDays(d), 60, d >= 14 ? 40 : 80));
    }

    assertThat(Anomalies.of(days, D)).isEmpty();
  }

  @Test
  void shouldFlagTwentyFourHoursOfZerosAcrossMidnight() {
    // The last 10 h of D-1 and the first 14 h of D are zero: a 24 h run reaching into D.
    List<MeterDay> days = List.of(zerosAtEnd(D.minusDays(1), 10), zerosAtStart(D, 14));

    assertThat(Anomalies.of(days, D)).containsExactly(new Anomaly(D, Kind.ZERO_RUN, 24, 24));
  }

  @Test
  void shouldNotFlagTwentyThreeHoursOfZeros() {
    List<MeterDay> days = List.of(zerosAtEnd(D.minusDays(1), 10), zerosAtStart(D, 13));

    assertThat(Anomalies.of(days, D)).isEmpty();
  }

  @Test
  void shouldEndAZeroRunAtAMissingInterval() {
    long[] v = new long[24];
    v[12] = MISSING; // 12 zeros, a gap, 11 zeros: two runs of 12 and 11 h (with D-1's 10 h: 22)
    List<MeterDay> days = List.of(zerosAtEnd(D.minusDays(1), 10), day(D, 60, v));

    assertThat(Anomalies.of(days, D)).isEmpty();
  }

  @Test
  void shouldReportNothingForADayWithoutData() {
    assertThat(Anomalies.of(weekdays(90_000), D.plusDays(1))).isEmpty();
  }

  private static MeterDay zerosAtEnd(LocalDate date, int hours) {
    long[] v = new long[24];
    Arrays.fill(v, 0, 24 - hours, 300);
    return day(date, 60, v);
  }

  private static MeterDay zerosAtStart(LocalDate date, int hours) {
    long[] v = new long[24];
    Arrays.fill(v, hours, 24, 300);
    return day(date, 60, v);
  }
}
