package io.gridlens.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlens.core.reference.HeatingEnergy;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A year of 200 households, checked against what French households look like. */
class FleetRealismTest {

  private static final int METERS = 200;
  private static Fleet fleet;
  private static final List<MeterTruth> truths = new ArrayList<>();

  @BeforeAll
  static void simulateAYear() {
    fleet =
        Fleet.of(
            FleetSpec.of(2025, METERS, LocalDate.of(2025, 1, 1), 365).withFaults(FaultRates.NONE));
    for (int m = 0; m < METERS; m++) {
      truths.add(fleet.truth(m));
    }
  }

  @Test
  void shouldKeepAnnualConsumptionOfNearlyAllHomesBetween2000And15000Kwh() {
    long inRange =
        truths.stream()
            .mapToLong(MeterTruth::totalCleanWh)
            .filter(wh -> wh >= 2_000_000 && wh <= 15_000_000)
            .count();

    assertThat(inRange).isGreaterThanOrEqualTo((long) Math.ceil(0.95 * METERS));
  }

  @Test
  void shouldMakeElectricHeatedHomesUseOverTwiceAsMuchInWinterAsInSummer() {
    double[] ratios = ratios(HeatingEnergy.ELECTRIC);

    assertThat(ratios.length).isGreaterThan(30);
    assertThat(median(ratios)).isGreaterThan(2.0);
    assertThat(aggregateRatio(HeatingEnergy.ELECTRIC)).isGreaterThan(2.0);
  }

  @Test
  void shouldMakeGasHeatedHomesFarLessSeasonalThanElectricOnes() {
    double[] gas = ratios(HeatingEnergy.GAS);

    assertThat(gas.length).isGreaterThan(30);
    assertThat(Arrays.stream(gas).max().orElseThrow()).isLessThan(1.6);
    assertThat(median(gas)).isLessThan(median(ratios(HeatingEnergy.ELECTRIC)) - 0.5);
  }

  @Test
  void shouldGiveHeatingALargerShareInElectricThanInGasHomes() {
    double electric = medianShare(HeatingEnergy.ELECTRIC);
    double gas = medianShare(HeatingEnergy.GAS);

    assertThat(electric).isBetween(0.25, 0.8);
    assertThat(gas).isLessThan(0.1);
  }

  @Test
  void shouldReportTheAlwaysOnPowerPutIntoTheModel() {
    for (MeterTruth t : truths) {
      assertThat(t.alwaysOnW()).isEqualTo(t.household().alwaysOnW()).isBetween(50.0, 400.0);
    }
  }

  @Test
  void shouldNeverDrawLessThanTheAlwaysOnPower() {
    for (MeterTruth t : truths) {
      long floorWh = Math.round(t.alwaysOnW() * 0.5);
      for (int i = 0; i < t.grid().size(); i++) {
        assertThat(t.cleanWh(i)).isGreaterThanOrEqualTo(floorWh);
      }
    }
  }

  @Test
  void shouldPutTheLowestDecileOfSummerPowersCloseAboveTheAlwaysOnPower() {
    // What the always-on insight measures: mean of the lowest 10 % of interval powers. In
    // summer (no heating) it should sit just above the true base load: night activity only.
    for (MeterTruth t : truths) {
      IntervalGrid g = t.grid();
      List<Long> summer = new ArrayList<>();
      for (int d = 0; d < g.days(); d++) {
        Month m = g.date(d).getMonth();
        if (m == Month.JUNE || m == Month.JULY || m == Month.AUGUST) {
          for (int i = g.dayFirst(d); i < g.dayFirst(d + 1); i++) {
            summer.add(t.cleanWh(i));
          }
        }
      }
      long[] wh = summer.stream().mapToLong(Long::longValue).sorted().toArray();
      int n = wh.length / 10;
      double meanW = Arrays.stream(wh, 0, n).average().orElseThrow() * 2; // Wh per half hour -> W
      Household h = t.household();
      assertThat(meanW)
          .as("lowest decile of %s", h)
          .isBetween(h.alwaysOnW() - 1, h.alwaysOnW() + 0.3 * h.activityW() + 5);
    }
  }

  private static double[] ratios(HeatingEnergy heating) {
    return truths.stream()
        .filter(t -> t.household().heating() == heating)
        .mapToDouble(t -> (double) seasonWh(t, true) / seasonWh(t, false))
        .toArray();
  }

  private static double aggregateRatio(HeatingEnergy heating) {
    long winter = 0;
    long summer = 0;
    for (MeterTruth t : truths) {
      if (t.household().heating() == heating) {
        winter += seasonWh(t, true);
        summer += seasonWh(t, false);
      }
    }
    return (double) winter / summer;
  }

  private static double medianShare(HeatingEnergy heating) {
    return median(
        truths.stream()
            .filter(t -> t.household().heating() == heating)
            .mapToDouble(MeterTruth::heatingShare)
            .toArray());
  }

  /** Consumption of December-February (winter) or June-August (summer) of the year. */
  private static long seasonWh(MeterTruth t, boolean winter) {
    long[] days = t.dailyCleanWh();
    long sum = 0;
    for (int d = 0; d < days.length; d++) {
      int month = t.grid().date(d).getMonthValue();
      boolean in = winter ? month == 12 || month <= 2 : month >= 6 && month <= 8;
      if (in) {
        sum += days[d];
      }
    }
    return sum;
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
