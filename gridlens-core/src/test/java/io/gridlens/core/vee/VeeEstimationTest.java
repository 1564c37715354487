package io.gridlens.core.vee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlens.core.Flag;
import io.gridlens.core.MeterDay;
import io.gridlens.core.Quality;
import io.gridlens.core.testkit.TestDays;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Estimation of gaps by {@link Vee#clean}: interpolation and profile, with worked examples. */
class VeeEstimationTest {

  /** A Thursday; the same weekday four weeks back: 01-22, 01-15, 01-08, 01-01. */
  private static final LocalDate THURSDAY = LocalDate.of(2026, 1, 29);

  private static MeterDay clean(RawDay raw, History history) {
    return Vee.clean(raw.build(), RawDay.noContract(), VeeConfig.DEFAULTS, history);
  }

  @Test
  void shouldInterpolateTheWorkedExample() {
    // Slot 9 = 120 Wh, slots 10..12 absent, slot 13 = 300 Wh: g = 3 gaps, 4 steps of
    // (300 - 120) / 4 = 45 Wh: 165, 210, 255.
    RawDay raw = RawDay.of(THURSDAY).wh(0, 10, 120).wh(13, 48, 300);

    MeterDay day = clean(raw, History.none());

    assertThat(new long[] {day.wh(10), day.wh(11), day.wh(12)}).containsExactly(165, 210, 255);
    for (int i = 10; i <= 12; i++) {
      assertThat(day.quality(i)).isEqualTo(Quality.INTERPOLATED);
      assertThat(Flag.decode(day.flags(i))).containsExactly(Flag.GAP);
    }
    assertThat(day.quality(9)).isEqualTo(Quality.ACTUAL);
    assertThat(day.estimatedCount()).isEqualTo(3);
  }

  @Test
  void shouldRoundInterpolatedValuesHalfUpToWholeWh() {
    // 100 -> 200 over 2 gaps: 133.33 -> 133 and 166.67 -> 167;
    // 100 -> 101 over 1 gap: 100.5 -> 101.
    RawDay raw =
        RawDay.of(THURSDAY).wh(0, 100).wh(3, 200).wh(4, 19, 100).wh(20, 101).wh(21, 48, 100);

    MeterDay day = clean(raw, History.none());

    assertThat(day.wh(1)).isEqualTo(133);
    assertThat(day.wh(2)).isEqualTo(167);
    assertThat(day.wh(19)).isEqualTo(101);
  }

  @Test
  void shouldInterpolateAGapOfExactlyTwoHours() {
    // 4 half-hours between 200 and 600: 280, 360, 440, 520.
    RawDay raw = RawDay.of(THURSDAY).wh(0, 10, 200).wh(14, 48, 600);

    MeterDay day = clean(raw, History.none());

    assertThat(new long[] {day.wh(10), day.wh(11), day.wh(12), day.wh(13)})
        .containsExactly(280, 360, 440, 520);
  }

  @Test
  void shouldNotInterpolateAGapLongerThanTwoHours() {
    RawDay raw = RawDay.of(THURSDAY).wh(0, 10, 200).wh(15, 48, 600);

    MeterDay day = clean(raw, History.none());

    for (int i = 10; i < 15; i++) {
      assertThat(day.quality(i)).isEqualTo(Quality.MISSING);
      assertThat(day.wh(i)).isZero();
    }
    assertThat(day.missingCount()).isEqualTo(5);
  }

  @Test
  void shouldNotInterpolateAGapAtTheEdgeOfTheDay() {
    RawDay raw = RawDay.of(THURSDAY).wh(2, 46, 200);

    MeterDay day = clean(raw, History.none());

    assertThat(day.quality(0)).isEqualTo(Quality.MISSING);
    assertThat(day.quality(1)).isEqualTo(Quality.MISSING);
    assertThat(day.quality(46)).isEqualTo(Quality.MISSING);
    assertThat(day.quality(47)).isEqualTo(Quality.MISSING);
  }

  @Test
  void shouldProfileALongGapFromTheSameWeekdayOfFourWeeks() {
    // Slots 20..29 absent (5 h). Thursdays before, at slot 20: 400, 500, missing, 600 ->
    // (400 + 500 + 600) / 3 = 500. At slot 21: 100, 101, 101, 101 -> 403 / 4 = 100.75 -> 101.
    // Other slots of the previous Thursdays are 250: slot 22..29 -> 250.
    // The Wednesday before and the Thursday five weeks back hold 9999, never used.
    History history =
        History.of(
            List.of(
                previous(1).wh(20, 400).wh(21, 100).build(),
                previous(2).wh(20, 500).wh(21, 101).build(),
                previous(3).missing(20).wh(21, 101).build(),
                previous(4).wh(20, 600).wh(21, 101).build(),
                TestDays.day(THURSDAY.minusDays(1)).whAll(9999).build(),
                TestDays.day(THURSDAY.minusWeeks(5)).whAll(9999).build()));
    RawDay raw = RawDay.of(THURSDAY).wh(0, 20, 300).wh(30, 48, 300);

    MeterDay day = clean(raw, history);

    assertThat(day.wh(20)).isEqualTo(500);
    assertThat(day.wh(21)).isEqualTo(101);
    for (int i = 22; i < 30; i++) {
      assertThat(day.wh(i)).as("slot %d", i).isEqualTo(250);
    }
    for (int i = 20; i < 30; i++) {
      assertThat(day.quality(i)).isEqualTo(Quality.PROFILED);
      assertThat(Flag.decode(day.flags(i))).containsExactly(Flag.GAP);
    }
    assertThat(day.missingCount()).isZero();
  }

  @Test
  void shouldProfileAnEdgeGap() {
    // Slot 0 absent; the four previous Thursdays: 100, 200, 300, 400 -> 250.
    History history =
        History.of(
            List.of(
                previous(1).wh(0, 100).build(),
                previous(2).wh(0, 200).build(),
                previous(3).wh(0, 300).build(),
                previous(4).wh(0, 400).build()));

    MeterDay day = clean(RawDay.of(THURSDAY).wh(1, 48, 300), history);

    assertThat(day.wh(0)).isEqualTo(250);
    assertThat(day.quality(0)).isEqualTo(Quality.PROFILED);
  }

  /**
   * A day still running: readings at slots 0..17 (00:00-09:00 local), the run at 11:10 local: 11 h
   * 10 min / 30 min = 22 intervals have ended. Slots 18..21 (09:00-11:00) ended unread: a gap at
   * the edge of what happened, profiled from the four previous Thursdays (250 Wh each); slots
   * 22..47 had not happened: missing (26), never estimated. Without the run's instant the whole day
   * is past and every slot is profiled.
   */
  @Test
  void shouldNotEstimateIntervalsThatHadNotEndedWhenTheRunStarted() {
    History history =
        History.of(
            List.of(
                previous(1).build(),
                previous(2).build(),
                previous(3).build(),
                previous(4).build()));
    java.time.Instant asOf = THURSDAY.atTime(11, 10).atZone(RawDay.PARIS).toInstant();
    RawDay raw = RawDay.of(THURSDAY).wh(0, 18, 100);

    MeterDay running =
        Vee.clean(raw.build(), RawDay.noContract(), VeeConfig.DEFAULTS, history, asOf);
    MeterDay past = clean(raw, history);

    for (int i = 18; i < 22; i++) {
      assertThat(running.quality(i)).as("slot %d", i).isEqualTo(Quality.PROFILED);
      assertThat(running.wh(i)).isEqualTo(250);
    }
    for (int i = 22; i < 48; i++) {
      assertThat(running.quality(i)).as("slot %d", i).isEqualTo(Quality.MISSING);
    }
    assertThat(running.missingCount()).isEqualTo(26);
    assertThat(running.estimatedCount()).isEqualTo(4);
    assertThat(past.missingCount()).isZero();
    assertThat(past.estimatedCount()).isEqualTo(30);
  }

  @Test
  void shouldLeaveAProfiledSlotMissingWhenEveryWeekMissesIt() {
    History history =
        History.of(
            List.of(
                previous(1).missing(20).build(),
                previous(2).missing(20).build(),
                previous(3).missing(20).build(),
                previous(4).missing(20).build()));
    RawDay raw = RawDay.of(THURSDAY).wh(0, 20, 300).wh(30, 48, 300);

    MeterDay day = clean(raw, history);

    assertThat(day.quality(20)).isEqualTo(Quality.MISSING);
    assertThat(day.wh(20)).isZero();
    assertThat(day.quality(21)).isEqualTo(Quality.PROFILED);
  }

  @Test
  void shouldLeaveLongGapsMissingInTheSpeedLayerAndInterpolateShortOnes() {
    // History.none(), as the speed layer passes: the 1 h gap is interpolated, the 5 h one stays.
    RawDay raw = RawDay.of(THURSDAY).wh(0, 4, 200).wh(6, 20, 200).wh(30, 48, 200);

    MeterDay day = clean(raw, History.none());

    assertThat(day.quality(4)).isEqualTo(Quality.INTERPOLATED);
    assertThat(day.quality(5)).isEqualTo(Quality.INTERPOLATED);
    assertThat(day.missingCount()).isEqualTo(10);
  }

  @Test
  void shouldReplaceAnEstimateWhenTheActualReadingArrivesLater() {
    RawDay raw = RawDay.of(THURSDAY).wh(0, 10, 200).wh(11, 48, 200);
    MeterDay before = clean(raw, History.none());

    MeterDay after = clean(raw.wh(10, 777), History.none());

    assertThat(before.quality(10)).isEqualTo(Quality.INTERPOLATED);
    assertThat(after.quality(10)).isEqualTo(Quality.ACTUAL);
    assertThat(after.wh(10)).isEqualTo(777);
  }

  @Test
  void shouldRefuseAHistoryDayOfAnotherMeter() {
    History other =
        date -> TestDays.day("M2", RawDay.PARIS, date, 30).whAll(100).build(); // wrong meter
    RawDay raw = RawDay.of(THURSDAY).wh(1, 48, 300);

    assertThatThrownBy(() -> clean(raw, other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("M2");
  }

  private static TestDays.Builder previous(int weeks) {
    return TestDays.day(THURSDAY.minusWeeks(weeks)).whAll(250);
  }
}
