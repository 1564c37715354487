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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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
 * [commitIntervalMs]}.
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
      visibleAt.putIfAbsent(ViewRowCodec.decode(row.value()).maxPosition(), now);
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
    System.out.printf("stream threads %d, commit interval %d ms%n", threads, commitMs);
    int warmup = 5;
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
                  .withStreamsOverrides(
                      java.util.Map.of(
                          "commit.interval.ms",
                          Integer.toString(commitMs),
                          "consumer.max.poll.records",
                          "5000")),
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
      // Let the speed layer drain.
      long drainDeadline = System.nanoTime() + 60_000_000_000L;
      while (layer.metrics().records() < sent && System.nanoTime() < drainDeadline) {
        Thread.sleep(50);
      }
      long processedNanos = System.nanoTime() - start;
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
      layer.close();
      views.close();
    }
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }
}
