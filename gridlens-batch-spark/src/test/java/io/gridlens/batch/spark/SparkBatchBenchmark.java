package io.gridlens.batch.spark;

import io.gridlens.batch.BatchEngine;
import io.gridlens.batch.BatchMode;
import io.gridlens.batch.BatchProgress;
import io.gridlens.batch.BatchRunner;
import io.gridlens.batch.BatchSettings;
import io.gridlens.batch.BatchStage;
import io.gridlens.batch.BatchStatus;
import io.gridlens.batch.BenchDataset;
import io.gridlens.batch.DuckDbEngine;
import io.gridlens.batch.MasterFiles;
import io.gridlens.batch.ReadingSink;
import io.gridlens.batch.SeriesKey;
import io.gridlens.core.Cut;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.serving.RocksDbViewStore;
import io.gridlens.simulator.FaultRates;
import io.gridlens.simulator.Fleet;
import io.gridlens.simulator.FleetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark (not a test): the embedded and the Spark engine side by side in one run, on one
 * generated master dataset (half-hourly readings of {@code meters} meters over {@code days} days,
 * one zstd Parquet file per day and partition, as gridlens-batch's BatchBenchmark makes it): first
 * the bare scan (engine to sink, no core), then a FULL run to a published RocksDB view, VEE and
 * every insight included; readings/s and readings/s per core for each.
 *
 * <p>Run: {@code java <spark module options> -cp <test classpath>
 * io.gridlens.batch.spark.SparkBatchBenchmark <meters> <days> [spark master] [bare scans per
 * engine, default 2]} (the module README has the full command).
 */
public final class SparkBatchBenchmark {

  public static void main(String[] args) throws Exception {
    int meters = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int days = args.length > 1 ? Integer.parseInt(args[1]) : 42;
    String master = args.length > 2 ? args[2] : "local[*]";
    int scans = args.length > 3 ? Integer.parseInt(args[3]) : 2; // 2: a warm-up, then measured
    int partitions = 4;
    Path dir = Files.createTempDirectory("gridlens-spark-bench");
    LocalDate start = LocalDate.of(2026, 1, 1);
    int cores = Runtime.getRuntime().availableProcessors();
    long t0 = System.nanoTime();
    InMemoryReferenceData ref =
        Fleet.of(FleetSpec.of(1, meters, start, days).withFaults(FaultRates.NONE)).referenceData();
    System.out.printf(Locale.ROOT, "reference data of %d meters: %.1f s%n", meters, secs(t0));
    t0 = System.nanoTime();
    BenchDataset.generate(dir, start, meters, days, partitions);
    Cut cut = MasterFiles.cutOnDisk(dir);
    long readings = (long) meters * days * 48;
    System.out.printf(
        Locale.ROOT,
        "generated %d readings (%d meters x %d days) in %.1f s, %d cores, load average %s%n",
        readings,
        meters,
        days,
        secs(t0),
        cores,
        loadAverage());

    try (DuckDbEngine embedded = DuckDbEngine.open(dir, DuckDbEngine.Settings.DEFAULT);
        SparkEngine spark =
            SparkEngine.open(
                dir, SparkSettings.LOCAL.withMaster(master).withScanPartitionReadings(2_000_000))) {
      spark.session().sparkContext().setLogLevel("WARN");
      for (BatchEngine e : new BatchEngine[] {embedded, spark}) {
        for (int i = 0; i < scans; i++) {
          scan(e, cut, cores);
        }
      }
      for (BatchEngine e : new BatchEngine[] {embedded, spark}) {
        try (RocksDbViewStore store = RocksDbViewStore.open(dir.resolve("views-" + e.name()))) {
          BatchRunner runner =
              new BatchRunner(e, store, ref, BatchSettings.DEFAULT, Clock.systemUTC());
          t0 = System.nanoTime();
          double c0 = cpuSeconds();
          BatchStatus s = runner.run(BatchMode.FULL, cut, BatchProgress.Listener.NONE);
          double t = secs(t0);
          double cpu = cpuSeconds() - c0;
          System.out.printf(
              Locale.ROOT,
              "%-8s FULL %d readings, %d rows: %.1f s = %.2f M readings/s = %.2f M readings/s/core;"
                  + " process CPU %.1f s = %.2f M readings per CPU-second (load average %s)%n",
              e.name(),
              s.run().readings(),
              s.run().rows(),
              t,
              s.run().readings() / t / 1e6,
              s.run().readings() / t / 1e6 / cores,
              cpu,
              s.run().readings() / cpu / 1e6,
              loadAverage());
          print(runner.lastStages());
        }
      }
    }
    System.out.println("data in " + dir + " (delete it)");
  }

  private static void scan(BatchEngine e, Cut cut, int cores) {
    long[] n = new long[2];
    ReadingSink count =
        new ReadingSink() {
          @Override
          public void startSeries(SeriesKey series) {
            n[1]++;
          }

          @Override
          public void reading(
              long start, int minutes, boolean register, long wh, byte quality, long position) {
            n[0] += wh;
          }

          @Override
          public void endSeries() {}
        };
    long t0 = System.nanoTime();
    long total = e.series(cut).stream().mapToLong(s -> s.readings()).sum();
    e.scan(cut, null, count);
    double t = secs(t0);
    System.out.printf(
        Locale.ROOT,
        "%-8s scan %d readings of %d series: %.1f s = %.2f M readings/s = %.2f M/s/core%n",
        e.name(),
        total,
        n[1],
        t,
        total / t / 1e6,
        total / t / 1e6 / cores);
  }

  private static void print(Map<BatchStage, Duration> stages) {
    stages.forEach(
        (k, v) -> System.out.printf(Locale.ROOT, "  %-10s %6.2f s%n", k, v.toMillis() / 1000.0));
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (Exception e) {
      return "?";
    }
  }

  /** CPU time of the whole process, Java and native threads (DuckDB's workers) alike. */
  private static double cpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
