package io.gridlens.core.insight;

import static io.gridlens.core.reference.Period.BLUE_HC;
import static io.gridlens.core.reference.Period.BLUE_HP;
import static io.gridlens.core.reference.Period.HC;
import static io.gridlens.core.reference.Period.HP;
import static io.gridlens.core.reference.Period.RED_HC;
import static io.gridlens.core.reference.Period.RED_HP;
import static io.gridlens.core.reference.Period.WHITE_HC;
import static io.gridlens.core.reference.Period.WHITE_HP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import io.gridlens.core.Channel;
import io.gridlens.core.DayContext;
import io.gridlens.core.MeterDay;
import io.gridlens.core.Quality;
import io.gridlens.core.reference.CarbonIntensity;
import io.gridlens.core.reference.Contract;
import io.gridlens.core.reference.Period;
import io.gridlens.core.reference.TempoCalendar;
import io.gridlens.core.reference.TempoColour;
import io.gridlens.core.testkit.TestDays;
import io.gridlens.core.testkit.TestTariffs;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DayInsightsTest {

  private static final double EPS = 1e-12;

  private static final Contract HPHC =
      TestTariffs.hphc("M1", TestTariffs.NIGHT, TestTariffs.HP, TestTariffs.HC, 185.58);

  /**
   * 2026-01-15 (Paris, UTC+1, 48 half-hours), off-peak 22:00-06:00: 250 Wh in 00:00-05:30 (slots
   * 0..11), 400 Wh in 06:00-21:30 (12..43), 500 Wh in 22:00-23:30 (44..47); slot 20 (10:00)
   * estimated by the sender, slot 47 (23:30) missing.
   */
  private static MeterDay ordinaryDay() {
    return TestDays.day(LocalDate.of(2026, 1, 15))
        .wh(0, 12, 250)
        .wh(12, 44, 400)
        .wh(44, 48, 500)
        .quality(20, Quality.ESTIMATED)
        .missing(47)
        .build();
  }

  @Test
  void shouldSumEnergyOfIntervalsThatAreNotMissing() {
    // 12 x 250 + 32 x 400 + 3 x 500 (slot 47 missing) = 3000 + 12800 + 1500 = 17300 Wh
    DayInsights d = DayInsights.of(ordinaryDay(), TestTariffs.context(ordinaryDay(), HPHC));

    assertThat(d.wh()).isEqualTo(17_300);
    assertThat(d.kwh()).isEqualTo(17.3);
  }

  @Test
  void shouldCountActualEstimatedAndMissingIntervals() {
    DayInsights d = DayInsights.of(ordinaryDay(), TestTariffs.context(ordinaryDay(), HPHC));

    assertThat(d.expected()).isEqualTo(48);
    assertThat(d.actual()).isEqualTo(46);
    assertThat(d.estimated()).isEqualTo(1);
    assertThat(d.missing()).isEqualTo(1);
    assertThat(d.incomplete()).isTrue();
    assertThat(d.isEstimated()).isTrue();
  }

  @Test
  void shouldCountVeeEstimatesAsEstimated() {
    MeterDay day =
        TestDays.day(LocalDate.of(2026, 1, 15))
            .whAll(100)
            .quality(3, Quality.INTERPOLATED)
            .quality(4, Quality.PROFILED)
            .quality(5, Quality.EDITED)
            .build();

    DayInsights d = DayInsights.of(day, TestTariffs.context(day, null));

    // INTERPOLATED + PROFILED are estimated; EDITED counts as actual: 46 + 1 actual.
    assertThat(d.estimated()).isEqualTo(2);
    assertThat(d.actual()).isEqualTo(46);
    assertThat(d.missing()).isZero();
  }

  @Test
  void shouldSplitOrdinaryDayIntoPeakAndOffPeak() {
    // HP = slots 12..43 = 32 x 400 = 12800 Wh; HC = 12 x 250 + 3 x 500 = 3000 + 1500 = 4500 Wh.
    DayInsights d = DayInsights.of(ordinaryDay(), TestTariffs.context(ordinaryDay(), HPHC));

    assertThat(d.touWh()).containsOnly(entry(HP, 12_800L), entry(HC, 4_500L));
  }

  @Test
  void shouldPriceOrdinaryDayPerPeriodPlusStandingCharge() {
    // energy = 12.8 kWh x 0.2081 + 4.5 kWh x 0.1635 = 2.66368 + 0.73575 = 3.39943 EUR
    // standing = 185.58 / 365 (2026 is not a leap year) = 0.508438356... EUR
    // cost = 3.39943 + 0.508438356 = 3.907868356... EUR
    DayInsights d = DayInsights.of(ordinaryDay(), TestTariffs.context(ordinaryDay(), HPHC));

    assertThat(d.energyCostEur()).isCloseTo(3.39943, within(EPS));
    assertThat(d.standingEur()).isCloseTo(0.5084383561643836, within(EPS));
    assertThat(d.costEur()).isCloseTo(3.9078683561643836, within(EPS));
    assertThat(d.cost()).hasValueCloseTo(3.9078683561643836, within(EPS));
  }

  @Test
  void shouldComputeCarbonWithFixedFactor() {
    // 17.3 kWh x 50 g/kWh = 865 g
    MeterDay day = ordinaryDay();
    DayContext ctx =
        TestTariffs.context(day, HPHC, TempoCalendar.ALL_BLUE, CarbonIntensity.fixed("FR-IDF", 50));

    assertThat(DayInsights.of(day, ctx).co2G()).isCloseTo(865.0, within(EPS));
  }

  @Test
  void shouldSplitSpringForwardDayOf46HalfHours() {
    // 2026-03-29: 46 slots, slot i holds 10 x (i + 1) Wh.
    // energy = 10 x (1 + ... + 46) = 10 x 46 x 47 / 2 = 10810 Wh
    // HC = slots 0..9 (00:00-01:30, 03:00-05:30) + 42..45 (22:00-23:30)
    //    = 10 x (1 + ... + 10) + 10 x (43 + 44 + 45 + 46) = 550 + 1780 = 2330 Wh
    // HP = 10810 - 2330 = 8480 Wh
    // energy cost = 8.48 x 0.2081 + 2.33 x 0.1635 = 1.764688 + 0.380955 = 2.145643 EUR
    MeterDay day = spacedDay(LocalDate.of(2026, 3, 29));

    DayInsights d = DayInsights.of(day, TestTariffs.context(day, HPHC));

    assertThat(d.expected()).isEqualTo(46);
    assertThat(d.actual()).isEqualTo(46);
    assertThat(d.wh()).isEqualTo(10_810);
    assertThat(d.touWh()).containsOnly(entry(HP, 8_480L), entry(HC, 2_330L));
    assertThat(d.energyCostEur()).isCloseTo(2.145643, within(EPS));
  }

  @Test
  void shouldSplitFallBackDayOf50HalfHours() {
    // 2026-10-25: 50 slots, slot i holds 10 x (i + 1) Wh.
    // energy = 10 x 50 x 51 / 2 = 12750 Wh
    // HC = slots 0..13 (00:00-02:30 CEST, 02:00-02:30 CET, 03:00-05:30) + 46..49 (22:00-23:30)
    //    = 10 x (1 + ... + 14) + 10 x (47 + 48 + 49 + 50) = 1050 + 1940 = 2990 Wh
    // HP = 12750 - 2990 = 9760 Wh
    // energy cost = 9.76 x 0.2081 + 2.99 x 0.1635 = 2.031056 + 0.488865 = 2.519921 EUR
    MeterDay day = spacedDay(LocalDate.of(2026, 10, 25));

    DayInsights d = DayInsights.of(day, TestTariffs.context(day, HPHC));

    assertThat(d.expected()).isEqualTo(50);
    assertThat(d.wh()).isEqualTo(12_750);
    assertThat(d.touWh()).containsOnly(entry(HP, 9_760L), entry(HC, 2_990L));
    assertThat(d.energyCostEur()).isCloseTo(2.519921, within(EPS));
  }

  private static MeterDay spacedDay(LocalDate date) {
    TestDays.Builder b = TestDays.day(date);
    for (int i = 0; i < b.count(); i++) {
      b.wh(i, 10L * (i + 1));
    }
    return b.build();
  }

  @Test
  void shouldPriceTempoRedDayWithPreviousBlueColourBeforeSix() {
    // D = 2026-01-20 red, D-1 blue; 500 Wh every half-hour, off-peak 22:00-06:00.
    // BLUE_HC = slots 0..11 (00:00-05:30, Tempo day D-1) = 12 x 500 = 6000 Wh
    // RED_HP  = slots 12..43 (06:00-21:30)               = 32 x 500 = 16000 Wh
    // RED_HC  = slots 44..47 (22:00-23:30)               =  4 x 500 = 2000 Wh
    // energy = 6 x 0.1288 + 16 x 0.6586 + 2 x 0.1518 = 0.7728 + 10.5376 + 0.3036 = 11.614 EUR
    // standing = 186.15 / 365 = 0.51 EUR; cost = 12.124 EUR
    LocalDate d = LocalDate.of(2026, 1, 20);
    MeterDay day = TestDays.day(d).whAll(500).build();
    Contract tempo = TestTariffs.tempo("M1", TestTariffs.NIGHT, TestTariffs.TEMPO_PRICES, 186.15);
    DayContext ctx =
        TestTariffs.context(
            day, tempo, new TempoCalendar(Map.of(d, TempoColour.RED)), /* carbon */ null);

    DayInsights insights = DayInsights.of(day, ctx);

    assertThat(insights.touWh())
        .containsOnly(
            entry(BLUE_HC, 6_000L),
            entry(BLUE_HP, 0L),
            entry(WHITE_HC, 0L),
            entry(WHITE_HP, 0L),
            entry(RED_HC, 2_000L),
            entry(RED_HP, 16_000L));
    assertThat(insights.energyCostEur()).isCloseTo(11.614, within(EPS));
    assertThat(insights.standingEur()).isCloseTo(0.51, within(EPS));
    assertThat(insights.costEur()).isCloseTo(12.124, within(EPS));
  }

  @Test
  void shouldProrateStandingChargeOver366DaysInLeapYear() {
    // 2028 is a leap year: 183 / 366 = 0.5 EUR a day.
    // 48 x 200 Wh = 9.6 kWh x 0.1952 = 1.87392 EUR; cost = 2.37392 EUR
    MeterDay day = TestDays.day(LocalDate.of(2028, 2, 29)).whAll(200).build();

    DayInsights d =
        DayInsights.of(day, TestTariffs.context(day, TestTariffs.base("M1", 0.1952, 183)));

    assertThat(d.touWh()).containsOnly(entry(Period.BASE, 9_600L));
    assertThat(d.standingEur()).isCloseTo(0.5, within(EPS));
    assertThat(d.costEur()).isCloseTo(2.37392, within(EPS));
  }

  @Test
  void shouldProrateStandingChargeOver365DaysInCommonYear() {
    // 2027 is not a leap year: 183 / 365 = 0.501369863... EUR a day.
    MeterDay day = TestDays.day(LocalDate.of(2027, 2, 28)).build();

    DayInsights d =
        DayInsights.of(day, TestTariffs.context(day, TestTariffs.base("M1", 0.1952, 183)));

    assertThat(d.energyCostEur()).isZero();
    assertThat(d.standingEur()).isCloseTo(0.5013698630136987, within(EPS));
  }

  @Test
  void shouldUseIntensityOfTheUtcHourContainingEachIntervalStart() {
    // 2026-01-15 Paris starts at 2026-01-14T23:00Z. Intensities: 23:00Z 60 g, 00:00Z 40 g, other
    // hours 50 g (fallback).
    // slot 0 (23:00Z) 200 Wh + slot 1 (23:30Z) 300 Wh -> hour 23Z: 0.5 kWh x 60 = 30 g
    // slots 2, 3 (00:00Z, 00:30Z) 1000 Wh each      -> hour 00Z: 2.0 kWh x 40 = 80 g
    // slot 47 (22:30Z on the 15th) 100 Wh           -> hour 22Z: 0.1 kWh x 50 =  5 g
    // total 115 g
    MeterDay day =
        TestDays.day(LocalDate.of(2026, 1, 15))
            .wh(0, 200)
            .wh(1, 300)
            .wh(2, 1000)
            .wh(3, 1000)
            .wh(47, 100)
            .build();
    CarbonIntensity carbon =
        CarbonIntensity.hourly(
            "FR-IDF",
            Map.of(
                Instant.parse("2026-01-14T23:00:00Z"), 60.0,
                Instant.parse("2026-01-15T00:00:00Z"), 40.0),
            50);

    DayInsights d =
        DayInsights.of(day, TestTariffs.context(day, null, TempoCalendar.ALL_BLUE, carbon));

    assertThat(d.co2G()).isCloseTo(115.0, within(EPS));
    assertThat(d.co2()).hasValueCloseTo(115.0, within(EPS));
  }

  @Test
  void shouldLeaveCostAbsentAndSplitEmptyWithoutContract() {
    MeterDay day = ordinaryDay();

    DayInsights d = DayInsights.of(day, TestTariffs.context(day, null));

    assertThat(d.hasCost()).isFalse();
    assertThat(d.cost()).isEmpty();
    assertThat(d.costEur()).isNaN();
    assertThat(d.touWh()).isEmpty();
    assertThat(d.wh()).isEqualTo(17_300);
  }

  @Test
  void shouldLeaveCarbonAbsentWithoutIntensity() {
    MeterDay day = ordinaryDay();

    DayInsights d = DayInsights.of(day, TestTariffs.context(day, HPHC));

    assertThat(d.hasCarbon()).isFalse();
    assertThat(d.co2()).isEmpty();
  }

  @Test
  void shouldNotPriceNorChargeCarbonOnExportChannel() {
    MeterDay day =
        TestDays.day(LocalDate.of(2026, 6, 15)).whAll(300).channel(Channel.EXPORT).build();
    DayContext ctx =
        TestTariffs.context(day, HPHC, TempoCalendar.ALL_BLUE, CarbonIntensity.fixed("FR-IDF", 50));

    DayInsights d = DayInsights.of(day, ctx);

    // 48 x 300 = 14400 Wh produced; HP = 32 x 300 = 9600, HC = 16 x 300 = 4800; no cost, no carbon.
    assertThat(d.wh()).isEqualTo(14_400);
    assertThat(d.touWh()).containsOnly(entry(HP, 9_600L), entry(HC, 4_800L));
    assertThat(d.hasCost()).isFalse();
    assertThat(d.hasCarbon()).isFalse();
  }

  @Test
  void shouldRejectContextOfAnotherMeter() {
    MeterDay day = ordinaryDay();
    DayContext other = DayContext.bare(TestTariffs.meter("M9", TestDays.PARIS, 30));

    assertThatThrownBy(() -> DayInsights.of(day, other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("M9")
        .hasMessageContaining("M1");
  }

  @Test
  void shouldRejectSplitThatDoesNotAddUpToTheDay() {
    assertThatThrownBy(
            () ->
                new DayInsights(
                    1000, 48, 48, 0, 0, Map.of(HP, 600L, HC, 300L), 0.2, 0.5, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("900")
        .hasMessageContaining("1000");
  }

  @Test
  void shouldRejectCostWithOnlyOneOfItsParts() {
    assertThatThrownBy(() -> new DayInsights(0, 48, 48, 0, 0, Map.of(), 0.2, Double.NaN, 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("both");
  }

  @Test
  void shouldKeepSplitImmutable() {
    DayInsights d = DayInsights.of(ordinaryDay(), TestTariffs.context(ordinaryDay(), HPHC));

    assertThatThrownBy(() -> d.touWh().put(HP, 0L))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
