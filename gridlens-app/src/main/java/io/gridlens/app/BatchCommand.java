package io.gridlens.app;

import io.gridlens.batch.BatchEngine;
import io.gridlens.batch.BatchMode;
import io.gridlens.batch.BatchRunner;
import io.gridlens.batch.BatchSettings;
import io.gridlens.batch.BatchStatus;
import io.gridlens.batch.DuckDbEngine;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.core.reference.ReferenceData;
import io.gridlens.core.view.ViewStore;
import io.gridlens.ingest.EmbeddedKafka;
import io.gridlens.ingest.KafkaClients;
import io.gridlens.ingest.ReferenceView;
import io.gridlens.serving.RocksDbViewStore;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gridlens batch run|status|rollback}: the batch layer of a data directory (its master
 * dataset and RocksDB views), from the command line, while no other process holds the views (a
 * running platform is driven through its API instead: {@code POST /api/v1/batch/runs}).
 */
@Command(
    name = "batch",
    mixinStandardHelpOptions = true,
    description = "Runs, inspects or rolls back the batch views of a data directory.",
    subcommands = {BatchCommand.Run.class, BatchCommand.Status.class, BatchCommand.Rollback.class})
final class BatchCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing required subcommand: run, status or rollback");
  }

  /** Options every batch subcommand takes. */
  static final class Where {
    @Option(
        names = "--data-dir",
        defaultValue = "gridlens-data",
        description = "Data directory (${DEFAULT-VALUE}).")
    Path dataDir;

    /** Refuses a data directory that does not exist (a usage error). */
    void check(CommandSpec spec) {
      if (!Files.isDirectory(dataDir)) {
        throw new ParameterException(
            spec.commandLine(),
            "no data directory "
                + dataDir
                + "; pass --data-dir of a Gridlens data directory (the demo makes ./gridlens-data)");
      }
    }

    RocksDbViewStore openViews() {
      try {
        return RocksDbViewStore.open(dataDir.resolve("views"));
      } catch (UncheckedIOException e) {
        throw new IllegalStateException(
            e.getCause().getMessage()
                + "; while a gridlens process runs on it, use its API: POST /api/v1/batch/runs,"
                + " GET /api/v1/batch/status, POST /api/v1/batch/rollback",
            e);
      }
    }
  }

  /** {@code gridlens batch run [--full] [--config FILE]}. */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Computes and publishes a new batch version from the master dataset (incremental from the"
            + " published version unless --full). Reads meters, premises and contracts from the"
            + " reference topics: the data directory's embedded broker, or --bootstrap.",
        "With --config, everything comes from a configuration file (see config/gridlens.yaml):"
            + " its data-dir, kafka.bootstrap-servers, views (cassandra.contact-points or RocksDB)"
            + " and engine (batch.engine, spark.master)."
      })
  static final class Run implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin Where where = new Where();

    @Option(names = "--full", description = "Rebuild every row from all data.")
    boolean full;

    @Option(
        names = "--bootstrap",
        description = "Kafka of the reference topics (default: the data directory's own broker).")
    String bootstrap;

    @Option(
        names = "--config",
        description = "A configuration file instead of --data-dir and --bootstrap.")
    Path config;

    @Override
    public Integer call() {
      GridlensConfig c = configuration();
      where.dataDir = c.dataDir();
      where.check(spec);
      PrintStream out = System.out;
      try (ViewStore views = config == null ? where.openViews() : Platform.openViews(c);
          EmbeddedKafka kafka =
              c.embeddedKafka() ? EmbeddedKafka.start(c.dataDir().resolve("kafka")) : null;
          ReferenceView reference =
              new ReferenceView(
                      kafka == null
                          ? new KafkaClients(c.kafka().bootstrapServers())
                          : kafka.clients(),
                      c.kafka().topics(),
                      environment(c.dataDir()))
                  .start();
          BatchEngine engine = BatchService.openEngine(c)) {
        reference.awaitCaughtUp(Duration.ofMinutes(1));
        BatchStatus s =
            run(engine, views, reference, full ? BatchMode.FULL : BatchMode.INCREMENTAL);
        out.println(describe(s));
        return 0;
      } catch (Exception e) {
        System.err.println("gridlens batch run: " + e.getMessage());
        return 1;
      }
    }

    /** The configuration file's, or one made of --data-dir and --bootstrap. */
    private GridlensConfig configuration() {
      if (config == null) {
        GridlensConfig c = GridlensConfig.defaults().withDataDir(where.dataDir);
        if (bootstrap == null) {
          return c;
        }
        try {
          return GridlensConfig.parse(
                  "kafka:\n  bootstrap-servers: '"
                      + new KafkaClients(bootstrap).bootstrapServers()
                      + "'\n")
              .withDataDir(where.dataDir);
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(), "--bootstrap: " + e.getMessage(), e);
        }
      }
      var parsed = spec.commandLine().getParseResult();
      if (parsed.hasMatchedOption("--data-dir") || parsed.hasMatchedOption("--bootstrap")) {
        throw new ParameterException(
            spec.commandLine(),
            "--config names the data directory and Kafka itself; drop --data-dir and --bootstrap");
      }
      try {
        return GridlensConfig.load(config);
      } catch (ConfigException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage(), e);
      }
    }

    private static BatchStatus run(
        BatchEngine engine, ViewStore views, ReferenceData ref, BatchMode mode) {
      BatchRunner runner =
          new BatchRunner(engine, views, ref, BatchSettings.DEFAULT, Clock.systemUTC());
      ProgressLine bar = new ProgressLine(System.err, "batch");
      BatchStatus s =
          runner.run(
              mode,
              engine.cutOnDisk(),
              p ->
                  bar.update(
                      p.done(),
                      p.total(),
                      p.stage().name().toLowerCase(Locale.ROOT)
                          + String.format(Locale.ROOT, " %,d/%,d", p.done(), p.total())));
      bar.finish(1, 1, "published version " + s.current().number());
      return s;
    }
  }

  /** {@code gridlens batch status}. */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Shows the published batch version, its cut and what its run did.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin Where where = new Where();

    @Override
    public Integer call() {
      where.check(spec);
      try (RocksDbViewStore views = where.openViews();
          DuckDbEngine engine = DuckDbEngine.open(where.dataDir, DuckDbEngine.Settings.DEFAULT)) {
        BatchRunner runner = runner(engine, views);
        System.out.println(
            runner.status().map(BatchCommand::describe).orElse("no batch version published yet"));
        return 0;
      } catch (RuntimeException e) {
        System.err.println("gridlens batch status: " + e.getMessage());
        return 1;
      }
    }
  }

  /** {@code gridlens batch rollback}. */
  @Command(
      name = "rollback",
      mixinStandardHelpOptions = true,
      description = "Publishes the previous batch version again (a second rollback undoes it).")
  static final class Rollback implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin Where where = new Where();

    @Override
    public Integer call() {
      where.check(spec);
      try (RocksDbViewStore views = where.openViews();
          DuckDbEngine engine = DuckDbEngine.open(where.dataDir, DuckDbEngine.Settings.DEFAULT)) {
        System.out.println("rolled back: " + describe(runner(engine, views).rollback()));
        return 0;
      } catch (RuntimeException e) {
        System.err.println("gridlens batch rollback: " + e.getMessage());
        return 1;
      }
    }
  }

  private static BatchRunner runner(DuckDbEngine engine, RocksDbViewStore views) {
    return new BatchRunner(
        engine,
        views,
        InMemoryReferenceData.builder().build(),
        BatchSettings.DEFAULT,
        Clock.systemUTC());
  }

  /** Weather, carbon and Tempo of a demo data directory; none otherwise. */
  static InMemoryReferenceData environment(Path dataDir) {
    return DemoFleet.load(dataDir)
        .map(d -> DemoFleet.environment(d.fleet().referenceData()))
        .orElse(InMemoryReferenceData.builder().build());
  }

  /** {@code version 3 (cut {0=12, 1=7}) published 2026-...; full run: ...; previous version 2}. */
  static String describe(BatchStatus s) {
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "version %d published %s at cut %s",
                s.current().number(),
                s.current().publishedAt(),
                s.current().cut().offsets()));
    if (s.run() != null) {
      b.append(
          String.format(
              Locale.ROOT,
              "; %s run on %s: %,d readings, %,d meter-day rows, %,d summaries in %.1f s",
              s.run().mode().name().toLowerCase(Locale.ROOT),
              s.run().engine(),
              s.run().readings(),
              s.run().rows(),
              s.run().summaries(),
              s.run().duration().toMillis() / 1000.0));
    }
    b.append(
        s.previous() == null
            ? "; no previous version"
            : "; previous version " + s.previous().number() + " (rollback target)");
    return b.toString();
  }
}
