package io.gridlens.core.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CarbonIntensityTest {

  private static final Instant H0 = Instant.parse("2026-03-29T00:00:00Z");

  /** Figures at 00:00 and 02:00 UTC only; 01:00 has none. */
  private final CarbonIntensity c =
      CarbonIntensity.hourly("FR", Map.of(H0, 40.0, H0.plusSeconds(7200), 55.5), 60.0);

  @Test
  void shouldGiveTheFigureOfTheHourContainingTheInstant() {
    assertThat(c.gPerKwh(H0)).isEqualTo(40.0);
    assertThat(c.gPerKwh(H0.plusSeconds(3599))).isEqualTo(40.0);
    assertThat(c.gPerKwh(H0.plusSeconds(7200 + 1800))).isEqualTo(55.5);
  }

  @Test
  void shouldFallBackToTheFixedFactorForHoursWithoutAFigure() {
    assertThat(c.gPerKwh(H0.plusSeconds(3600))).as("the gap").isEqualTo(60.0);
    assertThat(c.gPerKwh(H0.minusSeconds(1))).as("before the first").isEqualTo(60.0);
    assertThat(c.gPerKwh(H0.plusSeconds(3 * 3600))).as("after the last").isEqualTo(60.0);
    assertThat(CarbonIntensity.fixed("FR", 52.0).gPerKwh(H0)).isEqualTo(52.0);
    assertThat(CarbonIntensity.hourly("FR", Map.of(), 33.0).gPerKwh(H0)).isEqualTo(33.0);
  }

  @Test
  void shouldRejectFiguresSpanningMoreThanACentury() {
    Instant later = H0.plusSeconds(CarbonIntensity.MAX_HOURS * 3600);
    assertThatThrownBy(() -> CarbonIntensity.hourly("FR", Map.of(H0, 1.0, later, 2.0), 60.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("carbon figures of FR span more than a century");
  }

  @Test
  void shouldGiveBackItsFixedFactorAndHourlyFiguresInTimeOrder() {
    assertThat(c.fixedGPerKwh()).isEqualTo(60.0);
    assertThat(c.figures())
        .containsExactly(Map.entry(H0, 40.0), Map.entry(H0.plusSeconds(7200), 55.5));
    assertThat(CarbonIntensity.fixed("FR", 52.0).figures()).isEmpty();
  }

  @Test
  void shouldLayNewerFiguresOverItsOwnAndKeepItsFactorUnlessGivenOne() {
    // c: 40 at H0, 55.5 at H0 + 2 h, factor 60. Newer: 45 at H0 + 2 h, 30 at H0 + 5 h.
    Map<Instant, Double> newer = Map.of(H0.plusSeconds(7200), 45.0, H0.plusSeconds(5 * 3600), 30.0);

    CarbonIntensity kept = c.with(newer, null);
    CarbonIntensity refactored = c.with(Map.of(), 50.0);

    assertThat(kept.figures())
        .containsExactly(
            Map.entry(H0, 40.0),
            Map.entry(H0.plusSeconds(7200), 45.0),
            Map.entry(H0.plusSeconds(5 * 3600), 30.0));
    assertThat(kept.fixedGPerKwh()).isEqualTo(60.0);
    assertThat(kept.gPerKwh(H0.plusSeconds(3 * 3600))).isEqualTo(60.0);
    assertThat(refactored.figures()).isEqualTo(c.figures());
    assertThat(refactored.gPerKwh(H0.plusSeconds(3600))).isEqualTo(50.0);
  }
}
