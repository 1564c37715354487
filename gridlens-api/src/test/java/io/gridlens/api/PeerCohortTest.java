package io.gridlens.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlens.core.insight.CohortConfig;
import io.gridlens.core.insight.CohortKey;
import io.gridlens.core.insight.CohortLevel;
import io.gridlens.core.reference.DwellingType;
import io.gridlens.core.reference.HeatingEnergy;
import org.junit.jupiter.api.Test;

/** Reading a published cohort description back: the inverse of {@link CohortKey#describe}. */
class PeerCohortTest {

  private static final CohortKey FULL =
      new CohortKey("t1", "FR-IDF", DwellingType.HOUSE, HeatingEnergy.ELECTRIC, 2, 2);

  @Test
  void shouldReadTheLevelAndTenantOfEveryRelaxationOfADescription() {
    for (CohortLevel level : CohortLevel.values()) {
      PeerCohort c = PeerCohort.parse(FULL.relaxedTo(level).describe(CohortConfig.DEFAULT));

      assertThat(c.level()).as(level.name()).isEqualTo(level);
      assertThat(c.tenant()).isEqualTo("t1");
    }
  }

  @Test
  void shouldListTheRelaxedAttributesInTheOrderTheyAreDropped() {
    PeerCohort c =
        PeerCohort.parse(FULL.relaxedTo(CohortLevel.NO_REGION).describe(CohortConfig.DEFAULT));

    assertThat(c.relaxed()).containsExactly("occupants", "floorArea", "region");
  }

  @Test
  void shouldReadThePlatformWideTenant() {
    CohortKey platform =
        new CohortKey(CohortKey.ANY, "FR-IDF", DwellingType.HOUSE, HeatingEnergy.GAS, 1, 0);

    assertThat(PeerCohort.parse(platform.describe(CohortConfig.DEFAULT)).tenant()).isEqualTo("*");
  }

  @Test
  void shouldRefuseADescriptionOfAnotherFormat() {
    assertThatThrownBy(() -> PeerCohort.parse("t1 / FR-IDF"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("6 fields");
  }
}
