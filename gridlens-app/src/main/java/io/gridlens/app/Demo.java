package io.gridlens.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridlens.batch.BatchMode;
import io.gridlens.core.Cut;
import io.gridlens.core.Reading;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.ingest.IngestReport;
import io.gridlens.ingest.IngestService;
import io.gridlens.ingest.ReferenceUpserts;
import io.gridlens.simulator.Delivery;
import io.gridlens.simulator.Fleet;
import io.gridlens.simulator.FleetSpec;
import io.gridlens.simulator.LiveFeed;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-command embedded platform ({@code gridlens demo}): every role in one process on a data
 * directory, loaded with a simulated fleet through the normal path, then fed live.
 *
 * <p>Steps of a first start: start the platform (in-process broker, topics, reference view, RocksDB
 * views, archiver, batch layer with its nightly scheduler, API; the speed layer waits); upsert the
 * fleet's meters, premises and contracts to the reference topics; ingest its history through the
 * {@link IngestService} (concurrent sessions, meters split between them in index order, so each
 * record carries up to 2048 readings of one meter); wait until the archiver has the whole log in
 * the master dataset; run a full batch and publish it; start the speed layer (it skips every record
 * below the published cut); ask the API for a day of history (the first answer); start the live
 * feed.
 *
 * <p>Progressive load: when the archiver still lags the log once the history is ingested, the demo
 * publishes what is archived (the whole history of the first meters, plus part of one meter per
 * partition) as batch 1 and answers from it, then waits for the archiver and publishes the rest
 * with an incremental batch 2, which recomputes only the series touched since cut 1.
 *
 * <p>Design note: the live feed starts in the past and catches up. A half-hourly meter's first live
 * reading would otherwise come up to 30 minutes after start, and the intervals that ended while the
 * history was loading would be missing. History ends at the start of the last interval completed at
 * start-up; the feed runs on a {@link CatchUpClock} that reads half a second before that interval's
 * end when the feed starts and runs 60 times faster until it meets the real clock: the first live
 * reading comes at once, the missed intervals follow within seconds, and from then on each interval
 * is sent when it ends.
 *
 * <p>A restart on the same data directory keeps the data and resumes: no new history, the live feed
 * restarts from the last completed interval (the gap while it was stopped stays missing).
 */
final class Demo implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
  private static final Duration FEED_TICK = Duration.ofMillis(250);
  private static final Duration FEED_FIRST_DUE = Duration.ofMillis(500);
  private static final double FEED_CATCH_UP = 60;

  /**
   * What to run.
   *
   * @param dataDir the data directory
   * @param meters meters of the fleet
   * @param days days of history
   * @param port API port (0 picks a free one)
   * @param seed the fleet's seed
   * @param faultRate one rate for every fault kind, or negative for the simulator's defaults
   * @param liveRate readings per second of the live feed within an interval
   * @param ingestThreads concurrent ingest sessions for the history
   */
  record Options(
      Path dataDir,
      int meters,
      int days,
      int port,
      long seed,
      double faultRate,
      double liveRate,
      int ingestThreads) {

    Options {
      Objects.requireNonNull(dataDir, "dataDir");
      if (meters < 1 || meters > 1_000_000) {
        throw new IllegalArgumentException("--meters must be in 1..1000000, was " + meters);
      }
      if (days < 1 || days > 3650) {
        throw new IllegalArgumentException("--days must be in 1..3650, was " + days);
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("--port must be in 0..65535, was " + port);
      }
      if (faultRate > 0.5) {
        throw new IllegalArgumentException("--fault-rate must be in [0, 0.5], was " + faultRate);
      }
      if (!(liveRate > 0) || liveRate > 1_000_000) {
        throw new IllegalArgumentException(
            "--live-rate must be in (0, 1000000] readings/s, was " + liveRate);
      }
      if (ingestThreads < 1 || ingestThreads > 64) {
        throw new IllegalArgumentException(
            "--ingest-threads must be in 1..64, was " + ingestThreads);
      }
    }
  }

  private final Platform platform;
  private final DemoFleet demo;
  private final Fleet fleet;
  private final Clock clock;
  private final PrintStream out;
  private final ScheduledExecutorService feedTimer;
  private final Steps steps;
  private LiveFeed feed;
  private Duration firstAnswer;
  private boolean resumed;

  private Demo(
      Platform platform, DemoFleet demo, Fleet fleet, Clock clock, PrintStream out, Steps steps) {
    this.platform = platform;
    this.steps = steps;
    this.demo = demo;
    this.fleet = fleet;
    this.clock = clock;
    this.out = out;
    this.feedTimer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "gridlens-live-feed");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts the demo and returns once the API answers with data and the live feed runs.
   *
   * @param out where the URL, examples and timings go
   * @param err where progress bars go
   * @param launched when the process started, for the time to first answer
   * @param stopper set to what a shutdown hook must close, as soon as there is something
   */
  static Demo start(
      Options o,
      Clock clock,
      PrintStream out,
      PrintStream err,
      Instant launched,
      java.util.concurrent.atomic.AtomicReference<AutoCloseable> stopper) {
    GridlensConfig config =
        GridlensConfig.defaults().withDataDir(o.dataDir()).withApiPort(o.port());
    DemoFleet stored = DemoFleet.load(o.dataDir()).orElse(null);
    DemoFleet demo =
        stored != null
            ? stored
            : DemoFleet.endingAt(o.seed(), o.meters(), o.days(), o.faultRate(), clock.instant());
    if (stored != null
        && (stored.meters() != o.meters()
            || stored.days() != o.days()
            || stored.seed() != o.seed())) {
      out.printf(
          Locale.ROOT,
          "Resuming the demo of %,d meters x %d days stored in %s (the options given differ;"
              + " pick another --data-dir for another fleet).%n",
          stored.meters(),
          stored.days(),
          o.dataDir());
    }
    Steps steps = new Steps();
    Fleet fleet = demo.fleet();
    InMemoryReferenceData reference = fleet.referenceData();
    steps.mark("reference data simulated");
    Platform platform =
        Platform.start(config, DemoFleet.environment(reference), clock, /* deferSpeed= */ true);
    steps.mark("platform started (broker, topics, stores, API)");
    Demo d = new Demo(platform, demo, fleet, clock, out, steps);
    stopper.set(d);
    try {
      out.println(
          "Gridlens API on "
              + platform.api().baseUri()
              + " (health at /health); loading the demo fleet...");
      boolean published = platform.views().pointer().isPresent();
      if (stored != null && !published) {
        throw new IllegalStateException(
            "the data directory "
                + o.dataDir()
                + " holds a demo whose first load did not finish; delete it or pick another"
                + " --data-dir");
      }
      if (stored == null) {
        demo.save(o.dataDir());
        d.load(reference, o.ingestThreads(), err, launched);
      } else {
        d.resumed = true;
      }
      platform.startSpeed();
      Instant answered = d.awaitFirstAnswer(Duration.ofMinutes(1));
      if (answered == null) {
        throw new IllegalStateException("the API did not answer with data within a minute");
      }
      if (d.firstAnswer == null) {
        d.firstAnswer = Duration.between(launched, answered);
      }
      steps.mark("speed layer started, answer with all history");
      d.startFeed(o.liveRate(), d.resumed ? lastCompletedInterval(clock) : demo.historyEnd());
      d.printWelcome(o);
      return d;
    } catch (RuntimeException | Error e) {
      d.close();
      throw e;
    }
  }

  private void load(
      InMemoryReferenceData reference, int threads, PrintStream err, Instant launched) {
    upsertReference(reference);
    steps.mark("reference data upserted to topics");
    long accepted = ingestHistory(threads, err);
    steps.mark(String.format(Locale.ROOT, "history simulated and ingested (%,d)", accepted));
    Cut end = logEnd();
    Cut archived = platform.archiver().archivedCut();
    if (!archived.offsets().isEmpty() && !covers(archived, end)) {
      // Progressive load: the archiver lags the ingest. Meters are ingested in index order, so
      // the archived part holds the whole history of the first meters: publish it now, and the
      // rest with an incremental run (it recomputes only the series touched since). Batch 1
      // waits for a first file of every partition: a meter lives in one partition, and one that
      // is not archived yet would leave the first meters of that partition out of batch 1.
      awaitEveryPartitionStarted(end, Duration.ofSeconds(30));
      io.gridlens.batch.BatchStatus first = batch(BatchMode.FULL, err);
      steps.mark(
          String.format(
              Locale.ROOT,
              "batch 1 published (%.0f %% of the history)",
              100.0 * first.run().readings() / Math.max(1, accepted)));
      Instant answered = awaitFirstAnswer(Duration.ofSeconds(5));
      if (answered != null) {
        firstAnswer = Duration.between(launched, answered);
        out.printf(
            Locale.ROOT,
            "First answers %.1f s after launch (batch 1: %,d of %,d readings), e.g.%n  curl -s '%s'%n"
                + "Loading the rest...%n",
            firstAnswer.toMillis() / 1000.0,
            first.run().readings(),
            accepted,
            daysUri(exampleMeter(0), demo.lastHistoryDay().minusDays(6), demo.lastHistoryDay()));
        out.flush();
      }
      steps.mark("first answer");
      awaitArchived(err);
      steps.mark("archiver caught up");
      batch(BatchMode.INCREMENTAL, err);
      steps.mark("batch 2 published (all of the history)");
    } else {
      awaitArchived(err);
      steps.mark("archiver caught up");
      batch(BatchMode.FULL, err);
      steps.mark("first batch published");
    }
  }

  /** Whether every partition's offset of {@code a} is at or after that of {@code b}. */
  private static boolean covers(Cut a, Cut b) {
    return b.offsets().entrySet().stream().allMatch(e -> a.offset(e.getKey()) >= e.getValue());
  }

  private io.gridlens.batch.BatchStatus batch(BatchMode mode, PrintStream err) {
    ProgressLine bar = new ProgressLine(err, "batch");
    io.gridlens.batch.BatchStatus s =
        platform
            .batch()
            .runNow(
                mode,
                p ->
                    bar.update(
                        p.done(),
                        p.total(),
                        p.stage().name().toLowerCase(Locale.ROOT)
                            + String.format(Locale.ROOT, " %,d/%,d", p.done(), p.total())));
    bar.finish(
        1,
        1,
        String.format(
            Locale.ROOT,
            "version %d (%s): %,d readings, %,d meter-days",
            s.current().number(),
            s.run() == null ? "?" : s.run().mode().name().toLowerCase(Locale.ROOT),
            s.run() == null ? 0 : s.run().readings(),
            s.run() == null ? 0 : s.run().rows()));
    return s;
  }

  private void upsertReference(InMemoryReferenceData reference) {
    new ReferenceUpserts(platform.producer(), platform.topics()).upsertAll(reference);
  }

  /** Ingests every history reading, meters split over concurrent sessions; returns accepted. */
  private long ingestHistory(int threads, PrintStream err) {
    IngestService service = platform.ingest();
    AtomicLong metersDone = new AtomicLong();
    AtomicLong readings = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    ProgressLine bar = new ProgressLine(err, "history");
    try {
      List<Future<IngestReport>> reports = new ArrayList<>();
      for (int k = 0; k < threads; k++) {
        HistoryIterator it =
            new HistoryIterator(fleet, k, threads, demo.historyEnd(), metersDone, readings);
        reports.add(pool.submit(() -> service.ingest(it, IngestService.Progress.NONE)));
      }
      long accepted = 0;
      long rejected = 0;
      for (Future<IngestReport> f : reports) {
        while (true) {
          try {
            IngestReport r = f.get(200, TimeUnit.MILLISECONDS);
            if (r.failure() != null) {
              throw new IllegalStateException("history ingest failed: " + r.failure());
            }
            accepted += r.accepted();
            rejected += r.rejected();
            break;
          } catch (TimeoutException e) {
            bar.update(metersDone.get(), fleet.size(), historyDetail(metersDone, readings, bar));
          }
        }
      }
      bar.finish(
          metersDone.get(),
          fleet.size(),
          historyDetail(metersDone, readings, bar)
              + String.format(Locale.ROOT, ", %,d accepted, %,d rejected", accepted, rejected));
      return accepted;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while ingesting the history", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("history ingest failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private String historyDetail(AtomicLong meters, AtomicLong readings, ProgressLine bar) {
    return String.format(
        Locale.ROOT,
        "%,d/%,d meters, %,d readings (%,.0f/s)",
        meters.get(),
        fleet.size(),
        readings.get(),
        readings.get() / Math.max(1e-3, bar.seconds()));
  }

  /** Waits until the master dataset holds every record of {@code readings} logged so far. */
  /**
   * Waits until the archiver has written a first file of every partition with records in {@code
   * end}, or the timeout passed (then batch 1 is just smaller).
   */
  private void awaitEveryPartitionStarted(Cut end, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Cut archived = platform.archiver().archivedCut();
      boolean started =
          end.offsets().entrySet().stream()
              .allMatch(e -> e.getValue() == 0 || archived.offset(e.getKey()) > 0);
      if (started) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the archiver", e);
      }
    }
    LOG.warn("the archiver has not written every partition within {}; batch 1 is partial", timeout);
  }

  private void awaitArchived(PrintStream err) {
    Cut end = logEnd();
    long total = end.offsets().values().stream().mapToLong(Long::longValue).sum();
    ProgressLine bar = new ProgressLine(err, "archive");
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (true) {
      Cut archived = platform.archiver().archivedCut();
      long done = 0;
      boolean covered = true;
      for (Map.Entry<Integer, Long> e : end.offsets().entrySet()) {
        long a = Math.min(archived.offset(e.getKey()), e.getValue());
        done += a;
        covered &= a >= e.getValue();
      }
      String detail = String.format(Locale.ROOT, "%,d/%,d records in Parquet", done, total);
      if (covered) {
        bar.finish(done, total, detail);
        return;
      }
      bar.update(done, total, detail);
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the archiver did not catch up with the log within 10 minutes: " + detail);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the archiver", e);
      }
    }
  }

  /** The end offsets of every partition of {@code readings} now. */
  private Cut logEnd() {
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(platform.kafka().assignedConsumer("gridlens-demo-end"))) {
      List<TopicPartition> parts = new ArrayList<>();
      for (int p = 0; p < platform.topics().partitions(); p++) {
        parts.add(new TopicPartition(platform.topics().readings(), p));
      }
      Map<Integer, Long> offsets = new HashMap<>();
      c.endOffsets(parts, Duration.ofSeconds(30))
          .forEach((tp, o) -> offsets.put(tp.partition(), o));
      return new Cut(offsets);
    }
  }

  /**
   * Asks the API for the last week of history of the first meter until it has days; null when it
   * has none within the timeout.
   */
  private Instant awaitFirstAnswer(Duration timeout) {
    URI uri = daysUri(exampleMeter(0), demo.lastHistoryDay().minusDays(6), demo.lastHistoryDay());
    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          JsonNode days = json.readTree(r.body()).path("days");
          if (days.isArray() && !days.isEmpty()) {
            return clock.instant();
          }
        }
        last = r.statusCode() + " " + r.body();
        Thread.sleep(100);
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while asking the API", e);
      }
    }
    LOG.warn("the API did not answer with data within {}: {}", timeout, last);
    return null;
  }

  private URI daysUri(String meter, LocalDate from, LocalDate to) {
    return URI.create(
        platform.api().baseUri() + "/api/v1/meters/" + meter + "/days?from=" + from + "&to=" + to);
  }

  /** Starts sending live readings, beginning with the interval that starts at {@code first}. */
  private void startFeed(double rate, Instant first) {
    IngestService service = platform.ingest();
    long intervalMillis = fleet.spec().intervalMinutes() * 60_000L;
    // The feed's clock reads "just before the end of interval `first`" now (see the class note).
    Instant feedNow = first.plusMillis(intervalMillis).minus(FEED_FIRST_DUE);
    List<Reading> due = new ArrayList<>();
    feed = new LiveFeed(fleet, new CatchUpClock(clock, feedNow, FEED_CATCH_UP), rate, due::add);
    feedTimer.scheduleWithFixedDelay(
        () -> {
          try {
            feed.poll();
            if (!due.isEmpty()) {
              IngestReport r =
                  service.ingest(List.copyOf(due).iterator(), IngestService.Progress.NONE);
              due.clear();
              if (r.failure() != null) {
                LOG.warn("live readings not logged: {}", r.failure());
              }
            }
          } catch (RuntimeException e) {
            LOG.warn("live feed tick failed: {}", e.toString());
          }
        },
        0,
        FEED_TICK.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private static Instant lastCompletedInterval(Clock clock) {
    long interval = FleetSpec.DEFAULT_INTERVAL_MINUTES * 60_000L;
    return Instant.ofEpochMilli(Math.floorDiv(clock.millis(), interval) * interval - interval);
  }

  private void printWelcome(Options o) {
    String base = platform.api().baseUri().toString();
    LocalDate last = demo.lastHistoryDay();
    String m0 = exampleMeter(0);
    String m1 = exampleMeter(Math.min(1, fleet.size() - 1));
    out.println();
    out.print(steps);
    out.printf(
        Locale.ROOT,
        "%nGridlens is up at %s: first answer %.1f s after launch%s.%n",
        base,
        firstAnswer.toMillis() / 1000.0,
        resumed ? " (resumed: the data was already loaded)" : "");
    out.printf(
        Locale.ROOT,
        "Fleet: %,d meters, history %s .. %s, live feed %s readings/s from %s.%n%n",
        demo.meters(),
        demo.firstDay(),
        demo.historyEnd().atZone(FleetSpec.DEFAULT_ZONE).toLocalDateTime(),
        o.liveRate() == Math.rint(o.liveRate())
            ? Long.toString((long) o.liveRate())
            : Double.toString(o.liveRate()),
        feed.pendingIntervalStart().atZone(FleetSpec.DEFAULT_ZONE).toLocalTime());
    out.println("Try:");
    out.println("  curl -s " + base + "/health");
    out.println("  curl -s '" + daysUri(m0, last.minusDays(6), last) + "'");
    out.println(
        "  curl -s '"
            + base
            + "/api/v1/meters/"
            + m0
            + "/consumption?from="
            + last
            + "&to="
            + last
            + "&granularity=interval'   # the live intervals are provisional");
    out.println(
        "  curl -s '"
            + base
            + "/api/v1/meters/"
            + m1
            + "/consumption?from="
            + demo.firstDay()
            + "&to="
            + last
            + "&granularity=month'");
    out.println(
        "  curl -s '"
            + base
            + "/api/v1/meters/"
            + m1
            + "/breakdown?from="
            + last.minusDays(29)
            + "&to="
            + last
            + "'");
    out.println("  curl -s " + base + "/api/v1/batch/status");
    out.println("  curl -s -X POST '" + base + "/api/v1/batch/runs?mode=incremental'");
    out.println("  curl -s " + base + "/metrics");
    out.println(
        "Ctrl-C stops it; the data stays in "
            + platform.config().dataDir()
            + " (run again to resume, delete it to start over).");
    out.flush();
  }

  /** The id of the fleet's meter {@code i}. */
  String exampleMeter(int i) {
    return FleetSpec.meterId(i);
  }

  Platform platform() {
    return platform;
  }

  DemoFleet demoFleet() {
    return demo;
  }

  Fleet fleet() {
    return fleet;
  }

  /** Time from launch to the first answer with data. */
  Duration firstAnswer() {
    return firstAnswer;
  }

  /** Live readings sent so far. */
  long liveReadingsSent() {
    return feed == null ? 0 : feed.sent();
  }

  /** Stops the live feed, then every component in reverse start order. Idempotent. */
  @Override
  public void close() {
    feedTimer.shutdownNow();
    try {
      feedTimer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    platform.close();
  }

  /**
   * The history readings of every {@code step}-th meter from {@code first}, in each meter's
   * delivery order: the readings of intervals that end by the history end.
   */
  private static final class HistoryIterator implements Iterator<Reading> {
    private final Fleet fleet;
    private final int step;
    private final Instant end;
    private final AtomicLong metersDone;
    private final AtomicLong readings;
    private int nextMeter;
    private List<Delivery> current = List.of();
    private int cursor;
    private Reading next;
    private long ofMeter;

    HistoryIterator(
        Fleet fleet, int first, int step, Instant end, AtomicLong metersDone, AtomicLong readings) {
      this.fleet = fleet;
      this.step = step;
      this.end = end;
      this.metersDone = metersDone;
      this.readings = readings;
      this.nextMeter = first;
    }

    @Override
    public boolean hasNext() {
      while (next == null) {
        if (cursor < current.size()) {
          Reading r = current.get(cursor++).reading();
          if (!r.intervalStart().plusSeconds(r.intervalMinutes() * 60L).isAfter(end)) {
            next = r;
          }
        } else {
          if (!current.isEmpty()) {
            readings.addAndGet(ofMeter);
            metersDone.incrementAndGet();
            current = List.of();
            ofMeter = 0;
          }
          if (nextMeter >= fleet.size()) {
            return false;
          }
          current = fleet.deliveries(nextMeter);
          cursor = 0;
          nextMeter += step;
          if (current.isEmpty()) {
            metersDone.incrementAndGet();
          }
        }
      }
      return true;
    }

    @Override
    public Reading next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Reading r = next;
      next = null;
      ofMeter++;
      return r;
    }
  }

  /**
   * Wall and process CPU time (every thread, DuckDB's native ones included) of each step: on a busy
   * machine wall time lies, CPU time says what a step costs.
   */
  static final class Steps {
    private final List<String> lines = new ArrayList<>();
    private long wall = System.nanoTime();
    private long cpu = cpuNanos();

    synchronized void mark(String name) {
      long w = System.nanoTime();
      long c = cpuNanos();
      lines.add(
          String.format(
              Locale.ROOT,
              "  %-48s %7.1f s wall %7.1f s CPU%n",
              name,
              (w - wall) / 1e9,
              (c - cpu) / 1e9));
      wall = w;
      cpu = c;
    }

    @Override
    public synchronized String toString() {
      return String.join("", lines);
    }

    private static long cpuNanos() {
      return ((com.sun.management.OperatingSystemMXBean)
              java.lang.management.ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }
  }
}
