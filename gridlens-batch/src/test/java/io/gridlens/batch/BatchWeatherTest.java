package io.gridlens.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridlens.core.Reading;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.reference.Weather;
import io.gridlens.core.view.MeterMonthSummary;
import io.gridlens.core.view.SummaryCodec;
import io.gridlens.core.view.SummaryRow;
import io.gridlens.serving.RocksDbViewStore;
import io.gridlens.simulator.FaultRates;
import io.gridlens.simulator.Fleet;
import io.gridlens.simulator.FleetSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch's monthly breakdown from hourly weather: one meter whose use is made exactly by base 12
 * kWh a day plus 2 kWh per heating degree day at 14 °C of the temperature THREE hours earlier (each
 * interval gets its hour's share, rounded to the Wh), and its region's weather given as hourly
 * temperatures. The per-interval estimator finds the lag, so each month's heating comes out as the
 * truth; the daily means alone would blur a 3 h lag of a ±6 °C daily swing.
 */
class BatchWeatherTest {

  private static final LocalDate START = LocalDate.of(2026, 1, 1);
  private static final int DAYS = 120; // January to April; the fit needs 90 days
  private static final double BASE_KWH = 12;
  private static final double HEATING_KWH_PER_DD = 2;
  private static final double BALANCE_C = 14;
  private static final int LAG_HOURS = 3;

  @TempDir Path tmp;

  /**
   * Temperature of the hour starting at an epoch hour: ±6 °C a day around 14 °C (so every day has
   * hours without heating, and the always-on window sees the base alone), a slow ±3 °C drift and a
   * ±1 °C jitter.
   */
  private static double temperature(long epochHour) {
    double jitter = 2 * ((epochHour * 0.6180339887498949) % 1.0) - 1;
    return BALANCE_C
        + 6 * Math.cos(2 * Math.PI * (Math.floorMod(epochHour, 24) - 15) / 24.0)
        + 3 * Math.sin(2 * Math.PI * epochHour / (24 * 50.0))
        + jitter;
  }

  private static double heatingKwhOfHour(long epochHour) {
    return HEATING_KWH_PER_DD * Math.max(0, BALANCE_C - temperature(epochHour - LAG_HOURS)) / 24;
  }

  @Test
  void shouldSplitEachMonthsHeatingAsTheTruthWithHourlyWeather() throws Exception {
    Fleet fleet = Fleet.of(FleetSpec.of(3, 1, START, DAYS).withFaults(FaultRates.NONE));
    InMemoryReferenceData fleetRef = fleet.referenceData();
    String meterId = fleet.household(0).meterId();
    Meter meter = fleetRef.meter(meterId).orElseThrow();
    String region = fleetRef.premise(meterId, START).orElseThrow().region();
    Instant from = START.atStartOfDay(meter.zone()).toInstant();
    Instant to = START.plusDays(DAYS).atStartOfDay(meter.zone()).toInstant();

    // Hourly weather from the day before the first (the lag reaches into it) to the last day.
    Map<Instant, Double> hourly = new TreeMap<>();
    Instant firstHour = START.minusDays(1).atStartOfDay(meter.zone()).toInstant();
    for (Instant t = firstHour; t.isBefore(to); t = t.plusSeconds(3600)) {
      hourly.put(t, temperature(t.getEpochSecond() / 3600));
    }
    InMemoryReferenceData.Builder b = InMemoryReferenceData.builder();
    fleetRef.meters().values().forEach(b::meter);
    fleetRef.premises().values().forEach(t -> t.versions().forEach(b::premise));
    fleetRef.contracts().values().forEach(t -> t.versions().forEach(b::contract));
    fleetRef.carbon().values().forEach(b::carbon);
    b.tempo(fleetRef.tempo());
    b.weather(Weather.ofHourly(region, meter.zone(), hourly));
    InMemoryReferenceData ref = b.build();

    // Readings and, independently, the truth of each month's heating.
    int minutes = meter.intervalMinutes();
    List<Map.Entry<LocalDate, Reading>> readings = new ArrayList<>();
    Map<YearMonth, Double> truth = new TreeMap<>();
    for (Instant t = from; t.isBefore(to); t = t.plusSeconds(60L * minutes)) {
      long hour = t.getEpochSecond() / 3600;
      double kwh = (BASE_KWH / 24 + heatingKwhOfHour(hour)) * minutes / 60.0;
      readings.add(
          new AbstractMap.SimpleEntry<>(
              LocalDate.ofInstant(t, ZoneOffset.UTC),
              Reading.of(meterId, t, minutes, Math.round(kwh * 1000))));
      YearMonth month = YearMonth.from(t.atZone(meter.zone()));
      truth.merge(month, heatingKwhOfHour(hour) * minutes / 60.0, Double::sum);
    }
    Path data = tmp.resolve("data");
    try (MasterDatasetWriter w = new MasterDatasetWriter(data, 1)) {
      w.log(readings);
    }

    Map<YearMonth, MeterMonthSummary> months = new TreeMap<>();
    try (DuckDbEngine engine =
            DuckDbEngine.open(data, new DuckDbEngine.Settings("512MB", 1, 100_000));
        RocksDbViewStore store = RocksDbViewStore.open(tmp.resolve("views"))) {
      new BatchRunner(
              engine,
              store,
              ref,
              BatchSettings.DEFAULT,
              Clock.fixed(to.plusSeconds(3600), ZoneOffset.UTC),
              1)
          .run(BatchMode.FULL, MasterFiles.cutOnDisk(data), BatchProgress.Listener.NONE);
      long v = store.pointer().orElseThrow().current().number();
      for (SummaryRow r : store.readSummaries(v, SummaryCodec.meterPartition(meterId))) {
        MeterMonthSummary s = SummaryCodec.decodeMeterMonth(r);
        months.put(s.month(), s);
      }
    }

    assertThat(months.keySet()).containsExactlyElementsOf(truth.keySet());
    truth.forEach(
        (month, kwh) -> {
          MeterMonthSummary s = months.get(month);
          assertThat(s.heatingKwh()).as("heating of %s", month).isCloseTo(kwh, within(0.02 * kwh));
          assertThat(s.coolingKwh()).as("cooling of %s", month).isCloseTo(0, within(0.01 * kwh));
          // The always-on needs 168 h of data: from the 7th day on, it is the base alone.
          LocalDate firstAlwaysOn = START.plusDays(6);
          long days =
              month
                  .atDay(1)
                  .datesUntil(month.atEndOfMonth().plusDays(1))
                  .filter(d -> !d.isBefore(firstAlwaysOn))
                  .count();
          assertThat(s.alwaysOnKwh())
              .as("always-on of %s", month)
              .isCloseTo(BASE_KWH * days, within(0.02 * BASE_KWH * days));
        });
  }
}
