package io.gridlens.simulator;

import io.gridlens.core.Quality;
import io.gridlens.core.Reading;
import io.gridlens.core.ValueKind;
import io.gridlens.formats.ReadingFormat;
import io.gridlens.formats.ReadingWriter;
import io.gridlens.formats.WriteOptions;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a simulated fleet to a directory: the entry point behind {@code gridlens simulate}.
 *
 * <pre>
 * SimulatorRunner --meters 1000 --days 365 [--interval 30] [--format csv|jsonl|greenbutton|enedis|binary]
 *                 [--out DIR] [--seed 42] [--start 2025-01-01] [--zone Europe/Paris] [--tenant t1]
 *                 [--fault-rate 0.01] [--threads 2]
 * </pre>
 *
 * <p>Writes {@code households.csv} (each household and its hidden load parameters: the ground
 * truth) and the readings:
 *
 * <ul>
 *   <li>{@code csv}, {@code jsonl}: {@code readings.csv|jsonl}, every delivered reading, faults
 *       included, in delivery order (the fleet's readings are held in memory, ~17 bytes each);
 *   <li>{@code greenbutton}: {@code readings.xml}, each meter's delivered readings in its delivery
 *       order, meter after meter;
 *   <li>{@code enedis}: {@code enedis/<meter>.json}, one load curve per meter: the recorded values
 *       in time order, gaps left out (the format carries neither quality nor register indexes);
 *   <li>{@code binary}: {@code fleet.bin}, true interval energies ({@link BinaryFleetWriter}), the
 *       benchmark path.
 * </ul>
 *
 * Progress goes to stderr, a summary to stdout.
 */
public final class SimulatorRunner {

  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;

  /** A runner printing its summary to {@code out} and its progress to {@code err}. */
  public SimulatorRunner(PrintStream out, PrintStream err, Clock clock) {
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  public static void main(String[] args) {
    int code = new SimulatorRunner(System.out, System.err, Clock.systemUTC()).run(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Checked options of a run. */
  public record Options(FleetSpec spec, String format, Path out, int threads) {}

  /**
   * Runs with command-line arguments.
   *
   * @return the exit code: 0 done, 2 bad arguments, 1 failure
   */
  int run(String[] args) {
    Options o;
    try {
      o = parse(args);
    } catch (IllegalArgumentException e) {
      err.println("simulate: " + e.getMessage());
      err.println(
          "usage: --meters N --days D [--interval 30] [--format csv|jsonl|greenbutton|enedis|binary]"
              + " [--out DIR] [--seed S] [--start YYYY-MM-DD] [--zone Europe/Paris] [--tenant t1]"
              + " [--fault-rate R] [--threads T]");
      return 2;
    }
    return run(o);
  }

  /**
   * Simulates and writes a fleet.
   *
   * @return the exit code: 0 done, 1 failure
   */
  public int run(Options o) {
    try {
      long started = clock.millis();
      Files.createDirectories(o.out());
      Fleet fleet = Fleet.of(o.spec());
      writeHouseholds(fleet, o.out().resolve("households.csv"));
      long readings =
          switch (o.format()) {
            case "binary" -> writeBinary(fleet, o);
            case "csv", "jsonl" -> writeDeliveryOrder(fleet, o);
            case "greenbutton" -> writePerMeter(fleet, o);
            case "enedis" -> writeEnedis(fleet, o);
            default -> throw new IllegalStateException(o.format());
          };
      double s = Math.max(1, clock.millis() - started) / 1000.0;
      out.printf(
          Locale.ROOT,
          "simulated %d meters x %d days: %d readings in %.1f s (%.0f readings/s) -> %s%n",
          o.spec().meters(),
          o.spec().days(),
          readings,
          s,
          readings / s,
          o.out());
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("simulate: failed: " + e);
      return 1;
    }
  }

  static Options parse(String[] args) {
    Map<String, String> a = new TreeMap<>();
    for (int i = 0; i < args.length; i++) {
      String k = args[i];
      if (!k.startsWith("--")) {
        throw new IllegalArgumentException(
            "unexpected argument '" + k + "'; options start with --");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + k + " needs a value");
      }
      a.put(k.substring(2), args[++i]);
    }
    for (String k : a.keySet()) {
      if (!java.util.Set.of(
              "meters",
              "days",
              "interval",
              "format",
              "out",
              "seed",
              "start",
              "zone",
              "tenant",
              "fault-rate",
              "threads")
          .contains(k)) {
        throw new IllegalArgumentException(
            "unknown option --"
                + k
                + "; known: --meters --days --interval --format --out --seed --start --zone"
                + " --tenant --fault-rate --threads");
      }
    }
    return options(
        intOption(a, "meters", 100),
        intOption(a, "days", 30),
        intOption(a, "interval", FleetSpec.DEFAULT_INTERVAL_MINUTES),
        a.getOrDefault("format", "csv"),
        Path.of(a.getOrDefault("out", "simulated")),
        longOption(a, "seed", 42),
        a.getOrDefault("start", "2025-01-01"),
        a.getOrDefault("zone", FleetSpec.DEFAULT_ZONE.getId()),
        a.getOrDefault("tenant", "t1"),
        a.get("fault-rate"),
        intOption(a, "threads", Runtime.getRuntime().availableProcessors()));
  }

  /**
   * Checked options from their textual or typed values, as a command line gives them.
   *
   * @param faultRate one rate for every fault kind, or null for the defaults
   * @throws IllegalArgumentException naming the option and the value when one is wrong
   */
  public static Options options(
      int meters,
      int days,
      int interval,
      String formatName,
      Path out,
      long seed,
      String startDate,
      String zoneId,
      String tenant,
      String faultRate,
      int threads) {
    String format = formatName.toLowerCase(Locale.ROOT);
    if (!java.util.Set.of("csv", "jsonl", "greenbutton", "enedis", "binary").contains(format)) {
      throw new IllegalArgumentException(
          "unknown format '" + format + "'; known: csv, jsonl, greenbutton, enedis, binary");
    }
    LocalDate start;
    try {
      start = LocalDate.parse(startDate);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--start must be a date YYYY-MM-DD, was " + startDate);
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(zoneId);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "--zone must be a zone id like Europe/Paris, was " + zoneId);
    }
    FaultRates faults = FaultRates.DEFAULT;
    if (faultRate != null) {
      try {
        faults = FaultRates.all(Double.parseDouble(faultRate));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--fault-rate must be a number in [0, 0.5], was " + faultRate);
      }
    }
    if (format.equals("enedis")) {
      faults =
          new FaultRates(faults.gaps(), 0, 0, faults.spikes(), faults.zeroRunMeters(), 0, 0, 0);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be >= 1, was " + threads);
    }
    FleetSpec spec = new FleetSpec(seed, meters, start, days, interval, zone, tenant, faults);
    return new Options(spec, format, out, threads);
  }

  private long writeBinary(Fleet fleet, Options o) throws IOException {
    ProgressBar bar = new ProgressBar("meters", fleet.size(), err, clock);
    long n =
        new BinaryFleetWriter(fleet, o.threads())
            .write(o.out().resolve("fleet.bin"), m -> bar.step(1));
    bar.finish();
    return n;
  }

  private long writeDeliveryOrder(Fleet fleet, Options o) throws IOException {
    ProgressBar simulating = new ProgressBar("simulate", fleet.size(), err, clock);
    MeterDeliveries[] all = fleet.simulateAll(m -> simulating.step(1));
    simulating.finish();
    long total = 0;
    for (MeterDeliveries d : all) {
      total += d.size;
    }
    ProgressBar writing = new ProgressBar("write   ", total, err, clock);
    Path file = o.out().resolve("readings." + o.format());
    long n = 0;
    try (ReadingWriter w = writer(o.format(), file, o.spec().zone())) {
      Iterator<Delivery> it = fleet.merge(all);
      while (it.hasNext()) {
        w.write(it.next().reading());
        if (++n % 65536 == 0) {
          writing.step(65536);
        }
      }
    }
    writing.step(n % 65536);
    writing.finish();
    return n;
  }

  private long writePerMeter(Fleet fleet, Options o) throws IOException {
    ProgressBar bar = new ProgressBar("meters", fleet.size(), err, clock);
    long n = 0;
    try (ReadingWriter w =
        writer("greenbutton", o.out().resolve("readings.xml"), o.spec().zone())) {
      for (int m = 0; m < fleet.size(); m++) {
        for (Delivery d : fleet.deliveries(m)) {
          w.write(d.reading());
          n++;
        }
        bar.step(1);
      }
    }
    bar.finish();
    return n;
  }

  private long writeEnedis(Fleet fleet, Options o) throws IOException {
    Path dir = o.out().resolve("enedis");
    Files.createDirectories(dir);
    ProgressBar bar = new ProgressBar("meters", fleet.size(), err, clock);
    long n = 0;
    IntervalGrid grid = fleet.grid();
    for (int m = 0; m < fleet.size(); m++) {
      MeterTruth t = fleet.truth(m);
      String id = t.household().meterId();
      try (ReadingWriter w = writer("enedis", dir.resolve(id + ".json"), o.spec().zone())) {
        for (int i = 0; i < grid.size(); i++) {
          if (t.delivered(i)) {
            w.write(
                new Reading(
                    id,
                    io.gridlens.core.Channel.IMPORT,
                    grid.start(i),
                    grid.intervalMinutes(),
                    ValueKind.INTERVAL,
                    t.finalValue(i),
                    Quality.ACTUAL,
                    Fleet.SOURCE,
                    null,
                    null));
            n++;
          }
        }
      }
      bar.step(1);
    }
    bar.finish();
    return n;
  }

  /** The seam to gridlens-formats: a streaming writer of a format into a file. */
  private static ReadingWriter writer(String format, Path file, ZoneId zone) throws IOException {
    OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    return ReadingFormat.byName(format).writer(os, new WriteOptions(zone));
  }

  private static void writeHouseholds(Fleet fleet, Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(
          "meter_id,region,dwelling,floor_area_m2,heating,occupants,always_on_w,activity_w,"
              + "heat_loss_w_per_k,balance_point_c,cooling_w_per_k,water_heater_w,tariff,kva\n");
      for (int m = 0; m < fleet.size(); m++) {
        Household h = fleet.household(m);
        w.write(
            String.join(
                ",",
                h.meterId(),
                h.region().code(),
                h.dwelling().name(),
                num(h.floorAreaM2()),
                h.heating().name(),
                Integer.toString(h.occupants()),
                num(h.alwaysOnW()),
                num(h.activityW()),
                num(h.heatLossWPerK()),
                num(h.balancePointC()),
                num(h.coolingWPerK()),
                num(h.waterHeaterW()),
                h.tariff().name(),
                Integer.toString(h.kva())));
        w.write('\n');
      }
    }
  }

  private static String num(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static int intOption(Map<String, String> a, String name, int fallback) {
    String v = a.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.strip().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number, was '" + v + "'");
    }
  }

  private static long longOption(Map<String, String> a, String name, long fallback) {
    String v = a.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number, was '" + v + "'");
    }
  }
}
