package io.gridlens.batch;

import io.gridlens.core.Cut;
import io.gridlens.core.reference.ReferenceData;
import io.gridlens.core.view.BatchVersion;
import io.gridlens.core.view.SummaryRow;
import io.gridlens.core.view.ViewPointer;
import io.gridlens.core.view.ViewStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The batch layer's cut / version / publish logic (DESIGN.md sections 5 and 6): run N reads exactly
 * the readings below its cut C_N, loads every row into version N, then publishes version N with C_N
 * in one atomic pointer flip; version N-1 stays as the rollback target and older ones are dropped.
 *
 * <p>A run that fails or is killed half-way publishes nothing: readers keep version N-1, whose rows
 * are never written again (a published version is read-only in the store); the next run drops the
 * half-loaded rows and loads the version again.
 *
 * <p>Runs are serialized (one at a time per runner). Thread-safe.
 */
public final class BatchRunner {

  private final BatchEngine engine;
  private final ViewStore store;
  private final ReferenceData ref;
  private final BatchSettings settings;
  private final Clock clock;
  private final int workers;

  /**
   * A runner computing series on as many worker threads as the machine has cores. The engine's scan
   * thread takes a quarter of the CPU or less (DuckDB's streamed scan included), so leaving it a
   * core idles part of one: on 2 cores, 2 workers rebuilt 100.8 M readings in 34.5 s against 41.5 s
   * with 1 (docs/BENCHMARKS.md).
   */
  public BatchRunner(
      BatchEngine engine, ViewStore store, ReferenceData ref, BatchSettings settings, Clock clock) {
    this(
        engine,
        store,
        ref,
        settings,
        clock,
        Math.max(1, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * A runner.
   *
   * @param workers threads computing series while the engine scans, at least 1 (1: the scan's
   *     thread computes them itself); the rows are the same for any number
   */
  public BatchRunner(
      BatchEngine engine,
      ViewStore store,
      ReferenceData ref,
      BatchSettings settings,
      Clock clock,
      int workers) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.store = Objects.requireNonNull(store, "store");
    this.ref = Objects.requireNonNull(ref, "ref");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (workers < 1 || workers > 256) {
      throw new IllegalArgumentException(
          "batch workers must be in 1..256, was " + workers + "; use the number of cores");
    }
    this.workers = workers;
  }

  /** Runs up to everything on disk now ({@link BatchEngine#cutOnDisk()}), without a listener. */
  public BatchStatus run(BatchMode mode) {
    return run(mode, engine.cutOnDisk(), BatchProgress.Listener.NONE);
  }

  /**
   * Runs the batch over the readings below a cut and publishes the new version.
   *
   * @param mode FULL, or INCREMENTAL from the current version (which runs FULL when nothing is
   *     published yet or the cut is not at or after the current cut in every partition)
   * @param cut the cut to read up to, e.g. the archived cut
   * @throws IllegalArgumentException when the cut is below the published one in some partition and
   *     the mode is incremental is NOT an error: it runs full; a FULL run accepts any cut
   */
  public synchronized BatchStatus run(BatchMode mode, Cut cut, BatchProgress.Listener listener) {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(cut, "cut");
    Objects.requireNonNull(listener, "listener");
    Instant started = clock.instant();
    Optional<ViewPointer> pointer = store.pointer();
    long version =
        pointer
                .map(
                    p ->
                        Math.max(
                            p.current().number(), p.previous() == null ? 0 : p.previous().number()))
                .orElse(0L)
            + 1;
    BatchVersion base = pointer.map(ViewPointer::current).orElse(null);
    BatchMode effective =
        mode == BatchMode.INCREMENTAL && base != null && atOrAfter(cut, base.cut())
            ? BatchMode.INCREMENTAL
            : BatchMode.FULL;
    store.dropVersion(version); // rows of a run that died half-way, if any
    // One run sees one state of the reference data, which can travel to the engine's workers.
    BatchJob job = new BatchJob(engine, store, ref.snapshot(), settings, listener, clock, workers);
    BatchJob.Result result;
    try {
      result =
          effective == BatchMode.INCREMENTAL
              ? job.load(version, cut, base.number(), base.cut(), base.publishedAt())
              : job.load(version, cut, 0, null, null);
      Instant done = clock.instant();
      BatchRun run =
          new BatchRun(
              version,
              effective,
              engine.name(),
              result.readings(),
              result.rows(),
              result.summaries(),
              started,
              Duration.between(started, done));
      store.putSummaries(version, List.of(run.toRow()));
      listener.progress(new BatchProgress(BatchStage.PUBLISH, 0, 1, Duration.ZERO));
      store.publish(new BatchVersion(version, cut, done, engine.heldUpTo(cut)));
    } catch (RuntimeException | Error e) {
      try {
        store.dropVersion(version);
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    pointer
        .map(ViewPointer::previous)
        .filter(old -> old.number() != base.number())
        .ifPresent(old -> store.dropVersion(old.number()));
    listener.progress(new BatchProgress(BatchStage.DONE, 1, 1, Duration.ZERO));
    lastStages = result.stages();
    return status().orElseThrow();
  }

  private volatile Map<BatchStage, Duration> lastStages = Map.of();

  /** How long each stage of the last run of this runner took (for benchmarks and metrics). */
  public Map<BatchStage, Duration> lastStages() {
    return lastStages;
  }

  /** The published version, what its run did, and the previous version; empty before any run. */
  public Optional<BatchStatus> status() {
    return store
        .pointer()
        .map(p -> new BatchStatus(p.current(), run(p.current().number()), p.previous()));
  }

  /**
   * Publishes the previous version again (a second rollback undoes the first).
   *
   * @throws IllegalStateException when there is no previous version
   */
  public synchronized BatchStatus rollback() {
    store.rollback();
    return status().orElseThrow();
  }

  private BatchRun run(long version) {
    for (SummaryRow r : store.readSummaries(version, BatchRun.PARTITION)) {
      BatchRun run = BatchRun.fromRow(r);
      if (run.version() == version) {
        return run;
      }
    }
    return null;
  }

  /** Whether every partition's offset of {@code cut} is at or after that of {@code base}. */
  static boolean atOrAfter(Cut cut, Cut base) {
    for (Map.Entry<Integer, Long> e : base.offsets().entrySet()) {
      if (cut.offset(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
