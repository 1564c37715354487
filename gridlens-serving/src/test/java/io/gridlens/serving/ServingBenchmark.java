package io.gridlens.serving;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.gridlens.core.Cut;
import io.gridlens.core.DayReadings;
import io.gridlens.core.IngestPosition;
import io.gridlens.core.MeterDay;
import io.gridlens.core.Quality;
import io.gridlens.core.blend.BlendedDays;
import io.gridlens.core.blend.BlendingQuery;
import io.gridlens.core.insight.DayInsights;
import io.gridlens.core.reference.Contract;
import io.gridlens.core.testkit.TestDays;
import io.gridlens.core.testkit.TestTariffs;
import io.gridlens.core.view.BatchVersion;
import io.gridlens.core.view.DayRange;
import io.gridlens.core.view.SpeedProgress;
import io.gridlens.core.view.StoredRow;
import io.gridlens.core.view.TypedViewStore;
import io.gridlens.core.view.ViewRow;
import io.gridlens.core.view.ViewStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The serving benchmark of issue 8 (not a test): the 31-day blended consumption query of one meter
 * ({@link BlendingQuery#days}, the path of the API's {@code days} and {@code consumption}
 * endpoints) at a FIXED offered rate, on a store holding many meters.
 *
 * <p>Data: {@code meters} meters x {@code days} half-hourly days of batch rows (version 1, cut {0:
 * 1,000,000}), plus, for every {@code speedEvery}-th meter, speed rows on the last 2 days that hold
 * a reading at offset 5,000,000 + meter (above the cut, so the query picks them), and one speed
 * progress record. Bulk-loaded through {@link ViewStore#putBatch} (RocksDB: WAL-less write batches;
 * Cassandra: async unlogged single-partition batches).
 *
 * <p>Load: open loop. Query {@code i} is due at {@code start + i / rate}; a worker takes the next
 * due query, waits until it is due if early, runs it on a uniformly random meter, and records
 * {@code end - due}: when the store stalls, the queries that pile up meanwhile count their waiting
 * time (no coordinated omission), as long as there are enough workers for the backlog. A warm-up at
 * the same rate precedes the measured run.
 *
 * <pre>
 * java -cp &lt;gridlens-serving test classpath&gt; [-Dgridlens.cassandra.classpath=...] \
 *   io.gridlens.serving.ServingBenchmark rocksdb|cassandra &lt;data dir&gt; [meters 100000] [days 42]
 *   [rate 5000] [seconds 60] [workers 8] [warm-up seconds 20] [speedEvery 10]
 * </pre>
 *
 * <p>The data directory is reused: a store already holding a published version is not loaded again
 * (a Cassandra server is started on {@code <dir>/cassandra} either way).
 */
public final class ServingBenchmark {

  private static final LocalDate FIRST = LocalDate.of(2026, 1, 1);
  private static final long CUT = 1_000_000;
  private static final long LATER = 5_000_000;

  private ServingBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println(
          "usage: ServingBenchmark rocksdb|cassandra <data dir> [meters] [days] [rate] [seconds]"
              + " [workers] [warmup seconds] [speedEvery]");
      System.exit(2);
    }
    String kind = args[0];
    Path dir = Path.of(args[1]);
    int meters = arg(args, 2, 100_000);
    int days = arg(args, 3, 42);
    int rate = arg(args, 4, 5_000);
    int seconds = arg(args, 5, 60);
    int workers = arg(args, 6, 8);
    int warmup = arg(args, 7, 20);
    int speedEvery = arg(args, 8, 10);
    Files.createDirectories(dir);

    CassandraServer server = null;
    ViewStore store;
    if (kind.equals("rocksdb")) {
      store = RocksDbViewStore.open(dir.resolve("views"));
    } else if (kind.equals("cassandra")) {
      server = CassandraServer.start(dir.resolve("cassandra"), Duration.ofSeconds(180));
      CqlSession session =
          CqlSession.builder()
              .addContactPoint(server.contactPoint())
              .withLocalDatacenter("datacenter1")
              .withConfigLoader(
                  DriverConfigLoader.programmaticBuilder()
                      .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
                      .withInt(DefaultDriverOption.CONNECTION_POOL_LOCAL_SIZE, 2)
                      .build())
              .build();
      session.execute(
          "CREATE KEYSPACE IF NOT EXISTS gridlens_bench WITH replication ="
              + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
      store = CassandraViewStore.open(session, "gridlens_bench", true);
    } else {
      throw new IllegalArgumentException("unknown store '" + kind + "'; known: rocksdb, cassandra");
    }
    try (TypedViewStore views = new TypedViewStore(store)) {
      if (views.pointer().isEmpty()) {
        load(store, meters, days, speedEvery);
      } else {
        System.out.printf("reusing the loaded store in %s%n", dir);
      }
      LocalDate last = FIRST.plusDays(days - 1L);
      BlendingQuery query = new BlendingQuery(views, Clock.systemUTC());
      checkOneAnswer(query, last, speedEvery);
      System.out.printf(Locale.ROOT, "warm-up: %d s at %d q/s%n", warmup, rate);
      run(query, meters, last, rate, warmup, workers);
      double load1 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      long cpu0 = processCpuNanos();
      Result r = run(query, meters, last, rate, seconds, workers);
      long cpu = processCpuNanos() - cpu0;
      Histogram h = r.latency;
      System.out.printf(
          Locale.ROOT,
          "%s: %,d meters x %d days, 31-day query, offered %d q/s for %d s, %d workers%n"
              + "  achieved %.0f q/s (%,d queries, %,d errors)%n"
              + "  latency from intended send: p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms,"
              + " max %.3f ms%n"
              + "  benchmark JVM CPU %.1f s (%.1f us per query); load average at start %.2f%n",
          kind,
          meters,
          days,
          rate,
          seconds,
          workers,
          r.queries / r.seconds,
          r.queries,
          r.errors,
          h.getValueAtPercentile(50) / 1e6,
          h.getValueAtPercentile(99) / 1e6,
          h.getValueAtPercentile(99.9) / 1e6,
          h.getMaxValue() / 1e6,
          cpu / 1e9,
          cpu / 1e3 / r.queries,
          load1);
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  private static int arg(String[] args, int i, int dflt) {
    return args.length > i ? Integer.parseInt(args[i].replace("_", "")) : dflt;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static String meterId(int m) {
    return String.format(Locale.ROOT, "MTR%07d", m);
  }

  /** A half-hourly day of a meter: slot values vary with meter, day and slot. */
  private static MeterDay day(int m, int d) {
    TestDays.Builder b = TestDays.day(meterId(m), TestDays.PARIS, FIRST.plusDays(d), 30);
    for (int i = 0; i < b.count(); i++) {
      b.wh(i, 40 + (m * 31L + d * 7L + i * 13L) % 300);
    }
    return b.build();
  }

  /** The day with slot 10 read again, later, at an offset above the cut. */
  private static MeterDay later(MeterDay base, int m) {
    long wh = base.wh(10) + 5;
    DayReadings raw = base.readings();
    raw.add(
        10, wh, new IngestPosition(0, LATER + m).packed(), (byte) Quality.ACTUAL.code(), (byte) 0);
    long[] cleaned = base.whArray();
    cleaned[10] = wh;
    return new MeterDay(raw, cleaned, base.qualityCodes(), base.flagWords());
  }

  private static ViewRow row(MeterDay day, Contract c) {
    return new ViewRow(day, DayInsights.of(day, TestTariffs.context(day, c)));
  }

  private static Contract contract(int m) {
    return TestTariffs.hphc(meterId(m), TestTariffs.NIGHT, TestTariffs.HP, TestTariffs.HC, 185.58);
  }

  /** Batch rows of meters, meter by meter and day by day, built as they are consumed. */
  private static Iterable<StoredRow> batchRows(int fromMeter, int toMeter, int days) {
    return () ->
        new Iterator<>() {
          int m = fromMeter;
          int d = 0;
          Contract c = contract(fromMeter);

          @Override
          public boolean hasNext() {
            return m < toMeter;
          }

          @Override
          public StoredRow next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            StoredRow r = TypedViewStore.toStored(row(day(m, d), c));
            if (++d == days) {
              d = 0;
              if (++m < toMeter) {
                c = contract(m);
              }
            }
            return r;
          }
        };
  }

  private static void load(ViewStore store, int meters, int days, int speedEvery) {
    long t0 = System.nanoTime();
    long rows = 0;
    int chunk = 1_000;
    for (int m = 0; m < meters; m += chunk) {
      rows += store.putBatch(1, batchRows(m, Math.min(meters, m + chunk), days));
      if ((m / chunk) % 10 == 9) {
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
            Locale.ROOT, "  loaded %,d rows in %.0f s (%,.0f rows/s)%n", rows, s, rows / s);
      }
    }
    double loadS = (System.nanoTime() - t0) / 1e9;
    long t1 = System.nanoTime();
    store.publish(new BatchVersion(1, Cut.of(0, CUT), Instant.now()));
    double publishS = (System.nanoTime() - t1) / 1e9;
    long speed = 0;
    long t2 = System.nanoTime();
    for (int m = 0; m < meters; m += speedEvery) {
      Contract c = contract(m);
      for (int d = days - 2; d < days; d++) {
        store.putSpeed(TypedViewStore.toStored(row(later(day(m, d), m), c)));
        speed++;
      }
    }
    store.putSpeedProgress(new SpeedProgress(0, LATER + meters, Instant.now()));
    double speedS = (System.nanoTime() - t2) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "load: %,d batch rows in %.1f s (%,.0f rows/s), publish %.2f s, %,d speed rows in %.1f s%n",
        rows,
        loadS,
        rows / loadS,
        publishS,
        speed,
        speedS);
  }

  /** Fails fast when the query does not answer what was loaded. */
  private static void checkOneAnswer(BlendingQuery query, LocalDate last, int speedEvery) {
    BlendedDays b = query.days(DayRange.imports(meterId(0), last.minusDays(30), last));
    long speedDays = b.days().stream().filter(d -> d.source().name().equals("SPEED")).count();
    if (b.days().size() != 31 || speedDays != (speedEvery > 0 ? 2 : 0)) {
      throw new IllegalStateException(
          "expected 31 days (2 from speed) for " + meterId(0) + ", got " + b.days());
    }
  }

  private record Result(Histogram latency, long queries, long errors, double seconds) {}

  private static Result run(
      BlendingQuery query, int meters, LocalDate last, int rate, int seconds, int workers)
      throws InterruptedException {
    long period = 1_000_000_000L / rate;
    long total = (long) rate * seconds;
    Recorder recorder = new Recorder(3);
    AtomicLong next = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    LocalDate from = last.minusDays(30);
    long start = System.nanoTime() + 10_000_000;
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      Thread t =
          new Thread(
              () -> {
                java.util.SplittableRandom random = new java.util.SplittableRandom();
                long i;
                while ((i = next.getAndIncrement()) < total) {
                  long due = start + i * period;
                  long now;
                  while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(due - now);
                  }
                  try {
                    BlendedDays b =
                        query.days(DayRange.imports(meterId(random.nextInt(meters)), from, last));
                    if (b.days().size() != 31) {
                      errors.incrementAndGet();
                    }
                  } catch (RuntimeException e) {
                    errors.incrementAndGet();
                  }
                  recorder.recordValue(System.nanoTime() - due);
                }
              },
              "query-" + w);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    double s = (System.nanoTime() - start) / 1e9;
    return new Result(recorder.getIntervalHistogram(), total, errors.get(), s);
  }
}
