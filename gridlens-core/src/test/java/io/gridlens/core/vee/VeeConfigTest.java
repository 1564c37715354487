package io.gridlens.core.vee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VeeConfigTest {

  @Test
  void shouldDefaultToTheThresholdsOfTheDesign() {
    VeeConfig c = VeeConfig.defaults();

    assertThat(c.spikeFactor()).isEqualTo(5.0);
    assertThat(c.spikeRank()).isEqualTo(3);
    assertThat(c.zeroRunMinutes()).isEqualTo(24 * 60);
    assertThat(c.maxInterpolationMinutes()).isEqualTo(120);
    assertThat(c.profileWeeks()).isEqualTo(4);
    assertThat(c.registerMaxWh()).isEqualTo(1_000_000_000L);
    assertThat(c.rolloverWindowWh()).isEqualTo(10_000_000L);
    assertThat(c.futureTolerance()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void shouldRefuseASpikeFactorOfOneOrLessNamingTheField() {
    assertThatThrownBy(() -> VeeConfig.DEFAULTS.withSpikeFactor(1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spikeFactor")
        .hasMessageContaining("1.0");
  }

  @Test
  void shouldRefuseANonPositiveRegisterMax() {
    assertThatThrownBy(() -> VeeConfig.DEFAULTS.withRegisterMaxWh(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("registerMaxWh");
  }

  @Test
  void shouldRefuseANegativeFutureTolerance() {
    assertThatThrownBy(() -> VeeConfig.DEFAULTS.withFutureTolerance(Duration.ofMinutes(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("futureTolerance");
  }

  @Test
  void shouldRefuseAnInterpolationLimitLongerThanADay() {
    assertThatThrownBy(() -> VeeConfig.DEFAULTS.withMaxInterpolationMinutes(1441))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxInterpolationMinutes");
  }

  @Test
  void shouldRefuseARolloverWindowOutsideZeroToOne() {
    assertThatThrownBy(() -> new VeeConfig(5, 3, 1440, 120, 4, 1_000_000_000L, 1.5, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rolloverWindow");
  }

  @Test
  void shouldRefuseAZeroRunLongerThanTheLongestDay() {
    assertThatThrownBy(() -> new VeeConfig(5, 3, 1501, 120, 4, 1_000_000_000L, 0.01, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zeroRunMinutes");
  }
}
