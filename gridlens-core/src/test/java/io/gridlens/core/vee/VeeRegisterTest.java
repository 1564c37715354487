package io.gridlens.core.vee;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlens.core.Flag;
import io.gridlens.core.MeterDay;
import io.gridlens.core.Quality;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Cumulative register reads in {@link Vee#clean}: interval energy, rollover, reset. */
class VeeRegisterTest {

  private static final LocalDate DAY = LocalDate.of(2026, 2, 10);

  /** Indexes 10 250, 10 500, ... : 250 Wh per interval, index at the END of slot i. */
  private static RawDay steadyRegister() {
    RawDay raw = RawDay.of(DAY);
    for (int i = 0; i < 48; i++) {
      raw.register(i, 10_000 + 250L * (i + 1));
    }
    return raw;
  }

  private static MeterDay clean(RawDay raw, VeeConfig cfg, History history) {
    return Vee.clean(raw.build(), RawDay.noContract(), cfg, history);
  }

  @Test
  void shouldTurnIndexesIntoIntervalEnergy() {
    MeterDay day =
        clean(steadyRegister(), VeeConfig.DEFAULTS, History.none().withOpeningIndex(10_000));

    for (int i = 0; i < 48; i++) {
      assertThat(day.wh(i)).as("slot %d", i).isEqualTo(250);
      assertThat(day.quality(i)).isEqualTo(Quality.ACTUAL);
      assertThat(day.flags(i)).isZero();
    }
    // 10 000 -> 22 000 over the day.
    assertThat(day.totalWh()).isEqualTo(12_000);
  }

  @Test
  void shouldLeaveTheFirstIntervalMissingWithoutAnOpeningIndex() {
    MeterDay day = clean(steadyRegister(), VeeConfig.DEFAULTS, History.none());

    assertThat(day.quality(0)).isEqualTo(Quality.MISSING);
    assertThat(day.wh(0)).isZero();
    assertThat(day.wh(1)).isEqualTo(250);
    assertThat(day.totalWh()).isEqualTo(47 * 250);
  }

  @Test
  void shouldComputeEnergyAcrossARollover() {
    // A 6-digit register (wraps at 1 000 000): index 999 900 at the end of slot 9, then 150:
    // 1 000 000 - 999 900 + 150 = 250 Wh.
    VeeConfig sixDigits = VeeConfig.DEFAULTS.withRegisterMaxWh(1_000_000);
    RawDay raw = RawDay.of(DAY);
    for (int i = 0; i < 10; i++) {
      raw.register(i, 999_900 - 250L * (9 - i));
    }
    for (int i = 10; i < 48; i++) {
      raw.register(i, 150 + 250L * (i - 10));
    }

    MeterDay day = clean(raw, sixDigits, History.none().withOpeningIndex(997_400));

    assertThat(Flag.decode(day.flags(10))).containsExactly(Flag.ROLLOVER);
    assertThat(day.wh(10)).isEqualTo(250);
    assertThat(day.quality(10)).isEqualTo(Quality.ACTUAL);
    assertThat(day.totalWh()).isEqualTo(48 * 250);
  }

  @Test
  void shouldFlagResetWhenTheIndexGoesBackFarFromTheMaximum() {
    // 50 000 at slot 9, then 120 (a new meter): slot 10 unknown, estimated from 250 / 250;
    // slot 11 = 370 - 120 = 250 again.
    RawDay raw = RawDay.of(DAY);
    for (int i = 0; i < 10; i++) {
      raw.register(i, 47_500 + 250L * (i + 1));
    }
    for (int i = 10; i < 48; i++) {
      raw.register(i, 120 + 250L * (i - 10));
    }

    MeterDay day = clean(raw, VeeConfig.DEFAULTS, History.none().withOpeningIndex(47_500));

    assertThat(Flag.decode(day.flags(10))).containsExactly(Flag.RESET);
    assertThat(day.quality(10)).isEqualTo(Quality.INTERPOLATED);
    assertThat(day.wh(10)).isEqualTo(250);
    assertThat(day.wh(11)).isEqualTo(250);
    assertThat(day.flags(11)).isZero();
  }

  @Test
  void shouldTreatAResetAsMissingWhenItCannotBeEstimated() {
    RawDay raw = RawDay.of(DAY);
    raw.register(0, 50_000).register(1, 120);

    MeterDay day = clean(raw, VeeConfig.DEFAULTS, History.none().withOpeningIndex(49_750));

    assertThat(day.wh(0)).isEqualTo(250);
    assertThat(Flag.decode(day.flags(1))).containsExactly(Flag.RESET);
    assertThat(day.quality(1)).isEqualTo(Quality.MISSING);
  }

  @Test
  void shouldEstimateBothIntervalsAroundAMissingIndex() {
    // Index of slot 20 absent: slot 20 is a GAP, slot 21 has no previous index; both are
    // interpolated between the 250 Wh neighbours.
    RawDay raw = RawDay.of(DAY);
    for (int i = 0; i < 48; i++) {
      if (i != 20) {
        raw.register(i, 10_000 + 250L * (i + 1));
      }
    }

    MeterDay day = clean(raw, VeeConfig.DEFAULTS, History.none().withOpeningIndex(10_000));

    assertThat(Flag.decode(day.flags(20))).containsExactly(Flag.GAP);
    assertThat(day.flags(21)).isZero();
    assertThat(day.quality(20)).isEqualTo(Quality.INTERPOLATED);
    assertThat(day.quality(21)).isEqualTo(Quality.INTERPOLATED);
    assertThat(day.wh(20)).isEqualTo(250);
    assertThat(day.wh(21)).isEqualTo(250);
  }

  @Test
  void shouldRejectANegativeIndex() {
    RawDay raw = steadyRegister().register(30, -5);

    MeterDay day = clean(raw, VeeConfig.DEFAULTS, History.none().withOpeningIndex(10_000));

    assertThat(day.flags(30) & Flag.NEGATIVE.mask()).isNotZero();
    assertThat(day.quality(30)).isEqualTo(Quality.INTERPOLATED);
    assertThat(day.quality(31)).isEqualTo(Quality.INTERPOLATED);
  }

  @Test
  void shouldGiveAnIntervalTheWorseQualityOfItsTwoIndexes() {
    RawDay raw = steadyRegister().estimatedRegister(5, 10_000 + 250L * 6);

    MeterDay day = clean(raw, VeeConfig.DEFAULTS, History.none().withOpeningIndex(10_000));

    assertThat(day.quality(4)).isEqualTo(Quality.ACTUAL);
    assertThat(day.quality(5)).isEqualTo(Quality.ESTIMATED);
    assertThat(day.quality(6)).isEqualTo(Quality.ESTIMATED);
    assertThat(day.quality(7)).isEqualTo(Quality.ACTUAL);
  }

  @Test
  void shouldReadTheClosingIndexOfADayForTheNext() {
    MeterDay day =
        clean(steadyRegister(), VeeConfig.DEFAULTS, History.none().withOpeningIndex(10_000));

    assertThat(History.closingIndex(day)).isEqualTo(22_000);
  }

  @Test
  void shouldHaveNoClosingIndexForIntervalReads() {
    MeterDay day = clean(RawDay.of(DAY).whAll(5), VeeConfig.DEFAULTS, History.none());

    assertThat(History.closingIndex(day)).isEqualTo(History.NO_INDEX);
  }
}
