package io.gridlens.core.vee;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlens.core.MeterDay;
import io.gridlens.core.Quality;
import io.gridlens.core.testkit.TestDays;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Vee#clean} on Europe/Paris DST change days: 46 half-hours on 2026-03-29, 50 on 2026-10-25,
 * and profile estimation matched on local time across them.
 */
class VeeDstTest {

  private static final LocalDate SPRING = LocalDate.of(2026, 3, 29);
  private static final LocalDate AUTUMN = LocalDate.of(2026, 10, 25);

  private static MeterDay clean(RawDay raw, History history) {
    return Vee.clean(raw.build(), RawDay.noContract(), VeeConfig.DEFAULTS, history);
  }

  /** An ordinary day whose slot i holds 10 × i Wh, so a value names the slot it came from. */
  private static MeterDay slotNumbered(LocalDate date) {
    TestDays.Builder b = TestDays.day(date);
    for (int i = 0; i < b.count(); i++) {
      b.wh(i, 10L * i);
    }
    return b.build();
  }

  @Test
  void shouldCleanTheFortySixHalfHoursOfTheSpringDay() {
    MeterDay day = clean(RawDay.of(SPRING).whAll(200), History.none());

    assertThat(day.size()).isEqualTo(46);
    assertThat(day.totalWh()).isEqualTo(46 * 200);
    assertThat(day.actualCount()).isEqualTo(46);
  }

  @Test
  void shouldCleanTheFiftyHalfHoursOfTheAutumnDay() {
    // Slots 4..7 are 02:00, 02:30 CEST then 02:00, 02:30 CET; slots 5 and 6 absent are
    // interpolated between 100 (slot 4) and 400 (slot 7): 200, 300.
    RawDay raw = RawDay.of(AUTUMN).whAll(100).wh(7, 400);
    RawDay withGap = RawDay.of(AUTUMN).wh(0, 5, 100).wh(7, 400).wh(8, 50, 100);

    MeterDay full = clean(raw, History.none());
    MeterDay day = clean(withGap, History.none());

    assertThat(full.size()).isEqualTo(50);
    assertThat(full.totalWh()).isEqualTo(49 * 100 + 400);
    assertThat(day.wh(5)).isEqualTo(200);
    assertThat(day.wh(6)).isEqualTo(300);
    assertThat(day.quality(6)).isEqualTo(Quality.INTERPOLATED);
  }

  @Test
  void shouldFlagNoZeroRunOnTheTwentyThreeHourDay() {
    // 46 zeros last 23 h: below the 24 h of a zero run, which is judged inside one local day.
    MeterDay day = clean(RawDay.of(SPRING).whAll(0), History.none());

    assertThat(day.flags(0)).isZero();
  }

  @Test
  void shouldProfileTheSpringDayFromTheSameLocalTimesOfAnOrdinaryWeek() {
    // On 2026-03-29 slot 4 starts at 03:00 CEST (02:00-03:00 does not exist), which is slot 6
    // of the ordinary 2026-03-22: 60 Wh; slot 9 (05:30) is slot 11: 110 Wh.
    History history = History.of(List.of(slotNumbered(SPRING.minusWeeks(1))));
    RawDay raw = RawDay.of(SPRING).wh(0, 4, 500).wh(10, 46, 500);

    MeterDay day = clean(raw, history);

    assertThat(day.wh(4)).isEqualTo(60);
    assertThat(day.wh(9)).isEqualTo(110);
    assertThat(day.quality(4)).isEqualTo(Quality.PROFILED);
  }

  @Test
  void shouldProfileBothRepeatedHalfHoursOfTheAutumnDayFromTheSameLocalTime() {
    // On 2026-10-25 slots 4, 5 (02:00, 02:30 CEST) and 6, 7 (02:00, 02:30 CET) all match slots
    // 4, 5 of the ordinary 2026-10-18: 40, 50, 40, 50; slot 8 (03:00 CET) is slot 6: 60.
    History history = History.of(List.of(slotNumbered(AUTUMN.minusWeeks(1))));
    RawDay raw = RawDay.of(AUTUMN).wh(0, 3, 500).wh(12, 50, 500);

    MeterDay day = clean(raw, history);

    assertThat(new long[] {day.wh(4), day.wh(5), day.wh(6), day.wh(7), day.wh(8)})
        .containsExactly(40, 50, 40, 50, 60);
  }

  @Test
  void shouldProfileAnOrdinaryDayFromTheFirstOfTheRepeatedHalfHours() {
    // 2026-11-01 from the 50 half-hours of 2026-10-25 numbered 10 x slot: 02:00 is slot 4
    // (first, CEST) -> 40; 03:00 is slot 8 -> 80; 04:00 is slot 10 -> 100.
    TestDays.Builder autumn = TestDays.day(AUTUMN);
    for (int i = 0; i < 50; i++) {
      autumn.wh(i, 10L * i);
    }
    History history = History.of(List.of(autumn.build()));
    LocalDate next = AUTUMN.plusWeeks(1);
    RawDay raw = RawDay.of(next).wh(0, 3, 500).wh(12, 48, 500);

    MeterDay day = clean(raw, history);

    assertThat(day.wh(4)).isEqualTo(40);
    assertThat(day.wh(6)).isEqualTo(80);
    assertThat(day.wh(8)).isEqualTo(100);
  }
}
