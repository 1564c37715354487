package io.gridlens.core.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CohortConfigTest {

  private final CohortConfig config = CohortConfig.DEFAULT;

  @Test
  void shouldPutAreaBoundsInTheUpperBand() {
    // Bands [0,50) [50,80) [80,120) [120,180) [180,inf): a bound belongs to the band it opens.
    assertThat(config.areaBand(49.9)).isEqualTo(0);
    assertThat(config.areaBand(50)).isEqualTo(1);
    assertThat(config.areaBand(79.99)).isEqualTo(1);
    assertThat(config.areaBand(80)).isEqualTo(2);
    assertThat(config.areaBand(120)).isEqualTo(3);
    assertThat(config.areaBand(180)).isEqualTo(4);
    assertThat(config.areaBand(2000)).isEqualTo(4);
  }

  @Test
  void shouldBandOccupantsAsOneTwoThreeToFourFivePlus() {
    assertThat(config.occupantsBand(1)).isEqualTo(0);
    assertThat(config.occupantsBand(2)).isEqualTo(1);
    assertThat(config.occupantsBand(3)).isEqualTo(2);
    assertThat(config.occupantsBand(4)).isEqualTo(2);
    assertThat(config.occupantsBand(5)).isEqualTo(3);
    assertThat(config.occupantsBand(12)).isEqualTo(3);
  }

  @Test
  void shouldLabelBands() {
    assertThat(List.of(0, 1, 2, 3, 4).stream().map(config::areaLabel))
        .containsExactly("<50", "50-80", "80-120", "120-180", ">=180");
    assertThat(List.of(0, 1, 2, 3).stream().map(config::occupantsLabel))
        .containsExactly("1", "2", "3-4", "5+");
  }

  @Test
  void shouldRejectAMinimumSizeBelowOne() {
    assertThatThrownBy(() -> config.withMinSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minSize must be >= 1")
        .hasMessageContaining("was 0");
  }

  @Test
  void shouldRejectBoundsThatDoNotIncrease() {
    assertThatThrownBy(
            () -> new CohortConfig(CohortScope.TENANT, 30, List.of(50.0, 50.0), List.of(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("areaBoundsM2 must be finite, positive and strictly increasing");
  }
}
