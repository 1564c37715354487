package io.gridlens.core.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gridlens.core.insight.BillForecast.DayCost;
import io.gridlens.core.insight.BillForecast.Settings;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BillForecastTest {

  private static final LocalDate AS_OF = LocalDate.of(2024, 4, 10);

  /** March 28..31 at 1.50 EUR, April 1..9 at 2.00 EUR, April 10 at 3.00 EUR. */
  private static List<DayCost> costs() {
    List<DayCost> c = new ArrayList<>();
    for (int d = 28; d <= 31; d++) {
      c.add(new DayCost(LocalDate.of(2024, 3, d), 1.5));
    }
    for (int d = 1; d <= 9; d++) {
      c.add(new DayCost(LocalDate.of(2024, 4, d), 2.0));
    }
    c.add(new DayCost(AS_OF, 3.0));
    return c;
  }

  @Test
  void shouldAddTheRemainingDaysAtTheTrailingFourteenDayAverage() {
    BillForecast f = BillForecast.of(costs(), AS_OF).orElseThrow();

    // Month to date 9 x 2 + 3 = 21; trailing 14 days (Mar 28..Apr 10) 4 x 1.5 + 21 = 27, / 14 =
    // 1.928571; 30 - 10 = 20 days left: 21 + 20 x 27/14 = 59.571429 EUR.
    assertThat(f.month()).isEqualTo(YearMonth.of(2024, 4));
    assertThat(f.monthToDateEur()).isCloseTo(21, within(1e-12));
    assertThat(f.dailyAverageEur()).isCloseTo(1.928571428571, within(1e-9));
    assertThat(f.estimatedDays()).isEqualTo(20);
    assertThat(f.forecastEur()).isCloseTo(59.571428571429, within(1e-9));
  }

  @Test
  void shouldAverageSevenDaysWhenConfigured() {
    BillForecast f = BillForecast.of(costs(), AS_OF, new Settings(7, 3)).orElseThrow();

    // Apr 4..10: 6 x 2 + 3 = 15, / 7 = 2.142857; 21 + 20 x 15/7 = 63.857143 EUR.
    assertThat(f.dailyAverageEur()).isCloseTo(2.142857142857, within(1e-9));
    assertThat(f.forecastEur()).isCloseTo(63.857142857143, within(1e-9));
  }

  @Test
  void shouldEstimatePastDaysWithoutAFigure() {
    List<DayCost> c = costs();
    c.removeIf(x -> x.date().equals(LocalDate.of(2024, 4, 5)));

    BillForecast f = BillForecast.of(c, AS_OF).orElseThrow();

    // Month to date 19 over 9 days; trailing 6 + 19 = 25 over 13 figures = 1.923077;
    // 30 - 9 = 21 estimated days: 19 + 21 x 25/13 = 59.384615 EUR.
    assertThat(f.estimatedDays()).isEqualTo(21);
    assertThat(f.forecastEur()).isCloseTo(59.384615384615, within(1e-9));
  }

  @Test
  void shouldIgnoreFiguresAfterTheDay() {
    List<DayCost> c = costs();
    c.add(new DayCost(AS_OF.plusDays(1), 1000));

    assertThat(BillForecast.of(c, AS_OF)).isEqualTo(BillForecast.of(costs(), AS_OF));
  }

  @Test
  void shouldGiveNothingWithFewerThanThreeRecentFigures() {
    List<DayCost> c = List.of(new DayCost(AS_OF, 2), new DayCost(AS_OF.minusDays(1), 2));

    assertThat(BillForecast.of(c, AS_OF)).isEmpty();
  }

  @Test
  void shouldRejectTwoFiguresForOneDay() {
    List<DayCost> c = List.of(new DayCost(AS_OF, 2), new DayCost(AS_OF, 3));

    assertThatThrownBy(() -> BillForecast.of(c, AS_OF))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(AS_OF.toString());
  }

  @Property(tries = 200)
  void shouldForecastAConstantDailyCostTimesTheDaysOfTheMonth(
      @ForAll @DoubleRange(min = 0, max = 50) double eur,
      @ForAll @IntRange(min = 0, max = 365 * 2) int offset) {
    LocalDate asOf = LocalDate.of(2023, 1, 1).plusDays(offset);
    List<DayCost> c = new ArrayList<>();
    for (LocalDate d = asOf.withDayOfMonth(1).minusDays(14); !d.isAfter(asOf); d = d.plusDays(1)) {
      c.add(new DayCost(d, eur));
    }

    BillForecast f = BillForecast.of(c, asOf).orElseThrow();

    assertThat(f.forecastEur())
        .isCloseTo(eur * asOf.lengthOfMonth(), within(1e-9 * (1 + eur * 31)));
  }
}
