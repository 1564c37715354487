package io.gridlens.core.insight;

import static io.gridlens.core.reference.Period.BASE;
import static io.gridlens.core.reference.Period.BLUE_HC;
import static io.gridlens.core.reference.Period.HC;
import static io.gridlens.core.reference.Period.HP;
import static io.gridlens.core.reference.Period.RED_HC;
import static io.gridlens.core.reference.Period.RED_HP;
import static io.gridlens.core.reference.Period.WHITE_HC;
import static io.gridlens.core.reference.Period.WHITE_HP;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridlens.core.DaySlots;
import io.gridlens.core.reference.Contract;
import io.gridlens.core.reference.Period;
import io.gridlens.core.reference.TempoCalendar;
import io.gridlens.core.reference.TempoColour;
import io.gridlens.core.testkit.TestDays;
import io.gridlens.core.testkit.TestTariffs;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeOfUseTest {

  private static final Contract HPHC_NIGHT =
      TestTariffs.hphc("M1", TestTariffs.NIGHT, TestTariffs.HP, TestTariffs.HC, 185.58);

  private static Period[] repeat(Period p, int n) {
    Period[] a = new Period[n];
    Arrays.fill(a, p);
    return a;
  }

  private static Period[] concat(Period[]... parts) {
    return Arrays.stream(parts).flatMap(Arrays::stream).toArray(Period[]::new);
  }

  @Test
  void shouldPutEveryIntervalInBaseUnderBaseTariff() {
    DaySlots slots = new DaySlots(TestDays.PARIS, LocalDate.of(2026, 1, 15), 30);

    Period[] periods =
        TimeOfUse.periods(slots, TestTariffs.base("M1", 0.1952, 150), TempoCalendar.ALL_BLUE);

    assertThat(periods).hasSize(48).containsOnly(BASE);
  }

  @Test
  void shouldSplitOrdinaryDayAtOffPeakWindowBoundaries() {
    // 2026-01-15, 48 half-hours, off-peak 22:00-06:00:
    // slots 0..11 (00:00-05:30) HC, 12..43 (06:00-21:30) HP, 44..47 (22:00-23:30) HC.
    DaySlots slots = new DaySlots(TestDays.PARIS, LocalDate.of(2026, 1, 15), 30);

    Period[] periods = TimeOfUse.periods(slots, HPHC_NIGHT, TempoCalendar.ALL_BLUE);

    assertThat(periods).containsExactly(concat(repeat(HC, 12), repeat(HP, 32), repeat(HC, 4)));
  }

  @Test
  void shouldUseRealLocalTimeOnSpringForwardDay() {
    // 2026-03-29 Europe/Paris: 02:00 CET jumps to 03:00 CEST, 46 half-hours.
    // Slots 0..3 are 00:00-01:30, slot 4 is 03:00, so 06:00 is slot 10 and 22:00 is slot 42:
    // HC 0..9 (10 slots), HP 10..41 (32 slots), HC 42..45 (4 slots).
    DaySlots slots = new DaySlots(TestDays.PARIS, LocalDate.of(2026, 3, 29), 30);

    Period[] periods = TimeOfUse.periods(slots, HPHC_NIGHT, TempoCalendar.ALL_BLUE);

    assertThat(periods).containsExactly(concat(repeat(HC, 10), repeat(HP, 32), repeat(HC, 4)));
  }

  @Test
  void shouldUseRealLocalTimeOnFallBackDay() {
    // 2026-10-25 Europe/Paris: 03:00 CEST falls back to 02:00 CET, 50 half-hours.
    // Slots 0..5 are 00:00-02:30 CEST, 6..7 are 02:00-02:30 CET again, slot 8 is 03:00, so 06:00
    // is slot 14 and 22:00 is slot 46: HC 0..13 (14 slots), HP 14..45 (32), HC 46..49 (4).
    DaySlots slots = new DaySlots(TestDays.PARIS, LocalDate.of(2026, 10, 25), 30);

    Period[] periods = TimeOfUse.periods(slots, HPHC_NIGHT, TempoCalendar.ALL_BLUE);

    assertThat(periods).containsExactly(concat(repeat(HC, 14), repeat(HP, 32), repeat(HC, 4)));
  }

  @Test
  void shouldClassifyIntervalByItsStartWhenWindowEndsMidInterval() {
    // Off-peak 01:15-07:15 with hourly intervals: the interval 01:00-02:00 starts before 01:15
    // (HP), 07:00-08:00 starts inside the window (HC), 08:00 is after it (HP).
    DaySlots slots = new DaySlots(TestDays.PARIS, LocalDate.of(2026, 1, 15), 60);
    Contract c = TestTariffs.hphc("M1", List.of("01:15-07:15"), 0.2, 0.1, 100);

    Period[] periods = TimeOfUse.periods(slots, c, TempoCalendar.ALL_BLUE);

    // hours 0,1 HP; 2..7 HC (02:00, 03:00, 04:00, 05:00, 06:00, 07:00); 8..23 HP
    assertThat(periods).containsExactly(concat(repeat(HP, 2), repeat(HC, 6), repeat(HP, 16)));
  }

  @Test
  void shouldGiveSlotsBeforeSixTheColourOfThePreviousTempoDay() {
    // Day D = 2026-01-20 is red, D-1 is blue: 00:00-05:30 belong to Tempo day D-1 (blue, off-peak),
    // 06:00-21:30 to D (red, peak), 22:00-23:30 to D (red, off-peak).
    LocalDate d = LocalDate.of(2026, 1, 20);
    TempoCalendar tempo = new TempoCalendar(Map.of(d, TempoColour.RED));
    Contract c = TestTariffs.tempo("M1", TestTariffs.NIGHT, TestTariffs.TEMPO_PRICES, 186.15);

    Period[] periods = TimeOfUse.periods(new DaySlots(TestDays.PARIS, d, 30), c, tempo);

    assertThat(periods)
        .containsExactly(concat(repeat(BLUE_HC, 12), repeat(RED_HP, 32), repeat(RED_HC, 4)));
  }

  @Test
  void shouldGiveEarlyMorningAfterRedDayTheRedOffPeakPeriod() {
    // D+1 = 2026-01-21 is white: its 00:00-05:30 are still Tempo day 2026-01-20 (red).
    LocalDate red = LocalDate.of(2026, 1, 20);
    TempoCalendar tempo =
        new TempoCalendar(Map.of(red, TempoColour.RED, red.plusDays(1), TempoColour.WHITE));
    Contract c = TestTariffs.tempo("M1", TestTariffs.NIGHT, TestTariffs.TEMPO_PRICES, 186.15);

    Period[] periods =
        TimeOfUse.periods(new DaySlots(TestDays.PARIS, red.plusDays(1), 30), c, tempo);

    assertThat(periods)
        .containsExactly(concat(repeat(RED_HC, 12), repeat(WHITE_HP, 32), repeat(WHITE_HC, 4)));
  }

  @Test
  void shouldUseLocalTimeOfTheMetersZone() {
    // 2026-01-15 in America/New_York (UTC-5), hourly: local hours 0..5 and 22..23 off-peak.
    DaySlots slots = new DaySlots(ZoneId.of("America/New_York"), LocalDate.of(2026, 1, 15), 60);

    Period[] periods = TimeOfUse.periods(slots, HPHC_NIGHT, TempoCalendar.ALL_BLUE);

    assertThat(periods).containsExactly(concat(repeat(HC, 6), repeat(HP, 16), repeat(HC, 2)));
  }

  @Test
  void shouldSplitQuarterHoursOfFallBackDay() {
    // 2026-10-25, 15-min intervals: 25 h = 100 slots. Before 06:00: 00:00-02:45 CEST (12 slots),
    // 02:00-02:45 CET (4), 03:00-05:45 (12) = 28 HC; 06:00-21:45 = 16 h = 64 HP; 22:00-23:45 = 8
    // HC.
    DaySlots slots = new DaySlots(TestDays.PARIS, LocalDate.of(2026, 10, 25), 15);

    Period[] periods = TimeOfUse.periods(slots, HPHC_NIGHT, TempoCalendar.ALL_BLUE);

    assertThat(periods).containsExactly(concat(repeat(HC, 28), repeat(HP, 64), repeat(HC, 8)));
  }

  @Test
  void shouldShareThePlanOfContractsWithTheSameOffPeakWindows() {
    DaySlots slots = new DaySlots(TestDays.PARIS, LocalDate.of(2026, 1, 15), 30);
    Contract other = TestTariffs.hphc("M2", List.of("22:00-06:00"), 0.3, 0.2, 10);

    TimeOfUse.DayPlan a = TimeOfUse.plan(slots, HPHC_NIGHT, TempoCalendar.ALL_BLUE);
    TimeOfUse.DayPlan b = TimeOfUse.plan(slots, other, TempoCalendar.ALL_BLUE);

    assertThat(b.periods()).containsExactly(a.periods());
  }
}
