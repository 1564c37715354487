package io.gridlens.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridlens.core.reference.DwellingType;
import io.gridlens.core.reference.HeatingEnergy;
import io.gridlens.core.reference.TariffKind;
import java.time.Instant;
import java.time.LocalDate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class HouseholdLoadTest {

  /** A household with no occupant activity, gas heating and a 2 kW water heater. */
  private static Household quiet(double alwaysOnW, double waterHeaterW) {
    return new Household(
        0,
        FleetSpec.meterId(0),
        Region.FR_IDF,
        DwellingType.APARTMENT,
        50,
        HeatingEnergy.GAS,
        2,
        alwaysOnW,
        0,
        60,
        16,
        0,
        25,
        waterHeaterW,
        0,
        false,
        TariffKind.HPHC,
        6);
  }

  @Test
  void shouldDrawOnlyTheAlwaysOnPowerAtNoonWithNothingElseRunning() {
    HouseholdLoad load = new HouseholdLoad(1, quiet(100, 2000), 30);

    // 20 °C: no heating (balance 16), no cooling (set point 25), no activity, heater off at noon:
    // 100 W x 0.5 h = 50 Wh.
    assertThat(load.wh(0, 12 * 60, 20_000, false, 0, 20, null)).isEqualTo(50);
  }

  @Test
  void shouldRunTheWaterHeaterAtFullPowerJustAfterTwentyTwo() {
    HouseholdLoad load = new HouseholdLoad(1, quiet(100, 2000), 30);

    // 2 occupants need (1.0 + 1.3 x 2) = 3.6 kWh x at least 0.8 (day factor) = 2.88 kWh: 86 min
    // at 2 kW, so 22:30-23:00 is fully on: (100 + 2000) W x 0.5 h = 1050 Wh.
    assertThat(load.wh(0, 22 * 60 + 30, 20_000, false, 0, 20, null)).isEqualTo(1050);
  }

  @Test
  void shouldGiveTheHeatPumpACopOf2Point9At7DegreesBoundedBy1Point8And4Point2() {
    assertThat(HouseholdLoad.heatPumpCop(7)).isCloseTo(2.9, within(1e-12));
    // 2.9 + 0.07 x (-5 - 7) = 2.06
    assertThat(HouseholdLoad.heatPumpCop(-5)).isCloseTo(2.06, within(1e-12));
    assertThat(HouseholdLoad.heatPumpCop(-30)).isEqualTo(1.8);
    assertThat(HouseholdLoad.heatPumpCop(30)).isEqualTo(4.2);
  }

  @Property(tries = 50)
  void activityProfileAveragesOneOverTheDay(
      @ForAll @IntRange(min = -45, max = 45) int shiftMinutes,
      @ForAll boolean weekend,
      @ForAll("intervals") int intervalMinutes) {
    double[] p = HouseholdLoad.profile(weekend, shiftMinutes / 60.0, intervalMinutes);
    double mean = 0;
    for (double v : p) {
      assertThat(v).isPositive();
      mean += v / p.length;
    }
    assertThat(mean).isCloseTo(1.0, within(1e-9));
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Integer> intervals() {
    return net.jqwik.api.Arbitraries.of(5, 10, 15, 30, 60);
  }

  @Property(tries = 200)
  void noIntervalDrawsLessThanTheAlwaysOnPower(
      @ForAll @IntRange(min = 0, max = 10_000) int meter,
      @ForAll @IntRange(min = 0, max = 10 * 365 * 48) int halfHour) {
    Fleet fleet = Fleet.of(FleetSpec.of(4, 10_001, LocalDate.of(2025, 1, 1), 1));
    Instant start = Instant.parse("2020-01-01T00:00:00Z").plusSeconds(1800L * halfHour);

    long wh = fleet.cleanWh(meter, start);

    assertThat(wh).isGreaterThanOrEqualTo(Math.round(fleet.household(meter).alwaysOnW() * 0.5));
  }
}
