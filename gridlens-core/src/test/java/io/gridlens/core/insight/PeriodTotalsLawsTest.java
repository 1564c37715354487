package io.gridlens.core.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlens.core.reference.Period;
import io.gridlens.core.reference.TariffKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The merge laws of {@link PeriodTotals}, exact (record equality, {@code long} fixed-point money
 * and carbon): identity, commutativity, associativity, and the fold of a concatenation is the merge
 * of the folds, whatever the order of the days.
 */
class PeriodTotalsLawsTest {

  @Property
  void shouldHaveEmptyAsIdentity(@ForAll("totals") PeriodTotals t) {
    assertThat(PeriodTotals.EMPTY.merge(t)).isEqualTo(t);
    assertThat(t.merge(PeriodTotals.EMPTY)).isEqualTo(t);
  }

  @Property
  void shouldMergeCommutatively(
      @ForAll("totals") PeriodTotals a, @ForAll("totals") PeriodTotals b) {
    assertThat(a.merge(b)).isEqualTo(b.merge(a));
  }

  @Property
  void shouldMergeAssociatively(
      @ForAll("totals") PeriodTotals a,
      @ForAll("totals") PeriodTotals b,
      @ForAll("totals") PeriodTotals c) {
    assertThat(a.merge(b).merge(c)).isEqualTo(a.merge(b.merge(c)));
  }

  @Property
  void shouldFoldConcatenationAsMergeOfFolds(
      @ForAll("days") List<DayInsights> xs, @ForAll("days") List<DayInsights> ys) {
    List<DayInsights> all = new ArrayList<>(xs);
    all.addAll(ys);

    assertThat(PeriodTotals.of(all)).isEqualTo(PeriodTotals.of(xs).merge(PeriodTotals.of(ys)));
  }

  @Property
  void shouldNotDependOnTheOrderOfDays(@ForAll("days") List<DayInsights> xs, @ForAll long seed) {
    List<DayInsights> shuffled = new ArrayList<>(xs);
    Collections.shuffle(shuffled, new Random(seed));

    assertThat(PeriodTotals.of(shuffled)).isEqualTo(PeriodTotals.of(xs));
  }

  @Property
  void shouldCountEveryDayAndIntervalOnce(@ForAll("days") List<DayInsights> xs) {
    PeriodTotals t = PeriodTotals.of(xs);

    assertThat(t.days()).isEqualTo(xs.size());
    assertThat(t.wh()).isEqualTo(xs.stream().mapToLong(DayInsights::wh).sum());
    assertThat(t.missing()).isEqualTo(xs.stream().mapToLong(DayInsights::missing).sum());
    assertThat(t.daysWithCost()).isEqualTo((int) xs.stream().filter(DayInsights::hasCost).count());
  }

  @Provide
  Arbitrary<PeriodTotals> totals() {
    return days().map(PeriodTotals::of);
  }

  @Provide
  Arbitrary<List<DayInsights>> days() {
    return day().list().ofMaxSize(8);
  }

  /**
   * A plausible day: counts that add up, a split of its energy (or none), optional money/carbon.
   */
  private static Arbitrary<DayInsights> day() {
    Arbitrary<Integer> expected = Arbitraries.of(46, 48, 50, 96, 24);
    Arbitrary<TariffKind> tariff = Arbitraries.of(TariffKind.class).injectNull(0.2);
    Arbitrary<List<Long>> parts = Arbitraries.longs().between(0, 30_000).list().ofSize(6);
    Arbitrary<Double> money = Arbitraries.doubles().between(0, 50).injectNull(0.2);
    Arbitrary<Double> co2 = Arbitraries.doubles().between(0, 20_000).injectNull(0.2);
    Arbitrary<Integer> missing = Arbitraries.integers().between(0, 10);
    return Combinators.combine(expected, tariff, parts, money, co2, missing)
        .as(
            (n, kind, wh, cost, g, miss) -> {
              Map<Period, Long> tou = new EnumMap<>(Period.class);
              long total = 0;
              if (kind == null) {
                total = wh.get(0);
              } else {
                List<Period> periods = kind.periods();
                for (int i = 0; i < periods.size(); i++) {
                  tou.put(periods.get(i), wh.get(i));
                  total += wh.get(i);
                }
              }
              int estimated = Math.min(miss, n - miss) / 2;
              return new DayInsights(
                  total,
                  n,
                  n - miss - estimated,
                  estimated,
                  miss,
                  tou,
                  cost == null ? Double.NaN : cost,
                  cost == null ? Double.NaN : cost / 7,
                  g == null ? Double.NaN : g);
            });
  }
}
