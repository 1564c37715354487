package io.gridlens.batch.spark;

import io.gridlens.batch.BatchMode;
import io.gridlens.batch.BatchProgress;
import io.gridlens.batch.BatchRunner;
import io.gridlens.batch.BatchSettings;
import io.gridlens.batch.BatchStatus;
import io.gridlens.core.reference.ReferenceData;
import io.gridlens.serving.RocksDbViewStore;
import io.gridlens.simulator.FaultRates;
import io.gridlens.simulator.Fleet;
import io.gridlens.simulator.FleetSpec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The job jar's entry point: one batch run (full or incremental) of a data directory's master
 * dataset on Spark, published into a view store, as {@code spark-submit} runs it (see the module's
 * README).
 *
 * <p>Arguments: {@code <data dir> <view store> <full|incremental> [key=value ...]}, where the view
 * store is {@code rocksdb:<path>} (or a bare path; the driver writes it, so the core runs on the
 * driver unless the master is local) or {@code cassandra:<host:port>[,...]/<local dc>/<keyspace>}
 * (the executors run the core and write the rows themselves), and the keys are {@code
 * reference=fleet:<seed>:<meters>:<start>:<days>[:none|default]} (the simulated fleet whose
 * reference data the run uses; required until reference data has a store of its own), {@code
 * cohorts.minSize}, {@code batch.writeRows} and any {@code spark.*} setting ({@link
 * SparkSettings#fromConfig}). Exit code 0 when the version is published, 1 on a failed run, 2 on
 * bad arguments.
 */
public final class SparkBatchMain {

  private SparkBatchMain() {}

  public static void main(String[] args) {
    int code;
    try {
      BatchStatus s = run(args, System.err);
      System.out.println(describe(s));
      code = 0;
    } catch (IllegalArgumentException e) {
      System.err.println("gridlens-batch-spark: " + e.getMessage());
      System.err.println(
          "usage: SparkBatchMain <data dir> <rocksdb:path | cassandra:host:port/dc/keyspace>"
              + " <full|incremental>"
              + " reference=fleet:<seed>:<meters>:<start>:<days>[:none|default] [key=value ...]");
      code = 2;
    } catch (RuntimeException e) {
      e.printStackTrace();
      code = 1;
    }
    System.exit(code);
  }

  /** One status line: version, mode, engine, readings, rows, cut. */
  static String describe(BatchStatus s) {
    return String.format(
        Locale.ROOT,
        "published version %d (%s, engine %s): %d readings, %d rows, %d summaries, cut %s",
        s.current().number(),
        s.run().mode(),
        s.run().engine(),
        s.run().readings(),
        s.run().rows(),
        s.run().summaries(),
        s.current().cut().sortedOffsets());
  }

  /**
   * Runs the batch the arguments describe and returns the published status.
   *
   * @param progress where stage changes and a progress line every few seconds go
   * @throws IllegalArgumentException on bad arguments
   */
  static BatchStatus run(String[] args, PrintStream progress) {
    if (args.length < 3) {
      throw new IllegalArgumentException("expected at least 3 arguments, got " + args.length);
    }
    Path dataDir = Path.of(args[0]);
    Path store = viewStore(args[1]);
    BatchMode mode = mode(args[2]);
    Map<String, String> config = new TreeMap<>();
    for (int i = 3; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("argument " + args[i] + " must be key=value");
      }
      config.put(args[i].substring(0, eq).trim(), args[i].substring(eq + 1).trim());
    }
    ReferenceData ref = reference(config.get("reference"));
    BatchSettings settings = BatchSettings.DEFAULT;
    if (config.containsKey("cohorts.minSize")) {
      settings =
          settings.withCohorts(settings.cohorts().withMinSize(integer(config, "cohorts.minSize")));
    }
    if (config.containsKey("batch.writeRows")) {
      settings =
          new BatchSettings(
              settings.vee(),
              settings.alwaysOn(),
              settings.anomalies(),
              settings.degreeDays(),
              settings.forecast(),
              settings.cohorts(),
              integer(config, "batch.writeRows"));
    }
    SparkSettings spark = SparkSettings.fromConfig(config);
    ExecutorStore.Cassandra cassandra = cassandraStore(args[1]);
    try (SparkEngine engine = SparkEngine.open(dataDir, spark)) {
      if (cassandra != null) {
        // The executors write the rows; the driver's session (the same coordinates, opened once
        // in this JVM) reads the pointer and publishes. It closes when the JVM exits.
        engine.withExecutorStore(cassandra);
        return new BatchRunner(engine, cassandra.open(), ref, settings, Clock.systemUTC())
            .run(mode, engine.cutOnDisk(), new ProgressPrinter(progress));
      }
      try (RocksDbViewStore views = RocksDbViewStore.open(viewStore(args[1]))) {
        BatchRunner runner = new BatchRunner(engine, views, ref, settings, Clock.systemUTC());
        return runner.run(mode, engine.cutOnDisk(), new ProgressPrinter(progress));
      }
    }
  }

  /**
   * The Cassandra store of {@code cassandra:<host:port>[,<host:port>...]/<local dc>/<keyspace>}, or
   * null when the argument names no Cassandra store.
   *
   * @throws IllegalArgumentException when it starts with {@code cassandra:} but is malformed
   */
  static ExecutorStore.Cassandra cassandraStore(String arg) {
    if (!arg.startsWith("cassandra:")) {
      return null;
    }
    String[] p = arg.substring("cassandra:".length()).split("/", -1);
    if (p.length != 3 || p[0].isBlank() || p[1].isBlank() || p[2].isBlank()) {
      throw new IllegalArgumentException(
          "a Cassandra view store must be cassandra:<host:port>[,<host:port>...]/<local dc>/"
              + "<keyspace>, was '"
              + arg
              + "'");
    }
    return new ExecutorStore.Cassandra(
        List.of(p[0].split(",")), p[1], p[2], ExecutorStore.Cassandra.DEFAULT_REQUEST_TIMEOUT_MS);
  }

  static Path viewStore(String arg) {
    String path = arg.startsWith("rocksdb:") ? arg.substring("rocksdb:".length()) : arg;
    if (path.isBlank() || path.contains("://")) {
      throw new IllegalArgumentException(
          "view store must be rocksdb:<local path> or cassandra:<host:port>/<dc>/<keyspace>, was '"
              + arg
              + "'");
    }
    return Path.of(path);
  }

  static BatchMode mode(String arg) {
    try {
      return BatchMode.valueOf(arg.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("mode must be full or incremental, was '" + arg + "'", e);
    }
  }

  /** The reference data of {@code fleet:<seed>:<meters>:<start>:<days>[:none|default]}. */
  static ReferenceData reference(String spec) {
    if (spec == null) {
      throw new IllegalArgumentException(
          "reference=fleet:<seed>:<meters>:<start>:<days>[:none|default] is required");
    }
    String[] p = spec.split(":");
    if (p.length < 5 || p.length > 6 || !p[0].equals("fleet")) {
      throw new IllegalArgumentException(
          "reference must be fleet:<seed>:<meters>:<start>:<days>[:none|default], was '"
              + spec
              + "'");
    }
    try {
      FleetSpec f =
          FleetSpec.of(
              Long.parseLong(p[1]),
              Integer.parseInt(p[2]),
              LocalDate.parse(p[3]),
              Integer.parseInt(p[4]));
      if (p.length == 6) {
        f =
            switch (p[5]) {
              case "none" -> f.withFaults(FaultRates.NONE);
              case "default" -> f.withFaults(FaultRates.DEFAULT);
              default ->
                  throw new IllegalArgumentException(
                      "reference faults must be none or default, was '" + p[5] + "'");
            };
      }
      return Fleet.of(f).referenceData();
    } catch (NumberFormatException | java.time.DateTimeException e) {
      throw new IllegalArgumentException("reference '" + spec + "' does not parse: " + e, e);
    }
  }

  private static int integer(Map<String, String> config, String key) {
    try {
      return Integer.parseInt(config.get(key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          key + " must be a whole number, was '" + config.get(key) + "'", e);
    }
  }

  /** Prints stage changes and, within a stage, a line every 5 seconds with the ETA. */
  static final class ProgressPrinter implements BatchProgress.Listener {
    private final PrintStream out;
    private io.gridlens.batch.BatchStage stage;
    private long lastNanos;

    ProgressPrinter(PrintStream out) {
      this.out = out;
    }

    @Override
    public void progress(BatchProgress p) {
      long now = System.nanoTime();
      if (p.stage() != stage || now - lastNanos > 5_000_000_000L) {
        stage = p.stage();
        lastNanos = now;
        out.printf(
            Locale.ROOT,
            "batch %-9s %d/%d (%.0f %%)%s%n",
            p.stage(),
            p.done(),
            p.total(),
            100 * p.fraction(),
            p.eta().map(d -> ", ETA " + d.toSeconds() + " s").orElse(""));
      }
    }
  }
}
