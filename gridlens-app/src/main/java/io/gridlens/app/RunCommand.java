package io.gridlens.app;

import io.gridlens.core.reference.InMemoryReferenceData;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gridlens run --config FILE}: a production process running the configured roles. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the roles of a configuration file (any of ingest, archiver, speed, batch-scheduler,"
          + " api) until SIGTERM or Ctrl-C. Embedded unless the file names"
          + " kafka.bootstrap-servers and cassandra.contact-points. See config/gridlens.yaml."
    })
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--config", required = true, description = "The YAML configuration file.")
  Path config;

  @Override
  public Integer call() throws InterruptedException {
    GridlensConfig c;
    try {
      c = GridlensConfig.load(config);
    } catch (ConfigException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    // The demo's weather, carbon and Tempo lie under what the reference topics hold (uploads
    // through
    // PUT /api/v1/regions/{region}/weather|carbon and /api/v1/tempo win day by day).
    InMemoryReferenceData base =
        DemoFleet.load(c.dataDir())
            .map(d -> DemoFleet.environment(d.fleet().referenceData()))
            .orElse(InMemoryReferenceData.builder().build());
    AtomicReference<AutoCloseable> stopper = new AtomicReference<>();
    Runnable stopped = Shutdown.install(stopper, System.out);
    Platform p;
    try {
      p = Platform.start(c, base, Clock.systemUTC(), false);
    } catch (ConfigException e) {
      stopped.run();
      throw new ParameterException(spec.commandLine(), config + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      System.err.println("gridlens run: " + e.getMessage());
      stopped.run();
      return 1;
    }
    stopper.set(p);
    System.out.println(
        "gridlens: running "
            + c.roles().stream().sorted().map(Role::key).collect(Collectors.joining(", "))
            + " on "
            + (c.embeddedKafka() ? "the embedded broker" : c.kafka().bootstrapServers())
            + (c.cassandra().enabled()
                ? ", views in Cassandra " + c.cassandra().contactPoints()
                : ", views in " + c.dataDir().resolve("views"))
            + (p.api() == null ? "" : ", API on " + p.api().baseUri()));
    Shutdown.awaitSignal();
    return 0;
  }
}
