package io.gridlens.core.insight;

import static io.gridlens.core.reference.Period.HC;
import static io.gridlens.core.reference.Period.HP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.gridlens.core.MeterDay;
import io.gridlens.core.reference.Contract;
import io.gridlens.core.testkit.TestDays;
import io.gridlens.core.testkit.TestTariffs;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PeriodTotalsTest {

  // Three days across a month boundary, figures chosen to add up by hand.
  private static final DayInsights JAN_30 =
      new DayInsights(10_000, 48, 48, 0, 0, Map.of(HP, 7_000L, HC, 3_000L), 2.0, 0.5, 500.0);
  private static final DayInsights JAN_31 =
      new DayInsights(12_000, 48, 46, 1, 1, Map.of(HP, 8_000L, HC, 4_000L), 2.5, 0.5, Double.NaN);
  private static final DayInsights FEB_01 =
      new DayInsights(9_000, 48, 48, 0, 0, Map.of(HP, 6_000L, HC, 3_000L), 1.75, 0.5, 450.0);

  private static Map<LocalDate, DayInsights> threeDays() {
    Map<LocalDate, DayInsights> m = new TreeMap<>();
    m.put(LocalDate.of(2026, 1, 30), JAN_30);
    m.put(LocalDate.of(2026, 1, 31), JAN_31);
    m.put(LocalDate.of(2026, 2, 1), FEB_01);
    return m;
  }

  @Test
  void shouldAddDaysOfEachLocalMonth() {
    // January = Jan 30 + Jan 31: 10000 + 12000 = 22000 Wh; HP 7000 + 8000 = 15000, HC 7000;
    // intervals 96 = 94 actual + 1 estimated + 1 missing; energy 2.0 + 2.5 = 4.5 EUR, standing
    // 0.5 + 0.5 = 1.0 EUR, cost 5.5 EUR; carbon only on Jan 30: 500 g.
    SortedMap<YearMonth, PeriodTotals> months = PeriodTotals.byMonth(threeDays());

    assertThat(months).containsOnlyKeys(YearMonth.of(2026, 1), YearMonth.of(2026, 2));
    PeriodTotals jan = months.get(YearMonth.of(2026, 1));
    assertThat(jan.days()).isEqualTo(2);
    assertThat(jan.wh()).isEqualTo(22_000);
    assertThat(jan.touWh()).containsOnly(entry(HP, 15_000L), entry(HC, 7_000L));
    assertThat(jan.expected()).isEqualTo(96);
    assertThat(jan.actual()).isEqualTo(94);
    assertThat(jan.estimated()).isEqualTo(1);
    assertThat(jan.missing()).isEqualTo(1);
    assertThat(jan.energyCostMicroEur()).isEqualTo(4_500_000);
    assertThat(jan.standingMicroEur()).isEqualTo(1_000_000);
    assertThat(jan.costEur()).isEqualTo(5.5);
    assertThat(jan.daysWithCost()).isEqualTo(2);
    assertThat(jan.costComplete()).isTrue();
    assertThat(jan.co2Mg()).isEqualTo(500_000);
    assertThat(jan.daysWithCo2()).isEqualTo(1);
    assertThat(jan.co2Complete()).isFalse();
  }

  @Test
  void shouldAddDaysOfEachLocalYear() {
    // 2026 = all three: 31000 Wh; HP 21000, HC 10000; energy 6.25 EUR, standing 1.5 EUR,
    // cost 7.75 EUR; carbon 500 + 450 = 950 g over 2 days.
    SortedMap<Year, PeriodTotals> years = PeriodTotals.byYear(threeDays());

    PeriodTotals y = years.get(Year.of(2026));
    assertThat(years).hasSize(1);
    assertThat(y.days()).isEqualTo(3);
    assertThat(y.wh()).isEqualTo(31_000);
    assertThat(y.touWh(HP)).isEqualTo(21_000);
    assertThat(y.touWh(HC)).isEqualTo(10_000);
    assertThat(y.energyCostEur()).isEqualTo(6.25);
    assertThat(y.standingEur()).isEqualTo(1.5);
    assertThat(y.costEur()).isEqualTo(7.75);
    assertThat(y.co2G()).isEqualTo(950.0);
    assertThat(y.daysWithCo2()).isEqualTo(2);
  }

  @Test
  void shouldRoundEachDaysCostOnceToTheMicroEuro() {
    // 0.3333333333 EUR -> 333333 micro-EUR a day; three days 999999 micro-EUR = 0.999999 EUR.
    DayInsights third = new DayInsights(0, 48, 48, 0, 0, Map.of(), 0.3333333333, 0, 0);

    PeriodTotals t = PeriodTotals.of(List.of(third, third, third));

    assertThat(t.energyCostMicroEur()).isEqualTo(999_999);
    assertThat(t.costEur()).isEqualTo(0.999999);
  }

  @Test
  void shouldAggregateRealDaysOfAMonthFromMeterDays() {
    // 2026-03-28 (48 slots) and 2026-03-29 (46 slots, spring forward), 100 Wh a slot:
    // 4800 + 4600 = 9400 Wh; 48 + 46 = 94 intervals.
    // HC = 16 x 100 + 14 x 100 = 3000 Wh; HP = 32 x 100 + 32 x 100 = 6400 Wh.
    Contract c = TestTariffs.hphc("M1", TestTariffs.NIGHT, TestTariffs.HP, TestTariffs.HC, 100);
    Map<LocalDate, DayInsights> days = new TreeMap<>();
    for (LocalDate d : List.of(LocalDate.of(2026, 3, 28), LocalDate.of(2026, 3, 29))) {
      MeterDay day = TestDays.day(d).whAll(100).build();
      days.put(d, DayInsights.of(day, TestTariffs.context(day, c)));
    }

    PeriodTotals march = PeriodTotals.byMonth(days).get(YearMonth.of(2026, 3));

    assertThat(march.wh()).isEqualTo(9_400);
    assertThat(march.expected()).isEqualTo(94);
    assertThat(march.touWh()).containsOnly(entry(HP, 6_400L), entry(HC, 3_000L));
  }

  @Test
  void shouldHaveNoDaysInEmpty() {
    assertThat(PeriodTotals.EMPTY.days()).isZero();
    assertThat(PeriodTotals.EMPTY.touWh()).isEmpty();
    assertThat(PeriodTotals.of(List.of())).isEqualTo(PeriodTotals.EMPTY);
  }

  @Test
  void shouldRejectCountsThatDoNotAddUp() {
    assertThatThrownBy(() -> new PeriodTotals(1, 0, 48, 40, 0, 0, Map.of(), 0, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("48");
  }
}
