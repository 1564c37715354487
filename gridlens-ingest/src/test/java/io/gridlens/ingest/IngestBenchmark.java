package io.gridlens.ingest;

import io.gridlens.core.Cut;
import io.gridlens.core.reference.Meter;
import io.gridlens.formats.ErrorPolicy;
import io.gridlens.formats.ReadOptions;
import io.gridlens.formats.ReadingFormat;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * End-to-end ingest benchmark (not a test): a generated CSV file through the ingest service into
 * the in-process broker (durable, {@code acks=all}), then the archiver into the master dataset.
 *
 * <p>Run: {@code java -cp <test classpath> io.gridlens.ingest.IngestBenchmark [readings] [meters]}
 * (default 5,000,000 readings of 10,000 meters, meter by meter, half-hourly).
 */
public final class IngestBenchmark {

  private IngestBenchmark() {}

  /** SplitMix64 of (meter, interval): noise without a pattern a columnar encoder could exploit. */
  static long noise(int meter, int k) {
    long z = meter * 0x9E3779B97F4A7C15L + k;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return (z ^ (z >>> 31)) & Long.MAX_VALUE;
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
    int meters = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int perMeter = n / meters;
    Path dir = Files.createTempDirectory("gridlens-ingest-bench");
    Path csv = dir.resolve("readings.csv");
    Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
    Clock clock = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), java.time.ZoneOffset.UTC);

    long g0 = System.nanoTime();
    try (BufferedWriter w = Files.newBufferedWriter(csv)) {
      w.write("meter_id,interval_start,interval_minutes,wh\n");
      StringBuilder sb = new StringBuilder(64);
      for (int m = 0; m < meters; m++) {
        for (int k = 0; k < perMeter; k++) {
          sb.setLength(0);
          // Household-like: a daily shape plus meter-specific noise, 40..1500 Wh a half hour.
          int slot = k % 48;
          long wh = 40 + (slot >= 14 && slot <= 44 ? 300 : 0) + noise(m, k) % 500;
          sb.append("MTR")
              .append(m)
              .append(',')
              .append(t0.plusSeconds(1800L * k))
              .append(",30,")
              .append(wh)
              .append('\n');
          w.write(sb.toString());
        }
      }
    }
    long total = (long) meters * perMeter;
    System.out.printf(
        Locale.ROOT,
        "generated %,d readings (%,d meters x %,d) in %.1f s, CSV %,d bytes%n",
        total,
        meters,
        perMeter,
        (System.nanoTime() - g0) / 1e9,
        Files.size(csv));

    List<Meter> ms = new ArrayList<>();
    for (int m = 0; m < meters; m++) {
      ms.add(TestKit.meter("MTR" + m, "UTC", 30));
    }
    IngestTopics topics = IngestTopics.withPartitions(4);
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
      try (Admin admin = Admin.create(kafka.clients().admin())) {
        topics.create(admin);
      }
      IngestReport report;
      double seconds;
      long ingestCpu;
      try (KafkaProducer<String, byte[]> producer =
          new KafkaProducer<>(kafka.clients().producer("bench"))) {
        IngestService service =
            new IngestService(
                producer, topics, TestKit.reference(ms), clock, IngestService.Options.defaults());
        // Warm-up on a small slice, so the figure is not the JIT's.
        try (InputStream in = Files.newInputStream(csv)) {
          service.ingest(
              ReadingFormat.CSV.open(
                  new java.io.ByteArrayInputStream(in.readNBytes(4 << 20)),
                  ReadOptions.defaults().withErrorPolicy(ErrorPolicy.SKIP_AND_REPORT)));
        }
        long i0 = System.nanoTime();
        ingestCpu = -processCpuNanos();
        report =
            service.ingest(
                ReadingFormat.CSV.open(
                    Files.newInputStream(csv),
                    ReadOptions.defaults().withErrorPolicy(ErrorPolicy.SKIP_AND_REPORT)));
        seconds = (System.nanoTime() - i0) / 1e9;
        ingestCpu += processCpuNanos();
      }
      System.out.printf(
          Locale.ROOT,
          "ingest CSV -> Kafka (acks=all): %s in %.2f s = %,.0f readings/s; process CPU %.1f s"
              + " = %,.0f readings per CPU-second (broker included)%n",
          report.summary(),
          seconds,
          report.accepted() / seconds,
          ingestCpu / 1e9,
          report.accepted() / (ingestCpu / 1e9));

      Cut end = TestKit.logEnd(kafka.clients(), topics.readings());
      long a0 = System.nanoTime();
      long archiveCpu = -processCpuNanos();
      long archiverThreadCpu =
          -java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      long[] written;
      try (Archiver a =
          new Archiver(
                  kafka.clients(),
                  topics,
                  dir,
                  clock,
                  new Archiver.Options(2_000_000, Duration.ofHours(1)))
              .open()) {
        while (!Archiver.covers(a.archivedCut(), end)) {
          a.pollOnce(Duration.ofMillis(200));
        }
        written = a.written();
      }
      double as = (System.nanoTime() - a0) / 1e9;
      archiveCpu += processCpuNanos();
      archiverThreadCpu +=
          java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      System.out.printf(
          Locale.ROOT,
          "archive Kafka -> Parquet: %,d readings (incl. warm-up) in %,d files, %.2f s = %,.0f"
              + " readings/s; process CPU %.1f s = %,.0f readings per CPU-second (broker"
              + " included), archiver thread CPU %.1f s = %,.0f readings per CPU-second; %,d bytes"
              + " = %.2f bytes per reading%n",
          written[2],
          written[0],
          as,
          written[2] / as,
          archiveCpu / 1e9,
          written[2] / (archiveCpu / 1e9),
          archiverThreadCpu / 1e9,
          written[2] / (archiverThreadCpu / 1e9),
          written[1],
          (double) written[1] / written[2]);
    }
  }

  /** CPU time of every thread of this process (broker, DuckDB's native threads included). */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
