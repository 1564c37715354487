package io.gridlens.core.insight;

import static io.gridlens.core.insight.PeerPremises.house;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridlens.core.reference.DwellingType;
import io.gridlens.core.reference.HeatingEnergy;
import io.gridlens.core.reference.Premise;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A worked example with a minimum cohort size of 5, January 2025, tenant acme, electric houses:
 *
 * <pre>
 * A1..A8  FR-IDF 95 m², 3 occupants:  90 110 140 160 200 230 300 450 kWh   full cohort, 8 members
 * B       FR-IDF 100 m², 1 occupant:  500 kWh   full cohort of 1: relaxed to "no occupants", 9
 * C       FR-ARA 95 m², 3 occupants:  250 kWh   1 at every level but "no region" (10): placed there
 * </pre>
 */
class PeerTableTest {

  private static final YearMonth JAN = YearMonth.of(2025, 1);
  private static final double[] A_KWH = {90, 110, 140, 160, 200, 230, 300, 450};

  private final List<PeerInput> rows = new ArrayList<>();
  private final Premise b = house("acme", "FR-IDF", 100, 1);
  private final Premise c = house("acme", "FR-ARA", 95, 3);
  private final PeerTable table;

  PeerTableTest() {
    for (double kwh : A_KWH) {
      Premise a = house("acme", "FR-IDF", 95, 3);
      rows.add(new PeerInput(a.id(), JAN, a, kwh));
    }
    rows.add(new PeerInput(b.id(), JAN, b, 500));
    rows.add(new PeerInput(c.id(), JAN, c, 250));
    table = PeerTable.of(CohortConfig.DEFAULT.withMinSize(5), rows);
  }

  @Test
  void shouldCompareAMeterWithItsFullCohort() {
    PeerComparison a3 = table.compare(rows.get(2)).orElseThrow(); // 140 kWh

    // Sorted 90 110 140 160 200 230 300 450: median h = 3.5 -> 180; p20 h = 1.4 -> 122.
    assertThat(a3.cohort().cohort().level()).isEqualTo(CohortLevel.FULL);
    assertThat(a3.cohortCount()).isEqualTo(8);
    assertThat(a3.median()).isEqualTo(180.0);
    assertThat(a3.p20()).isCloseTo(122.0, within(1e-9));
    assertThat(a3.percentileRank()).isEqualTo(31.25); // (2 below + 0.5) / 8
    assertThat(a3.rating()).isEqualTo(PeerRating.GOOD); // 122 < 140 <= 180
  }

  @Test
  void shouldCompareARelaxedMeterWithEveryMatchingMeter() {
    PeerComparison cmp = table.compare(JAN, b, 500).orElseThrow();

    // 90 110 140 160 200 230 300 450 500: median h = 4 -> 200; p20 h = 1.6 -> 110 + 0.6 x 30.
    assertThat(cmp.cohort().cohort().level()).isEqualTo(CohortLevel.NO_OCCUPANTS);
    assertThat(cmp.cohortCount()).isEqualTo(9);
    assertThat(cmp.median()).isEqualTo(200.0);
    assertThat(cmp.p20()).isCloseTo(128.0, within(1e-9));
    assertThat(cmp.percentileRank()).isCloseTo(100 * 8.5 / 9, within(1e-9)); // 94.44
    assertThat(cmp.rating()).isEqualTo(PeerRating.ABOVE_TYPICAL);
  }

  @Test
  void shouldRelaxToTheRegionLastAndPoolBothRegions() {
    PeerComparison cmp = table.compare(JAN, c, 250).orElseThrow();

    // All 10: 90 110 140 160 200 230 250 300 450 500: median h = 4.5 -> (200 + 230) / 2 = 215;
    // p20 h = 1.8 -> 110 + 0.8 x 30 = 134; 250 has 6 below: (6 + 0.5) / 10 = 65 %.
    assertThat(cmp.cohort().cohort().level()).isEqualTo(CohortLevel.NO_REGION);
    assertThat(cmp.cohortCount()).isEqualTo(10);
    assertThat(cmp.median()).isEqualTo(215.0);
    assertThat(cmp.p20()).isCloseTo(134.0, within(1e-9));
    assertThat(cmp.percentileRank()).isEqualTo(65.0);
    assertThat(cmp.rating()).isEqualTo(PeerRating.ABOVE_TYPICAL);
  }

  @Test
  void shouldPublishOnlyThePlacedCohorts() {
    // Full A, "no occupants" (B), "no region" (C); C's "no occupants" and "no area" have 1 member.
    assertThat(table.allStats().values())
        .extracting(s -> s.cohort().cohort().level())
        .containsExactlyInAnyOrder(
            CohortLevel.FULL, CohortLevel.NO_OCCUPANTS, CohortLevel.NO_REGION);
  }

  @Test
  void shouldHaveNoComparisonWithoutCohort() {
    Premise alone =
        PeerPremises.premise("acme", "FR-IDF", DwellingType.APARTMENT, 30, HeatingEnergy.GAS, 1);

    assertThat(table.compare(JAN, alone, 100)).isEmpty();
    assertThat(table.compare(JAN.plusMonths(1), b, 100)).isEmpty();
  }
}
