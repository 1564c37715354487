package io.gridlens.core.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridlens.core.insight.DegreeDays.Model;
import io.gridlens.core.insight.DegreeDays.Observation;
import java.time.LocalDate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class BreakdownTest {

  private static final LocalDate DAY = LocalDate.of(2024, 1, 15);

  @Test
  void shouldKeepModelledPartsWhenTheDayHasRoomForThem() {
    Breakdown b = Breakdown.of(DAY, 30, 5, 12, 3);

    // 30 - 5 - 12 - 3 = 10 kWh of other use.
    assertThat(b).isEqualTo(new Breakdown(DAY, 30, 5, 12, 3, 10));
  }

  @Test
  void shouldScaleHeatingAndCoolingDownToTheRoomLeftByAlwaysOn() {
    Breakdown b = Breakdown.of(DAY, 20, 5, 12, 6);

    // Room 20 - 5 = 15 < 12 + 6 = 18: both scaled by 15/18, heating 10, cooling 5, other 0.
    assertThat(b.alwaysOnKwh()).isEqualTo(5.0);
    assertThat(b.heatingKwh()).isCloseTo(10, within(1e-12));
    assertThat(b.coolingKwh()).isCloseTo(5, within(1e-12));
    assertThat(b.otherKwh()).isCloseTo(0, within(1e-12));
  }

  @Test
  void shouldCapAlwaysOnAtTheDaysEnergy() {
    Breakdown b = Breakdown.of(DAY, 4, 5, 2, 0);

    assertThat(b).isEqualTo(new Breakdown(DAY, 4, 4, 0, 0, 0));
  }

  @Test
  void shouldSplitAnObservedDayWithAModel() {
    // base 6, h = 0.5 at 15 °C, c = 1 at 22 °C; the day is 5 °C: heating 0.5 x 10 = 5 kWh.
    Model model = new Model(DAY.minusDays(364), DAY, 365, 6, 0.5, 15, 1, 22, 0.8);
    Observation day = Observation.ofMean(DAY, 14, 5);

    Breakdown b = Breakdown.of(day, model, 2.4);

    // 14 - 2.4 - 5 - 0 = 6.6 kWh other.
    assertThat(b.alwaysOnKwh()).isEqualTo(2.4);
    assertThat(b.heatingKwh()).isEqualTo(5.0);
    assertThat(b.coolingKwh()).isEqualTo(0.0);
    assertThat(b.otherKwh()).isCloseTo(6.6, within(1e-12));
  }

  @Property(tries = 500)
  void shouldSplitTheDaysEnergyIntoNonNegativeParts(
      @ForAll @DoubleRange(min = 0, max = 200) double kwh,
      @ForAll @DoubleRange(min = 0, max = 50) double alwaysOn,
      @ForAll @DoubleRange(min = 0, max = 150) double heating,
      @ForAll @DoubleRange(min = 0, max = 150) double cooling) {
    Breakdown b = Breakdown.of(DAY, kwh, alwaysOn, heating, cooling);

    assertThat(b.alwaysOnKwh()).isBetween(0.0, alwaysOn);
    assertThat(b.heatingKwh()).isBetween(0.0, heating);
    assertThat(b.coolingKwh()).isBetween(0.0, cooling);
    assertThat(b.otherKwh()).isGreaterThanOrEqualTo(0.0);
    assertThat(b.alwaysOnKwh() + b.heatingKwh() + b.coolingKwh() + b.otherKwh())
        .isCloseTo(kwh, within(1e-9 * (1 + kwh)));
  }
}
