package io.gridlens.speed;

import io.gridlens.core.IngestPosition;
import io.gridlens.core.Reading;
import io.gridlens.core.reference.ReferenceData;
import io.gridlens.core.view.BatchVersion;
import io.gridlens.core.view.DayRange;
import io.gridlens.core.view.StoredRow;
import io.gridlens.core.view.ViewPointer;
import io.gridlens.core.view.ViewRowCodec;
import io.gridlens.core.view.ViewStore;
import io.gridlens.ingest.EmbeddedKafka;
import io.gridlens.ingest.IngestTopics;
import io.gridlens.serving.RocksDbViewStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Benchmark, not a test: speed-layer freshness at a sustained rate on the real in-process broker.
 *
 * <p>Produces readings at a fixed rate (default 50,000 readings/s, in records of 8 consecutive
 * half-hours of one meter, 20,000 meters, 4 partitions, the ingest producer settings) for a fixed
 * time, and measures for each record the time from the producer's acknowledgement to the speed row
 * that holds it being readable in the RocksDB view store (the moment {@code putSpeed} returns).
 * Prints p50/p99/max and the throughput.
 *
 * <p>Run: {@code mvn -pl gridlens-speed test-compile exec:java} is not set up; run the class from
 * the test classpath, e.g. {@code java -cp "$(cat cp.txt):target/test-classes:target/classes"
 * io.gridlens.speed.SpeedFreshnessBenchmark [readingsPerSecond] [seconds] [streamThreads]
 * [commitIntervalMs] [warmUpSeconds]}.
 */
public final class SpeedFreshnessBenchmark {

  private static final int READINGS_PER_RECORD = 8;
  private static final int METERS = 20_000;
  private static final int PARTITIONS = 4;

  private SpeedFreshnessBenchmark() {}

  /** A view store that notes when a speed row holding a position becomes readable. */
  static final class TimedViews implements ViewStore {
    final ViewStore inner;
    final ConcurrentHashMap<Long, Long> visibleAt = new ConcurrentHashMap<>();

    TimedViews(ViewStore inner) {
      this.inner = inner;
    }

    @Override
    public void putSpeed(StoredRow row) {
      inner.putSpeed(row);
      long now = System.nanoTime();
      visibleAt.putIfAbsent(ViewRowCodec.maxPosition(row.value()), now);
    }

    @Override
    public long putBatch(long version, Iterable<StoredRow> rows) {
      return inner.putBatch(version, rows);
    }

    @Override
    public void deleteSpeed(byte[] key) {
      inner.deleteSpeed(key);
    }

    @Override
    public List<StoredRow> readBatch(long version, DayRange range) {
      return inner.readBatch(version, range);
    }

    @Override
    public List<StoredRow> readSpeed(DayRange range) {
      return inner.readSpeed(range);
    }

    @Override
    public void publish(BatchVersion version) {
      inner.publish(version);
    }

    @Override
    public Optional<ViewPointer> pointer() {
      return inner.pointer();
    }

    @Override
    public void dropVersion(long version) {
      inner.dropVersion(version);
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int commitMs = args.length > 3 ? Integer.parseInt(args[3]) : 100;
    int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 5;
    System.out.printf(
        "stream threads %d, commit interval %d ms, warm-up %d s%n", threads, commitMs, warmup);
    Path dir = Files.createTempDirectory("speed-bench");
    List<String> meters = ReadingStream.meters(METERS);
    ReferenceData ref = SpeedFixtures.reference(meters);
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        Admin admin = Admin.create(kafka.clients().admin())) {
      IngestTopics.withPartitions(PARTITIONS).create(admin);
      TimedViews views = new TimedViews(RocksDbViewStore.open(dir.resolve("views")));
      SpeedLayer layer =
          SpeedLayer.create(
              SpeedConfig.embedded(dir, kafka.bootstrapServers())
                  .withStreamThreads(threads)
                  .withStreamsOverrides(overrides(commitMs)),
              ref,
              views,
              Clock.systemUTC());
      layer.start();
      layer.awaitRunning(java.time.Duration.ofSeconds(60));

      ConcurrentHashMap<Long, Long> ackedAt = new ConcurrentHashMap<>();
      AtomicLong acked = new AtomicLong();
      int recordsPerSecond = rate / READINGS_PER_RECORD;
      long tickNanos = 10_000_000L;
      double perTick = recordsPerSecond / 100.0;
      long start = System.nanoTime();
      Map<String, Long> cpuAtStart = cpuByThreadGroup();
      long processCpuAtStart = processCpuNanos();
      long measureFrom = start + warmup * 1_000_000_000L;
      long end = measureFrom + seconds * 1_000_000_000L;
      long sent = 0;
      int[] next = new int[METERS];
      try (KafkaProducer<String, byte[]> producer =
          new KafkaProducer<>(kafka.clients().producer("bench"))) {
        long tick = 0;
        while (System.nanoTime() < end) {
          long due = (long) ((tick + 1) * perTick);
          while (sent < due) {
            int m = (int) (sent % METERS);
            int k = next[m]++;
            LocalDate day = SpeedFixtures.JAN_1.plusDays(k / 6);
            List<Reading> rs = new ArrayList<>(READINGS_PER_RECORD);
            for (int i = 0; i < READINGS_PER_RECORD; i++) {
              rs.add(
                  SpeedFixtures.reading(meters.get(m), day, (k % 6) * 8 + i, 100 + (k + i) % 400));
            }
            boolean measured = System.nanoTime() >= measureFrom;
            producer.send(
                new ProducerRecord<>("readings", meters.get(m), SpeedFixtures.record(rs)),
                (md, e) -> {
                  if (e == null) {
                    long now = System.nanoTime();
                    acked.incrementAndGet();
                    if (measured) {
                      ackedAt.put(new IngestPosition(md.partition(), md.offset()).packed(), now);
                    }
                  }
                });
            sent++;
          }
          tick++;
          long sleep = start + tick * tickNanos - System.nanoTime();
          if (sleep > 0) {
            Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
          }
        }
        producer.flush();
      }
      long producedNanos = System.nanoTime() - start;
      Map<String, Long> cpuAtEnd = cpuByThreadGroup();
      long processCpuAtEnd = processCpuNanos();
      // Let the speed layer drain.
      long drainDeadline = System.nanoTime() + 60_000_000_000L;
      while (layer.metrics().records() < sent && System.nanoTime() < drainDeadline) {
        Thread.sleep(50);
      }
      long processedNanos = System.nanoTime() - start;
      Map<String, Long> cpuAtDrained = cpuByThreadGroup();
      long processCpuAtDrained = processCpuNanos();
      long[] lat = new long[ackedAt.size()];
      int n = 0;
      int missing = 0;
      for (var e : ackedAt.entrySet()) {
        Long v = views.visibleAt.get(e.getKey());
        if (v == null) {
          missing++;
        } else {
          lat[n++] = v - e.getValue();
        }
      }
      lat = Arrays.copyOf(lat, n);
      Arrays.sort(lat);
      System.out.printf(
          "speed freshness: %d records (%d readings) sent at a target of %,d readings/s over %d s"
              + " (+%d s warm-up); achieved %,.0f readings/s produced, %,.0f readings/s processed%n",
          sent,
          sent * READINGS_PER_RECORD,
          rate,
          seconds,
          warmup,
          sent * READINGS_PER_RECORD / (producedNanos / 1e9),
          layer.metrics().readings() / (processedNanos / 1e9));
      System.out.printf(
          "ack -> speed row readable (%d measured records, %d never seen): p50 %.1f ms, p90 %.1f"
              + " ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms (negative = row written before the"
              + " ack reached the producer)%n",
          n,
          missing,
          pct(lat, 0.50),
          pct(lat, 0.90),
          pct(lat, 0.99),
          pct(lat, 0.999),
          n == 0 ? 0 : lat[n - 1] / 1e6);
      System.out.println(
          "speed layer metrics (record timestamp -> row written): " + layer.metrics());
      long readingsSent = sent * READINGS_PER_RECORD;
      System.out.printf(
          "CPU while producing (%.1f s wall): process %.1f s = %.2f us a reading",
          producedNanos / 1e9,
          (processCpuAtEnd - processCpuAtStart) / 1e9,
          (processCpuAtEnd - processCpuAtStart) / 1e3 / readingsSent);
      for (var e : cpuAtEnd.entrySet()) {
        long d = e.getValue() - cpuAtStart.getOrDefault(e.getKey(), 0L);
        System.out.printf("; %s %.1f s = %.2f us", e.getKey(), d / 1e9, d / 1e3 / readingsSent);
      }
      System.out.println();
      long processed = layer.metrics().readings();
      System.out.printf(
          "CPU until drained (%.1f s wall, %d readings processed): process %.1f s = %.2f us a"
              + " reading",
          processedNanos / 1e9,
          processed,
          (processCpuAtDrained - processCpuAtStart) / 1e9,
          (processCpuAtDrained - processCpuAtStart) / 1e3 / processed);
      for (var e : cpuAtDrained.entrySet()) {
        long d = e.getValue() - cpuAtStart.getOrDefault(e.getKey(), 0L);
        System.out.printf("; %s %.1f s = %.2f us", e.getKey(), d / 1e9, d / 1e3 / processed);
      }
      System.out.println();
      printThreadMetrics(layer);
      layer.close();
      views.close();
    }
  }

  /**
   * The Kafka Streams overrides of the run: the commit interval, and any {@code key=value} pairs of
   * the system property {@code speed.overrides} (comma-separated), for trying settings without a
   * rebuild.
   */
  private static Map<String, String> overrides(int commitMs) {
    Map<String, String> o = new TreeMap<>();
    o.put("commit.interval.ms", Integer.toString(commitMs));
    o.put("consumer.max.poll.records", "5000");
    String extra = System.getProperty("speed.overrides", "");
    for (String kv : extra.split(",")) {
      if (!kv.isBlank()) {
        String[] p = kv.split("=", 2);
        o.put(p[0].trim(), p[1].trim());
      }
    }
    System.out.println("streams overrides " + o);
    return o;
  }

  /** Where the stream threads spent their time, and what their commits cost. */
  private static void printThreadMetrics(SpeedLayer layer) {
    Map<String, String> lines = new TreeMap<>();
    for (var e : layer.streamsMetrics().entrySet()) {
      var name = e.getKey();
      boolean thread =
          name.group().equals("stream-thread-metrics")
              && name.name()
                  .matches(
                      "(commit|poll|process|punctuate)-(ratio|latency-avg|latency-max)"
                          + "|blocked-time-ns-total|commit-total");
      boolean producer =
          name.group().equals("producer-metrics")
              && name.name().matches("(flush|txn-commit|txn-send-offsets|txn-begin)-time-ns-total");
      if (thread || producer) {
        String id = name.tags().getOrDefault("thread-id", name.tags().get("client-id"));
        String who = id == null ? "?" : id.replaceAll(".*(StreamThread-\\d+).*", "$1");
        Object v = e.getValue().metricValue();
        String shown =
            v instanceof Double d
                ? name.name().endsWith("-ns-total")
                    ? String.format("%.1f s", d / 1e9)
                    : String.format("%.3f", d)
                : String.valueOf(v);
        lines.merge(who, name.name() + "=" + shown, (a, b) -> a + ", " + b);
      }
    }
    lines.forEach((who, line) -> System.out.println(who + ": " + line));
  }

  /** CPU time of the live threads so far, summed by role (stream threads, broker, producer, …). */
  private static Map<String, Long> cpuByThreadGroup() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<String, Long> out = new TreeMap<>();
    for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (t == null) {
        continue;
      }
      long cpu = mx.getThreadCpuTime(t.getThreadId());
      if (cpu > 0) {
        out.merge(role(t.getThreadName()), cpu, Long::sum);
      }
    }
    // Threads of the JVM and of RocksDB (not Java threads): from /proc, by their OS name.
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          String comm = Files.readString(t.resolve("comm")).trim();
          String role = nativeRole(comm);
          if (role == null) {
            continue;
          }
          String stat = Files.readString(t.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
          out.merge(role, ticks * 10_000_000L, Long::sum);
        } catch (java.io.IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    } catch (java.io.IOException e) {
      // no /proc: Java threads only
    }
    return out;
  }

  private static String nativeRole(String comm) {
    if (comm.startsWith("C1 ") || comm.startsWith("C2 ")) {
      return "jit";
    }
    if (comm.startsWith("G1 ") || comm.startsWith("GC ") || comm.equals("VM Thread")) {
      return "gc-vm";
    }
    if (comm.startsWith("rocksdb")) {
      return "rocksdb-bg";
    }
    return null;
  }

  private static String role(String thread) {
    if (thread.contains("StreamThread")) {
      return thread.contains("producer") ? "streams-producer" : "stream-threads";
    }
    if (thread.contains("kafka-producer-network-thread")) {
      return thread.contains("bench") ? "bench-producer" : "streams-producer";
    }
    return thread.startsWith("main") ? "bench-main" : "broker-and-other";
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }
}
