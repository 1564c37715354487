package io.gridlens.app;

import io.gridlens.api.BatchControl;
import io.gridlens.api.BatchRun;
import io.gridlens.api.BatchStatus;
import io.gridlens.batch.BatchEngine;
import io.gridlens.batch.BatchMode;
import io.gridlens.batch.BatchProgress;
import io.gridlens.batch.BatchRunner;
import io.gridlens.batch.DuckDbEngine;
import io.gridlens.batch.spark.BatchEngineConfig;
import io.gridlens.batch.spark.ExecutorStore;
import io.gridlens.batch.spark.SparkEngine;
import io.gridlens.batch.spark.SparkSettings;
import io.gridlens.core.view.ViewPointer;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch layer of a running process as the API and the scheduler drive it: one run at a time
 * over everything the master dataset holds, its state and progress, and rollback.
 *
 * <p>Runs started through {@link #run(boolean)} go to a background thread; {@link #runNow} runs on
 * the caller's thread (the demo's first batch, the nightly scheduler). Thread-safe.
 */
final class BatchService implements BatchControl, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BatchService.class);

  private final BatchRunner runner;
  private final BatchEngine engine;
  private final Clock clock;
  private final ExecutorService background =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "gridlens-batch");
            t.setDaemon(true);
            return t;
          });
  private BatchStatus status = BatchStatus.IDLE;
  private long runs;

  BatchService(BatchRunner runner, BatchEngine engine, Clock clock) {
    this.runner = Objects.requireNonNull(runner, "runner");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Opens the engine a configuration names over its data directory's master dataset: DuckDB in this
   * process, or Spark with this process as the driver of {@code spark.master} (client mode). On a
   * cluster master, the jar this class was loaded from is shipped to the executors ({@code
   * spark.jars}): they run Gridlens code — with a Cassandra view store, the whole core, writing the
   * rows themselves.
   *
   * @throws ConfigException when the Spark engine is asked for and Spark is not on the classpath
   */
  static BatchEngine openEngine(GridlensConfig config) {
    GridlensConfig.Batch b = config.batch();
    DuckDbEngine.Settings embedded =
        new DuckDbEngine.Settings(
            b.memoryLimit(), b.threads(), DuckDbEngine.Settings.DEFAULT.chunkReadings());
    if (b.engine() == GridlensConfig.Batch.Engine.EMBEDDED) {
      return DuckDbEngine.open(config.dataDir(), embedded);
    }
    requireSpark();
    GridlensConfig.Spark s = config.spark();
    Map<String, String> conf = new HashMap<>();
    if (s.executorMemory() != null) {
      conf.put("spark.executor.memory", s.executorMemory());
    }
    Path jar = ownJar();
    if (jar != null && !s.master().startsWith("local")) {
      conf.put("spark.jars", jar.toString());
    }
    SparkSettings settings =
        new SparkSettings(
            s.master(), s.shufflePartitions(), SparkSettings.LOCAL.scanPartitionReadings(), conf);
    SparkEngine spark =
        (SparkEngine) new BatchEngineConfig("spark", embedded, settings).open(config.dataDir());
    GridlensConfig.Cassandra c = config.cassandra();
    if (c.enabled()) {
      // The executors run the core and write the rows to Cassandra themselves.
      spark.withExecutorStore(
          new ExecutorStore.Cassandra(
              c.contactPoints(), c.localDatacenter(), c.keyspace(), c.requestTimeoutMs()));
    }
    return spark;
  }

  /**
   * Fails fast, before anything starts, when the Spark engine is configured and Spark is missing.
   *
   * @throws ConfigException naming the classpath to use
   */
  static void requireSpark() {
    try {
      Class.forName(
          "org.apache.spark.sql.SparkSession", false, BatchService.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new ConfigException(
          "batch.engine spark needs Spark 4.1 (spark-sql_2.13) on the classpath, which gridlens.jar"
              + " does not carry: run java -cp 'gridlens.jar:$SPARK_HOME/jars/*'"
              + " io.gridlens.app.Gridlens ... (or drop spark.master to run the embedded engine)");
    }
  }

  /** The jar Gridlens runs from, or null when it runs from class folders (tests, an IDE). */
  private static Path ownJar() {
    try {
      var source = BatchService.class.getProtectionDomain().getCodeSource();
      if (source == null) {
        return null;
      }
      Path p = Path.of(source.getLocation().toURI());
      return Files.isRegularFile(p) ? p.toAbsolutePath() : null;
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return null;
    }
  }

  @Override
  public BatchRun run(boolean full) {
    BatchRun run = begin(full);
    background.execute(() -> execute(run, BatchProgress.Listener.NONE));
    return run;
  }

  /**
   * Runs a batch on this thread and returns when it published (or failed).
   *
   * @param listener told of the run's progress as well
   * @throws IllegalStateException when a run is in progress
   * @throws RuntimeException what the run threw; the previous version stays published
   */
  io.gridlens.batch.BatchStatus runNow(BatchMode mode, BatchProgress.Listener listener) {
    BatchRun run = begin(mode == BatchMode.FULL);
    return execute(run, listener);
  }

  private synchronized BatchRun begin(boolean full) {
    if (status.state() == BatchStatus.State.RUNNING) {
      throw new IllegalStateException(
          "batch run " + status.run().id() + " is in progress; wait for it to finish");
    }
    BatchRun run = new BatchRun(++runs, full, clock.instant());
    status = new BatchStatus(BatchStatus.State.RUNNING, run, "plan", 0, null);
    return run;
  }

  private io.gridlens.batch.BatchStatus execute(BatchRun run, BatchProgress.Listener listener) {
    try {
      io.gridlens.batch.BatchStatus done =
          runner.run(
              run.full() ? BatchMode.FULL : BatchMode.INCREMENTAL,
              engine.cutOnDisk(),
              p -> {
                progress(run, p);
                listener.progress(p);
              });
      synchronized (this) {
        status = new BatchStatus(BatchStatus.State.SUCCEEDED, run, "done", 1, null);
      }
      LOG.info(
          "batch run {} published version {} at cut {}",
          run.id(),
          done.current().number(),
          done.current().cut().offsets());
      return done;
    } catch (RuntimeException | Error e) {
      synchronized (this) {
        status =
            new BatchStatus(
                BatchStatus.State.FAILED,
                run,
                status.stage(),
                Double.NaN,
                "batch run "
                    + run.id()
                    + " failed: "
                    + e
                    + "; the previous version stays published; fix the cause and run again");
      }
      LOG.error("batch run {} failed", run.id(), e);
      throw e;
    }
  }

  /** The run's share done: stages weighted by their usual cost (compute dominates). */
  private synchronized void progress(BatchRun run, BatchProgress p) {
    double base =
        switch (p.stage()) {
          case PLAN -> 0;
          case CARRY -> 0.02;
          case COMPUTE -> 0.05;
          case SUMMARIES -> 0.9;
          case PUBLISH -> 0.98;
          case DONE -> 1;
        };
    double span =
        switch (p.stage()) {
          case CARRY -> 0.03;
          case COMPUTE -> 0.85;
          case SUMMARIES -> 0.08;
          default -> 0;
        };
    status =
        new BatchStatus(
            BatchStatus.State.RUNNING,
            run,
            p.stage().name().toLowerCase(Locale.ROOT),
            Math.min(1, base + span * p.fraction()),
            null);
  }

  @Override
  public synchronized BatchStatus status() {
    return status;
  }

  @Override
  public synchronized ViewPointer rollback() {
    if (status.state() == BatchStatus.State.RUNNING) {
      throw new IllegalStateException(
          "batch run " + status.run().id() + " is in progress; roll back once it finished");
    }
    runner.rollback();
    return runner.status().map(BatchService::pointerOf).orElseThrow();
  }

  private static ViewPointer pointerOf(io.gridlens.batch.BatchStatus s) {
    return new ViewPointer(s.current(), s.previous());
  }

  /** Stops taking runs; a run in progress is given a minute to publish. */
  @Override
  public void close() {
    background.shutdown();
    try {
      if (!background.awaitTermination(1, TimeUnit.MINUTES)) {
        LOG.warn("a batch run did not finish within a minute of shutdown; it publishes nothing");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
