package io.gridlens.core.vee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlens.core.DayContext;
import io.gridlens.core.DayReadings;
import io.gridlens.core.Flag;
import io.gridlens.core.MeterDay;
import io.gridlens.core.Quality;
import io.gridlens.core.testkit.TestTariffs;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** One validation rule of {@link Vee#clean} per test: a bad input and the flag it must raise. */
class VeeRulesTest {

  private static final LocalDate THURSDAY = LocalDate.of(2026, 1, 15);

  private static MeterDay clean(RawDay raw) {
    return clean(raw, RawDay.noContract());
  }

  private static MeterDay clean(RawDay raw, DayContext ctx) {
    return Vee.clean(raw.build(), ctx, VeeConfig.DEFAULTS, History.none());
  }

  @Test
  void shouldKeepACleanDayAsItIs() {
    MeterDay day = clean(RawDay.of(THURSDAY).whAll(200));

    assertThat(day.size()).isEqualTo(48);
    assertThat(day.totalWh()).isEqualTo(48 * 200);
    assertThat(day.actualCount()).isEqualTo(48);
    for (int i = 0; i < 48; i++) {
      assertThat(day.flags(i)).as("flags of slot %d", i).isZero();
    }
  }

  @Test
  void shouldFlagGapWhereNoReadingArrived() {
    MeterDay day = clean(RawDay.of(THURSDAY).wh(0, 7, 200).wh(8, 48, 200));

    assertThat(Flag.decode(day.flags(7))).containsExactly(Flag.GAP);
    assertThat(day.flags(6)).isZero();
  }

  @Test
  void shouldFlagDuplicateWhenTheSameValueArrivesTwice() {
    MeterDay day = clean(RawDay.of(THURSDAY).whAll(200).wh(5, 200));

    assertThat(Flag.decode(day.flags(5))).containsExactly(Flag.DUPLICATE);
    assertThat(day.wh(5)).isEqualTo(200);
    assertThat(day.quality(5)).isEqualTo(Quality.ACTUAL);
  }

  @Test
  void shouldFlagCorrectedAndKeepTheLatestValue() {
    MeterDay day = clean(RawDay.of(THURSDAY).whAll(200).wh(5, 310));

    assertThat(Flag.decode(day.flags(5))).containsExactly(Flag.CORRECTED);
    assertThat(day.wh(5)).isEqualTo(310);
  }

  @Test
  void shouldRejectNegativeValueAndEstimateIt() {
    // Neighbours 100 and 300 around one rejected slot: (100 + 300) / 2 = 200.
    MeterDay day =
        clean(RawDay.of(THURSDAY).wh(0, 2, 200).wh(2, 100).wh(3, -50).wh(4, 300).wh(5, 48, 200));

    assertThat(Flag.decode(day.flags(3))).containsExactly(Flag.NEGATIVE);
    assertThat(day.quality(3)).isEqualTo(Quality.INTERPOLATED);
    assertThat(day.wh(3)).isEqualTo(200);
  }

  @Test
  void shouldRejectSpikeAboveFiveTimesTheThirdHighest() {
    // All 200 except 1001 at slot 10: the 3rd-highest is 200, the limit 5 x 200 = 1000.
    MeterDay day = clean(RawDay.of(THURSDAY).wh(0, 10, 200).wh(10, 1001).wh(11, 48, 200));

    assertThat(Flag.decode(day.flags(10))).containsExactly(Flag.SPIKE);
    assertThat(day.quality(10)).isEqualTo(Quality.INTERPOLATED);
    assertThat(day.wh(10)).isEqualTo(200);
  }

  @Test
  void shouldKeepValueExactlyAtTheSpikeLimit() {
    MeterDay day = clean(RawDay.of(THURSDAY).wh(0, 10, 200).wh(10, 1000).wh(11, 48, 200));

    assertThat(day.flags(10)).isZero();
    assertThat(day.wh(10)).isEqualTo(1000);
  }

  @Test
  void shouldRejectTwoSpikesOfOneDay() {
    // The 3rd-highest is still 200: two spikes do not raise the reference.
    MeterDay day =
        clean(
            RawDay.of(THURSDAY)
                .wh(0, 10, 200)
                .wh(10, 5000)
                .wh(11, 30, 200)
                .wh(30, 6000)
                .wh(31, 48, 200));

    assertThat(day.flags(10) & Flag.SPIKE.mask()).isNotZero();
    assertThat(day.flags(30) & Flag.SPIKE.mask()).isNotZero();
    assertThat(day.totalWh()).isEqualTo(48 * 200);
  }

  @Test
  void shouldNotTestSpikesWhenTheThirdHighestIsZero() {
    // A vacant home: zeros and two readings of 500; the 3rd-highest is 0.
    MeterDay day = clean(RawDay.of(THURSDAY).wh(0, 10, 0).wh(10, 12, 500).wh(12, 48, 0));

    assertThat(day.flags(10) & Flag.SPIKE.mask()).isZero();
    assertThat(day.wh(10)).isEqualTo(500);
  }

  @Test
  void shouldRejectPowerAboveTheSubscribedKva() {
    // 6 kVA over 30 min allows 3000 Wh; 3001 Wh is 3001 x 60 / 30 = 6002 W. Values of 2500
    // keep 3001 below the spike limit (5 x 2500).
    MeterDay day =
        clean(RawDay.of(THURSDAY).wh(0, 5, 2500).wh(5, 3001).wh(6, 48, 2500), RawDay.sixKva());

    assertThat(Flag.decode(day.flags(5))).containsExactly(Flag.IMPLAUSIBLE_POWER);
    assertThat(day.quality(5)).isEqualTo(Quality.INTERPOLATED);
    assertThat(day.wh(5)).isEqualTo(2500);
  }

  @Test
  void shouldAcceptPowerExactlyAtTheSubscribedKva() {
    MeterDay day =
        clean(RawDay.of(THURSDAY).wh(0, 5, 2500).wh(5, 3000).wh(6, 48, 2500), RawDay.sixKva());

    assertThat(day.flags(5)).isZero();
    assertThat(day.wh(5)).isEqualTo(3000);
  }

  @Test
  void shouldSkipThePowerCheckWithoutAContract() {
    MeterDay day =
        clean(RawDay.of(THURSDAY).wh(0, 5, 2500).wh(5, 3001).wh(6, 48, 2500), RawDay.noContract());

    assertThat(day.flags(5)).isZero();
    assertThat(day.wh(5)).isEqualTo(3001);
  }

  @Test
  void shouldFlagAndKeepTwentyFourHoursOfZeros() {
    MeterDay day = clean(RawDay.of(THURSDAY).whAll(0));

    for (int i = 0; i < 48; i++) {
      assertThat(Flag.decode(day.flags(i))).as("slot %d", i).containsExactly(Flag.ZERO_RUN);
      assertThat(day.quality(i)).isEqualTo(Quality.ACTUAL);
    }
    assertThat(day.totalWh()).isZero();
    assertThat(day.missingCount()).isZero();
  }

  @Test
  void shouldNotFlagZerosShorterThanTwentyFourHours() {
    MeterDay day = clean(RawDay.of(THURSDAY).wh(0, 47, 0).wh(47, 100));

    for (int i = 0; i < 48; i++) {
      assertThat(day.flags(i)).as("slot %d", i).isZero();
    }
  }

  @Test
  void shouldLeaveLongGapMissingNeverZero() {
    // Slots 10..29 (10 h) without history: nothing to estimate from.
    MeterDay day = clean(RawDay.of(THURSDAY).wh(0, 10, 200).wh(30, 48, 200));

    assertThat(day.missingCount()).isEqualTo(20);
    assertThat(day.quality(10)).isEqualTo(Quality.MISSING);
    assertThat(day.totalWh()).isEqualTo(28 * 200);
  }

  @Test
  void shouldKeepTheSendersEstimatedQuality() {
    MeterDay day = clean(RawDay.of(THURSDAY).wh(0, 12, 200).estimated(12, 240).wh(13, 48, 200));

    assertThat(day.quality(12)).isEqualTo(Quality.ESTIMATED);
    assertThat(day.wh(12)).isEqualTo(240);
  }

  @Test
  void shouldNotModifyTheRawFoldAndGiveTheSameDayTwice() {
    DayReadings raw = RawDay.of(THURSDAY).whAll(200).wh(3, -1).wh(9, 9000).build();
    DayReadings before = raw.copy();

    MeterDay first = Vee.clean(raw, RawDay.noContract(), VeeConfig.DEFAULTS, History.none());
    MeterDay second = Vee.clean(raw, RawDay.noContract(), VeeConfig.DEFAULTS, History.none());

    assertThat(raw).isEqualTo(before);
    assertThat(first).isEqualTo(second);
    assertThat(first.readings()).isEqualTo(before);
  }

  @Test
  void shouldRefuseTheContextOfAnotherMeter() {
    DayContext other = DayContext.bare(TestTariffs.meter("M2", RawDay.PARIS, 30));
    DayReadings raw = RawDay.of(THURSDAY).whAll(200).build();

    assertThatThrownBy(() -> Vee.clean(raw, other, VeeConfig.DEFAULTS, History.none()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("M2")
        .hasMessageContaining("M1");
  }
}
