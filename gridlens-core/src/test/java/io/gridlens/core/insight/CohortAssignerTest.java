package io.gridlens.core.insight;

import static io.gridlens.core.insight.PeerPremises.house;
import static io.gridlens.core.insight.PeerPremises.premise;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlens.core.reference.DwellingType;
import io.gridlens.core.reference.HeatingEnergy;
import io.gridlens.core.reference.Premise;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Relaxation with a minimum cohort size of 3, on this population (tenant acme unless said, all
 * electrically heated houses unless said):
 *
 * <pre>
 * A1..A3  FR-IDF  95 m² (80-120)  3 occupants (3-4)   full key: 3 members
 * B       FR-IDF  100 m² (80-120) 1 occupant (1)       full 1; no occupants: A+B = 4
 * C       FR-IDF  40 m² (<50)     2 occupants (2)      full 1; no occupants 1; no area: A+B+C = 5
 * D       FR-ARA  60 m² (50-80)   6 occupants (5+)     full 1; no occ. 1; no area 1; no region: 6
 * E       FR-IDF  gas apartment                        1 at every level: no cohort
 * F       tenant other, as A                           1 at every level (tenant scope)
 * </pre>
 */
class CohortAssignerTest {

  private static final YearMonth JAN = YearMonth.of(2025, 1);
  private static final CohortConfig MIN3 = CohortConfig.DEFAULT.withMinSize(3);

  private final Premise a1 = house("acme", "FR-IDF", 95, 3);
  private final Premise a2 = house("acme", "FR-IDF", 95, 3);
  private final Premise a3 = house("acme", "FR-IDF", 95, 3);
  private final Premise b = house("acme", "FR-IDF", 100, 1);
  private final Premise c = house("acme", "FR-IDF", 40, 2);
  private final Premise d = house("acme", "FR-ARA", 60, 6);
  private final Premise e =
      premise("acme", "FR-IDF", DwellingType.APARTMENT, 95, HeatingEnergy.GAS, 3);
  private final Premise f = house("other", "FR-IDF", 95, 3);

  private CohortAssigner assigner(CohortConfig config) {
    CohortCensus census = new CohortCensus(config);
    for (Premise p : List.of(a1, a2, a3, b, c, d, e, f)) {
      census.add(JAN, p);
    }
    return census.assigner();
  }

  @Test
  void shouldPlaceAMeterInItsFullCohortWhenLargeEnough() {
    Optional<CohortKey> placed = assigner(MIN3).assign(JAN, a1);

    // acme / FR-IDF / HOUSE / ELECTRIC / area band 2 (80-120) / occupants band 2 (3-4)
    assertThat(placed)
        .contains(
            new CohortKey("acme", "FR-IDF", DwellingType.HOUSE, HeatingEnergy.ELECTRIC, 2, 2));
    assertThat(placed.orElseThrow().level()).isEqualTo(CohortLevel.FULL);
  }

  @Test
  void shouldDropOccupantsBeforeArea() {
    // B's area-relaxed cohort (5 members) would also do; occupants go first, and A+B = 4 >= 3.
    CohortKey placed = assigner(MIN3).assign(JAN, b).orElseThrow();

    assertThat(placed.level()).isEqualTo(CohortLevel.NO_OCCUPANTS);
    assertThat(placed)
        .isEqualTo(
            new CohortKey(
                "acme",
                "FR-IDF",
                DwellingType.HOUSE,
                HeatingEnergy.ELECTRIC,
                2,
                CohortKey.ANY_BAND));
    assertThat(assigner(MIN3).size(new CohortMonth(placed, JAN))).isEqualTo(4);
  }

  @Test
  void shouldDropAreaBeforeRegion() {
    CohortKey placed = assigner(MIN3).assign(JAN, c).orElseThrow();

    assertThat(placed.level()).isEqualTo(CohortLevel.NO_AREA);
    assertThat(placed.region()).isEqualTo("FR-IDF");
    assertThat(assigner(MIN3).size(new CohortMonth(placed, JAN))).isEqualTo(5);
  }

  @Test
  void shouldDropRegionLast() {
    CohortKey placed = assigner(MIN3).assign(JAN, d).orElseThrow();

    assertThat(placed)
        .isEqualTo(
            new CohortKey(
                "acme",
                CohortKey.ANY,
                DwellingType.HOUSE,
                HeatingEnergy.ELECTRIC,
                CohortKey.ANY_BAND,
                CohortKey.ANY_BAND));
    assertThat(assigner(MIN3).size(new CohortMonth(placed, JAN))).isEqualTo(6);
  }

  @Test
  void shouldLeaveAMeterWithoutCohortWhenEvenTheCoarsestIsTooSmall() {
    assertThat(assigner(MIN3).assign(JAN, e)).isEmpty();
  }

  @Test
  void shouldKeepTenantsApartByDefault() {
    assertThat(assigner(MIN3).assign(JAN, f)).isEmpty();
  }

  @Test
  void shouldMixTenantsWhenPlatformWide() {
    CohortAssigner platform = assigner(MIN3.withScope(CohortScope.PLATFORM));

    CohortKey placed = platform.assign(JAN, f).orElseThrow();

    assertThat(placed).isEqualTo(platform.assign(JAN, a1).orElseThrow());
    assertThat(placed.tenant()).isEqualTo(CohortKey.ANY);
    assertThat(platform.size(new CohortMonth(placed, JAN))).isEqualTo(4); // A1..A3 and F
  }

  @Test
  void shouldCountAMeterInEveryPlacedCohortItMatches() {
    CohortAssigner assigner = assigner(MIN3);
    List<CohortLevel> levels = new ArrayList<>();
    for (CohortKey k : assigner.memberships(JAN, a1)) {
      levels.add(k.level());
    }

    // A1 is placed FULL; B, C and D are placed in the three coarser cohorts A1 also matches.
    assertThat(levels)
        .containsExactly(
            CohortLevel.FULL, CohortLevel.NO_OCCUPANTS, CohortLevel.NO_AREA, CohortLevel.NO_REGION);
    assertThat(assigner.memberships(JAN, e)).isEmpty();
    assertThat(assigner.placedCohorts()).hasSize(4);
  }

  @Test
  void shouldDecideEachMonthOnItsOwnCounts() {
    CohortCensus census = new CohortCensus(MIN3);
    census.add(JAN, a1).add(JAN, a2).add(JAN, a3);
    census.add(JAN.plusMonths(1), a1).add(JAN.plusMonths(1), a2);
    CohortAssigner assigner = census.assigner();

    assertThat(assigner.assign(JAN, a1)).isPresent();
    assertThat(assigner.assign(JAN.plusMonths(1), a1)).isEmpty();
  }

  @Test
  void shouldRejectAKeyRelaxedOutOfOrder() {
    assertThatThrownBy(
            () ->
                new CohortKey(
                    "acme",
                    "FR-IDF",
                    DwellingType.HOUSE,
                    HeatingEnergy.ELECTRIC,
                    CohortKey.ANY_BAND,
                    1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("relaxed in the order occupants, area, region");
  }
}
