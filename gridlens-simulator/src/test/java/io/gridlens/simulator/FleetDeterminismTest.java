package io.gridlens.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FleetDeterminismTest {

  private static final FleetSpec SPEC =
      FleetSpec.of(7, 30, LocalDate.of(2025, 3, 25), 10).withFaults(FaultRates.all(0.05));

  @Test
  void shouldDeliverIdenticalReadingsForTheSameSeed() {
    List<Delivery> first = Fleet.of(SPEC).deliveries().collect(Collectors.toList());
    List<Delivery> second = Fleet.of(SPEC).deliveries().collect(Collectors.toList());

    assertThat(first).isNotEmpty().isEqualTo(second);
  }

  @Test
  void shouldDeliverOtherReadingsForAnotherSeed() {
    FleetSpec other =
        new FleetSpec(
            8,
            SPEC.meters(),
            SPEC.start(),
            SPEC.days(),
            SPEC.intervalMinutes(),
            SPEC.zone(),
            SPEC.tenant(),
            SPEC.faults());

    assertThat(Fleet.of(other).deliveries(3)).isNotEqualTo(Fleet.of(SPEC).deliveries(3));
  }

  @Test
  void shouldSimulateAMeterAloneExactlyAsInTheWholeFleet() {
    int meter = 3;
    List<Delivery> inFleet =
        Fleet.of(SPEC)
            .deliveries()
            .filter(d -> d.reading().meterId().equals(FleetSpec.meterId(meter)))
            .collect(Collectors.toList());

    List<Delivery> alone = Fleet.of(SPEC.withMeters(meter + 1)).deliveries(meter);

    assertThat(alone).isEqualTo(inFleet);
  }

  @Test
  void shouldGiveAMeterTheSameHouseholdAndTruthWhateverTheFleetSize() {
    Fleet small = Fleet.of(SPEC.withMeters(5));
    Fleet large = Fleet.of(SPEC.withMeters(500));

    assertThat(large.household(4)).isEqualTo(small.household(4));
    assertThat(large.truth(4).dailyCleanWh()).isEqualTo(small.truth(4).dailyCleanWh());
  }

  @Test
  void shouldGiveTheSameCleanValueOnTheSingleIntervalPathAsOnTheFastPath() {
    // The window spans the spring DST change (2025-03-30, 46 half-hours).
    Fleet fleet = Fleet.of(SPEC);
    long[] series = new long[fleet.grid().size()];
    for (int m = 0; m < 5; m++) {
      fleet.cleanSeries(m, series);
      for (int i = 0; i < series.length; i += 7) {
        Instant start = fleet.grid().start(i);
        assertThat(fleet.cleanWh(m, start)).as("meter %d at %s", m, start).isEqualTo(series[i]);
      }
    }
  }

  @Test
  void shouldMatchTheFastPathWithTheTruthsCleanSeries() {
    Fleet fleet = Fleet.of(SPEC);
    long[] series = new long[fleet.grid().size()];
    fleet.cleanSeries(2, series);
    MeterTruth truth = fleet.truth(2);

    for (int i = 0; i < series.length; i++) {
      assertThat(truth.cleanWh(i)).isEqualTo(series[i]);
    }
  }

  @Test
  void shouldNameMetersWithFourteenDigitsAndParseThemBack() {
    assertThat(FleetSpec.meterId(42)).isEqualTo("25000000000042");
    assertThat(FleetSpec.meterIndex("25000000000042")).isEqualTo(42);
    assertThat(FleetSpec.meterIndex("M42")).isEqualTo(-1);
  }
}
