package io.gridlens.app;

import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.simulator.FaultRates;
import io.gridlens.simulator.Fleet;
import io.gridlens.simulator.FleetSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The simulated fleet of a demo data directory, kept in {@code <data-dir>/demo.properties} so a
 * restart (and {@code gridlens run} or {@code gridlens batch} on the same directory) finds the same
 * households, weather and live feed again.
 *
 * <p>History holds every interval that ends at or before {@code historyEnd}; the simulated window
 * runs {@value #EXTRA_DAYS} days past the last history day, so weather, carbon and Tempo colours
 * cover the days the live feed adds.
 *
 * @param seed the fleet's seed
 * @param meters number of meters
 * @param days full local days of history before the day of {@code historyEnd}
 * @param faultRate one rate for every fault kind, or negative for the simulator's defaults
 * @param historyEnd end of the history ingested at the first start (a whole interval boundary)
 */
record DemoFleet(long seed, int meters, int days, double faultRate, Instant historyEnd) {

  /** Days simulated after the day of the history end: reference data for the live feed. */
  static final int EXTRA_DAYS = 3;

  static final String FILE = "demo.properties";

  DemoFleet {
    Objects.requireNonNull(historyEnd, "historyEnd");
    if (meters < 1 || meters > FleetSpec.MAX_METERS) {
      throw new IllegalArgumentException(
          "meters must be in 1.." + FleetSpec.MAX_METERS + ", was " + meters);
    }
    if (days < 1 || days > FleetSpec.MAX_DAYS - EXTRA_DAYS - 1) {
      throw new IllegalArgumentException(
          "days must be in 1.." + (FleetSpec.MAX_DAYS - EXTRA_DAYS - 1) + ", was " + days);
    }
    if (faultRate > 0.5) {
      throw new IllegalArgumentException("fault rate must be in [0, 0.5], was " + faultRate);
    }
  }

  /**
   * A fleet whose history ends at the start of the last interval completed by {@code now}: the live
   * feed replays that interval first, then each one as it completes.
   */
  static DemoFleet endingAt(long seed, int meters, int days, double faultRate, Instant now) {
    long interval = Duration.ofMinutes(FleetSpec.DEFAULT_INTERVAL_MINUTES).toMillis();
    long inProgress = Math.floorDiv(now.toEpochMilli(), interval) * interval;
    return new DemoFleet(
        seed, meters, days, faultRate, Instant.ofEpochMilli(inProgress - interval));
  }

  /** The spec of the simulated window. */
  FleetSpec spec() {
    LocalDate last = lastHistoryDay();
    return new FleetSpec(
        seed,
        meters,
        last.minusDays(days),
        days + 1 + EXTRA_DAYS,
        FleetSpec.DEFAULT_INTERVAL_MINUTES,
        FleetSpec.DEFAULT_ZONE,
        FleetSpec.DEFAULT_TENANT,
        faultRate < 0 ? FaultRates.DEFAULT : FaultRates.all(faultRate));
  }

  /** The local day of the history end: history holds it up to {@code historyEnd}. */
  LocalDate lastHistoryDay() {
    return historyEnd.atZone(FleetSpec.DEFAULT_ZONE).toLocalDate();
  }

  /** The first local day of history. */
  LocalDate firstDay() {
    return lastHistoryDay().minusDays(days);
  }

  Fleet fleet() {
    return Fleet.of(spec());
  }

  /** Weather, carbon and Tempo colours of the window, without meters (those go through topics). */
  static InMemoryReferenceData environment(InMemoryReferenceData full) {
    InMemoryReferenceData.Builder b = InMemoryReferenceData.builder();
    full.weather().values().forEach(b::weather);
    full.carbon().values().forEach(b::carbon);
    b.tempo(full.tempo());
    return b.build();
  }

  /** The fleet of a data directory, if the demo made it. */
  static Optional<DemoFleet> load(Path dataDir) {
    Path f = dataDir.resolve(FILE);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(f)) {
      p.load(in);
      return Optional.of(
          new DemoFleet(
              Long.parseLong(p.getProperty("seed")),
              Integer.parseInt(p.getProperty("meters")),
              Integer.parseInt(p.getProperty("days")),
              Double.parseDouble(p.getProperty("fault-rate")),
              Instant.parse(p.getProperty("history-end"))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          f + " is damaged (" + e + "); delete the data directory or pick another --data-dir", e);
    }
  }

  /** Writes {@code <dataDir>/demo.properties}. */
  void save(Path dataDir) {
    Properties p = new Properties();
    p.setProperty("seed", Long.toString(seed));
    p.setProperty("meters", Integer.toString(meters));
    p.setProperty("days", Integer.toString(days));
    p.setProperty("fault-rate", Double.toString(faultRate));
    p.setProperty("history-end", historyEnd.toString());
    try {
      Files.createDirectories(dataDir);
      try (OutputStream out = Files.newOutputStream(dataDir.resolve(FILE))) {
        p.store(out, "the simulated fleet of this Gridlens demo data directory");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dataDir.resolve(FILE), e);
    }
  }
}
