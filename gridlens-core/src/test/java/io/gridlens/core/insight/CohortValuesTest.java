package io.gridlens.core.insight;

import static io.gridlens.core.insight.PeerPremises.house;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlens.core.reference.DwellingType;
import io.gridlens.core.reference.HeatingEnergy;
import io.gridlens.core.reference.Premise;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CohortValuesTest {

  private static final YearMonth JAN = YearMonth.of(2025, 1);

  /** Meter-months over a small attribute space, so that cohorts fill and relax. */
  @Provide
  Arbitrary<List<PeerInput>> population() {
    Arbitrary<Premise> premise =
        Combinators.combine(
                Arbitraries.of("acme", "volt"),
                Arbitraries.of("FR-IDF", "FR-ARA"),
                Arbitraries.of(DwellingType.class),
                Arbitraries.of(45.0, 70.0, 95.0, 150.0, 200.0),
                Arbitraries.of(HeatingEnergy.ELECTRIC, HeatingEnergy.GAS),
                Arbitraries.integers().between(1, 6))
            .as(PeerPremises::premise);
    Arbitrary<PeerInput> row =
        Combinators.combine(
                premise,
                Arbitraries.of(JAN, JAN.plusMonths(1)),
                Arbitraries.doubles().between(0, 3_000).ofScale(2))
            .as((p, m, kwh) -> new PeerInput(p.id(), m, p, kwh));
    return row.list().ofMaxSize(400);
  }

  @Property(tries = 200)
  void shouldNotDependOnHowTheMetersAreSplit(
      @ForAll("population") List<PeerInput> rows,
      @ForAll @IntRange(max = 400) int cut,
      @ForAll @IntRange(min = 1, max = 12) int minSize) {
    CohortConfig config = CohortConfig.DEFAULT.withMinSize(minSize);
    int at = Math.min(cut, rows.size());
    List<PeerInput> left = rows.subList(0, at);
    List<PeerInput> right = rows.subList(at, rows.size());

    CohortCensus whole = census(config, rows);
    CohortCensus merged = census(config, right).merge(census(config, left));
    assertThat(merged.counts()).isEqualTo(whole.counts());

    CohortAssigner assigner = whole.assigner();
    CohortValues all = values(assigner, rows);
    CohortValues split = values(assigner, right).merge(values(assigner, left));
    assertThat(summary(split.stats())).isEqualTo(summary(all.stats()));
    assertThat(split.size()).isEqualTo(all.size());
  }

  @Property(tries = 200)
  void shouldNeverPublishACohortMonthBelowTheMinimumSize(
      @ForAll("population") List<PeerInput> rows,
      @ForAll @IntRange(min = 1, max = 40) int minSize,
      @ForAll @IntRange(max = 400) int dropped) {
    CohortConfig config = CohortConfig.DEFAULT.withMinSize(minSize);
    CohortAssigner assigner = census(config, rows).assigner();
    // Gather fewer values than the census counted: some cohort-months fall below the floor.
    CohortValues values =
        values(assigner, rows.subList(Math.min(dropped, rows.size()), rows.size()));

    assertThat(values.stats().values())
        .allSatisfy(s -> assertThat(s.count()).isGreaterThanOrEqualTo(minSize));
    assertThat(assigner.placedCohorts())
        .allSatisfy(c -> assertThat(assigner.size(c)).isGreaterThanOrEqualTo(minSize));
  }

  @Test
  void shouldLeaveOutACohortMonthWithTooFewValues() {
    CohortConfig min5 = CohortConfig.DEFAULT.withMinSize(5);
    List<Premise> five = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      five.add(house("acme", "FR-IDF", 95, 3));
    }
    CohortCensus census = new CohortCensus(min5);
    five.forEach(p -> census.add(JAN, p));
    CohortValues values = new CohortValues(census.assigner());
    five.subList(0, 4).forEach(p -> values.add(JAN, p, 100));

    assertThat(values.stats()).isEmpty();
  }

  @Test
  void shouldRefuseToMergeValuesOfAnotherPlacement() {
    CohortValues one = new CohortValues(new CohortCensus(CohortConfig.DEFAULT).assigner());
    CohortValues two = new CohortValues(new CohortCensus(CohortConfig.DEFAULT).assigner());

    assertThatThrownBy(() -> one.merge(two))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another CohortAssigner");
  }

  private static CohortCensus census(CohortConfig config, List<PeerInput> rows) {
    CohortCensus c = new CohortCensus(config);
    rows.forEach(r -> c.add(r.month(), r.premise()));
    return c;
  }

  private static CohortValues values(CohortAssigner assigner, List<PeerInput> rows) {
    CohortValues v = new CohortValues(assigner);
    rows.forEach(r -> v.add(r.month(), r.premise(), r.kwh()));
    return v;
  }

  /** Count, median, p20 and the 0th..100th percentiles by 10: the whole sorted shape. */
  private static Map<CohortMonth, List<Double>> summary(Map<CohortMonth, CohortStats> stats) {
    Map<CohortMonth, List<Double>> out = new TreeMap<>();
    stats.forEach(
        (k, s) -> {
          List<Double> row = new ArrayList<>(List.of((double) s.count(), s.median(), s.p20()));
          for (int q = 0; q <= 10; q++) {
            row.add(s.percentile(q / 10.0));
          }
          out.put(k, row);
        });
    return out;
  }
}
