package io.gridlens.batch;

import io.gridlens.core.Cut;
import io.gridlens.core.insight.CohortCensus;
import io.gridlens.core.insight.CohortConfig;
import io.gridlens.core.insight.CohortMonth;
import io.gridlens.core.insight.CohortScope;
import io.gridlens.core.insight.CohortStats;
import io.gridlens.core.insight.CohortValues;
import io.gridlens.core.insight.PeerComparison;
import io.gridlens.core.insight.PeerTable;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.reference.Premise;
import io.gridlens.core.reference.ReferenceData;
import io.gridlens.core.view.CohortMonthSummary;
import io.gridlens.core.view.DayRange;
import io.gridlens.core.view.MeterMonthSummary;
import io.gridlens.core.view.StoredRow;
import io.gridlens.core.view.SummaryCodec;
import io.gridlens.core.view.SummaryRow;
import io.gridlens.core.view.ViewStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads one batch version into a view store (without publishing it): the engine streams the series,
 * the core computes them, this class writes rows and summaries. The cut / version / publish logic
 * around it is {@link BatchRunner}'s.
 *
 * <p>Peer comparison takes part the meter-months of the import channel whose every day has a row
 * and no interval missing (a partial month would rank low for lack of data); the premise placing a
 * meter in a month is the one in force on the month's last day.
 */
final class BatchJob {

  /** What a load did. */
  record Result(
      long rows, long readings, long summaries, long series, Map<BatchStage, Duration> stages) {}

  private final BatchEngine engine;
  private final ViewStore store;
  private final ReferenceData ref;
  private final BatchSettings settings;
  private final BatchProgress.Listener listener;
  private final Clock clock;
  private final int workers;

  BatchJob(
      BatchEngine engine,
      ViewStore store,
      ReferenceData ref,
      BatchSettings settings,
      BatchProgress.Listener listener,
      Clock clock,
      int workers) {
    this.engine = engine;
    this.store = store;
    this.ref = ref;
    this.settings = settings;
    this.listener = listener;
    this.clock = clock;
    this.workers = workers;
  }

  /**
   * Loads version {@code version} from the readings below {@code cut}.
   *
   * @param previousVersion the published version an incremental load starts from (0 for full)
   * @param previousCut its cut, or null for a full load
   * @param previousPublishedAt when it was published (null for a full load): a series whose last
   *     day had not ended then is recomputed from that day even without new readings, as its later
   *     intervals were left missing, not estimated
   */
  Result load(
      long version, Cut cut, long previousVersion, Cut previousCut, Instant previousPublishedAt) {
    boolean incremental = previousCut != null;
    Instant asOf = clock.instant();
    Map<BatchStage, Duration> stages = new EnumMap<>(BatchStage.class);
    Stopwatch watch = new Stopwatch(BatchStage.PLAN, 0);
    List<SeriesSpan> spans = engine.series(cut);
    Map<SeriesKey, Long> touched = incremental ? engine.touched(previousCut, cut) : null;
    long totalReadings = 0;
    for (SeriesSpan s : spans) {
      totalReadings += s.readings();
    }
    stages.put(BatchStage.PLAN, watch.elapsed());

    Map<SeriesKey, SeriesWork.Restart> restarts = new java.util.HashMap<>();
    Map<SeriesKey, Long> only = null;
    List<SeriesWork.Outcome> parts = new ArrayList<>();
    if (incremental) {
      watch = new Stopwatch(BatchStage.CARRY, spans.size());
      SeriesWork carried = new SeriesWork(ref, settings, version, 0, Map.of(), asOf);
      SeriesWork.Sink carry = carried.open(store, n -> {});
      only = new java.util.HashMap<>();
      for (SeriesSpan span : spans) {
        Optional<Meter> meter = ref.meter(span.series().meterId());
        if (meter.isPresent()) {
          Long from = touched.get(span.series());
          if (from == null && endsAfter(span, meter.get(), previousPublishedAt)) {
            from = span.lastStart();
          }
          if (from == null) {
            carry(previousVersion, span, meter.get(), carry);
          } else {
            LocalDate fromDate = SeriesProcessor.localDate(from, meter.get().zone());
            only.put(span.series(), fromDate.atStartOfDay(meter.get().zone()).toEpochSecond());
            restarts.put(
                span.series(),
                new SeriesWork.Restart(
                    SeriesProcessor.localDate(span.firstStart(), meter.get().zone()), fromDate));
          }
        }
        watch.tick(1);
      }
      parts.add(carry.finish());
      stages.put(BatchStage.CARRY, watch.elapsed());
    }

    watch = new Stopwatch(BatchStage.COMPUTE, totalReadings);
    SeriesWork work =
        new SeriesWork(ref, settings, version, incremental ? previousVersion : 0, restarts, asOf);
    Stopwatch compute = watch;
    Optional<SeriesWork.Outcome> there = engine.compute(cut, only, work, store, compute::tick);
    if (there.isPresent()) {
      parts.add(there.get());
    } else {
      SeriesWork.Sink sink = work.open(store, compute::tick);
      if (workers > 1) {
        try (ParallelSeries parallel = new ParallelSeries(sink, workers)) {
          engine.scan(cut, only, parallel);
          parallel.drain();
        }
      } else {
        engine.scan(cut, only, sink);
      }
      parts.add(sink.finish());
    }
    SeriesWork.Outcome done = SeriesWork.Outcome.sum(parts);
    List<MeterMonthSummary> monthly = done.monthly();
    stages.put(BatchStage.COMPUTE, watch.elapsed());

    watch = new Stopwatch(BatchStage.SUMMARIES, monthly.size());
    long summaries = summaries(version, monthly, watch);
    stages.put(BatchStage.SUMMARIES, watch.elapsed());
    return new Result(done.rows(), done.readings(), summaries, spans.size(), stages);
  }

  /** Whether a series' last local day ends after an instant. */
  private static boolean endsAfter(SeriesSpan span, Meter meter, Instant t) {
    LocalDate last = SeriesProcessor.localDate(span.lastStart(), meter.zone());
    return last.plusDays(1).atStartOfDay(meter.zone()).toInstant().isAfter(t);
  }

  /** Copies an untouched series' rows and summaries of the previous version. */
  private void carry(long previousVersion, SeriesSpan span, Meter meter, SeriesWork.Sink sink) {
    LocalDate first = SeriesProcessor.localDate(span.firstStart(), meter.zone());
    LocalDate last = SeriesProcessor.localDate(span.lastStart(), meter.zone());
    DayRange range = new DayRange(span.series().meterId(), span.series().channel(), first, last);
    List<MeterMonthSummary> monthly = new ArrayList<>();
    if (span.series().channel() == io.gridlens.core.Channel.IMPORT) {
      for (SummaryRow r :
          store.readSummaries(previousVersion, SummaryCodec.meterPartition(meter.id()))) {
        monthly.add(
            SummaryCodec.decodeMeterMonth(r)
                .withPeers(null, Double.NaN, null, 0, Double.NaN, Double.NaN));
      }
    }
    sink.commit(store.readBatch(previousVersion, range), monthly);
  }

  /** Peer cohorts in two passes, then every meter-month and cohort-month summary. */
  private long summaries(long version, List<MeterMonthSummary> monthly, Stopwatch watch) {
    CohortConfig config = settings.cohorts();
    List<Premise> premises = new ArrayList<>(monthly.size());
    CohortCensus census = new CohortCensus(config);
    for (MeterMonthSummary m : monthly) {
      Premise p = peerPremise(m);
      premises.add(p);
      if (p != null) {
        census.add(m.month(), p);
      }
    }
    var assigner = census.assigner();
    CohortValues values = new CohortValues(assigner);
    for (int i = 0; i < monthly.size(); i++) {
      if (premises.get(i) != null) {
        values.add(monthly.get(i).month(), premises.get(i), monthly.get(i).kwh());
      }
    }
    PeerTable table = new PeerTable(assigner, values.stats());
    List<SummaryRow> rows = new ArrayList<>(settings.writeBatchRows());
    long n = 0;
    for (int i = 0; i < monthly.size(); i++) {
      MeterMonthSummary m = monthly.get(i);
      Premise p = premises.get(i);
      Optional<PeerComparison> c =
          p == null ? Optional.empty() : table.compare(m.month(), p, m.kwh());
      MeterMonthSummary s =
          c.map(
                  x ->
                      m.withPeers(
                          x.cohort().cohort().describe(config),
                          x.percentileRank(),
                          x.rating(),
                          x.cohortCount(),
                          x.median(),
                          x.p20()))
              .orElse(m);
      rows.add(SummaryCodec.encode(s));
      if (rows.size() == settings.writeBatchRows()) {
        n += store.putSummaries(version, rows);
        rows = new ArrayList<>(settings.writeBatchRows());
      }
      watch.tick(1);
    }
    for (Map.Entry<CohortMonth, CohortStats> e : table.allStats().entrySet()) {
      CohortStats st = e.getValue();
      String tenant = config.scope() == CohortScope.PLATFORM ? "*" : e.getKey().cohort().tenant();
      rows.add(
          SummaryCodec.encode(
              new CohortMonthSummary(
                  tenant,
                  e.getKey().cohort().describe(config),
                  e.getKey().month(),
                  st.count(),
                  st.median(),
                  st.p20())));
    }
    n += store.putSummaries(version, rows);
    return n;
  }

  private Premise peerPremise(MeterMonthSummary m) {
    YearMonth month = m.month();
    if (m.days() != month.lengthOfMonth() || m.missing() != 0) {
      return null;
    }
    return ref.premise(m.meterId(), month.atEndOfMonth()).orElse(null);
  }

  /**
   * Computes whole series on worker threads while the scan goes on, and commits their results in
   * scan order: each series' readings are buffered as primitives, its processor (seeded on the
   * scan's thread, which alone reads the store) runs on a worker, and its rows and monthly
   * summaries reach the writer and the summary list in exactly the order, and through exactly the
   * calls, of the single-threaded {@link SeriesWork.Sink}. At most {@code 4 x workers} series are
   * in flight.
   */
  private final class ParallelSeries implements ReadingSink, AutoCloseable {
    private final SeriesWork.Sink sink;
    private final java.util.concurrent.ExecutorService pool;
    private final java.util.ArrayDeque<java.util.concurrent.Future<Done>> inFlight =
        new java.util.ArrayDeque<>();
    private final int maxInFlight;
    private final java.util.ArrayDeque<Task> free = new java.util.ArrayDeque<>();
    private Task task;

    ParallelSeries(SeriesWork.Sink sink, int workers) {
      this.sink = sink;
      this.maxInFlight = 4 * workers;
      java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
      this.pool =
          java.util.concurrent.Executors.newFixedThreadPool(
              workers,
              r -> {
                Thread t = new Thread(r, "gridlens-batch-series-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
    }

    @Override
    public void startSeries(SeriesKey series) {
      task = free.isEmpty() ? new Task() : free.removeFirst();
      task.processor = sink.processor(series, task.rows::add);
    }

    @Override
    public void reading(
        long start, int minutes, boolean register, long wh, byte quality, long position) {
      sink.count();
      if (task.processor != null) {
        task.add(start, minutes, register, wh, quality, position);
      }
    }

    @Override
    public void endSeries() {
      Task t = task;
      task = null;
      if (t.processor == null) {
        t.clear();
        free.addLast(t);
        return;
      }
      if (inFlight.size() >= maxInFlight) {
        commit(inFlight.removeFirst());
      }
      inFlight.addLast(pool.submit(() -> t.run(t)));
    }

    /** Commits every series still in flight, in order. */
    void drain() {
      while (!inFlight.isEmpty()) {
        commit(inFlight.removeFirst());
      }
    }

    private void commit(java.util.concurrent.Future<Done> f) {
      Done d;
      try {
        d = f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while computing the batch", e);
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        if (e.getCause() instanceof Error r) {
          throw r;
        }
        throw new IllegalStateException(e.getCause());
      }
      sink.commit(d.task.rows, d.summaries);
      d.task.clear();
      free.addLast(d.task); // its buffers serve a later series
    }

    @Override
    public void close() {
      pool.shutdownNow();
    }
  }

  /** What a worker computed for one series. */
  private record Done(Task task, List<MeterMonthSummary> summaries) {}

  /** One series' readings, buffered as primitives, and its processor. */
  private static final class Task {
    final List<StoredRow> rows = new ArrayList<>();
    SeriesProcessor processor;
    private long[] start = new long[4096];
    private int[] minutes = new int[4096];
    private boolean[] register = new boolean[4096];
    private long[] wh = new long[4096];
    private byte[] quality = new byte[4096];
    private long[] position = new long[4096];
    private int n;

    void add(long s, int m, boolean r, long w, byte q, long p) {
      if (n == start.length) {
        int c = n * 2;
        start = java.util.Arrays.copyOf(start, c);
        minutes = java.util.Arrays.copyOf(minutes, c);
        register = java.util.Arrays.copyOf(register, c);
        wh = java.util.Arrays.copyOf(wh, c);
        quality = java.util.Arrays.copyOf(quality, c);
        position = java.util.Arrays.copyOf(position, c);
      }
      start[n] = s;
      minutes[n] = m;
      register[n] = r;
      wh[n] = w;
      quality[n] = q;
      position[n] = p;
      n++;
    }

    Done run(Task self) {
      for (int i = 0; i < n; i++) {
        processor.reading(start[i], minutes[i], register[i], wh[i], quality[i], position[i]);
      }
      List<MeterMonthSummary> summaries = processor.finish();
      return new Done(self, summaries);
    }

    /** Empties the task for reuse, keeping its buffers. */
    void clear() {
      rows.clear();
      processor = null;
      n = 0;
    }
  }

  /** Times a stage and reports its progress. */
  private final class Stopwatch {
    private final BatchStage stage;
    private final long total;
    private final Instant start;
    private long done;

    Stopwatch(BatchStage stage, long total) {
      this.stage = stage;
      this.total = total;
      this.start = clock.instant();
      listener.progress(new BatchProgress(stage, 0, total, Duration.ZERO));
    }

    void tick(long n) {
      done += n;
      if (n > 1 || (done & 0x3FF) == 0) {
        listener.progress(new BatchProgress(stage, Math.min(done, total), total, elapsed()));
      }
    }

    Duration elapsed() {
      return Duration.between(start, clock.instant());
    }
  }
}
