package io.gridlens.app;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gridlens demo}: the whole platform in one process, loaded with a simulated fleet. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs every role in one process (in-process Kafka, archiver, speed layer, batch with its"
          + " nightly schedule, RocksDB views, the API), loads a simulated fleet's history through"
          + " Kafka, publishes a first batch, then feeds live readings. Ctrl-C stops it.",
      "A second run on the same data directory resumes without loading again."
    })
final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--meters",
      defaultValue = "10000",
      description = "Meters of the fleet (${DEFAULT-VALUE}).")
  int meters;

  @Option(
      names = "--days",
      defaultValue = "90",
      description = "Days of history (${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--data-dir",
      defaultValue = "gridlens-data",
      description = "Data directory (${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "API port, 0 for a free one (${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--seed", defaultValue = "42", description = "Fleet seed (${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--fault-rate",
      description = "One rate in [0, 0.5] for every fault kind (default: the simulator's, 1 %).")
  Double faultRate;

  @Option(
      names = "--live-rate",
      defaultValue = "100",
      description = "Live readings per second within an interval (${DEFAULT-VALUE}).")
  double liveRate;

  @Option(
      names = "--ingest-threads",
      description = "Concurrent ingest sessions for the history (default: the number of cores).")
  Integer ingestThreads;

  @Override
  public Integer call() throws InterruptedException {
    Demo.Options options;
    try {
      options =
          new Demo.Options(
              dataDir,
              meters,
              days,
              port,
              seed,
              faultRate == null ? -1 : faultRate,
              liveRate,
              ingestThreads == null ? Runtime.getRuntime().availableProcessors() : ingestThreads);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    PrintStream out = System.out;
    AtomicReference<AutoCloseable> stopper = new AtomicReference<>();
    Runnable stopped = Shutdown.install(stopper, out);
    Instant launched = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    try {
      Demo.start(options, Clock.systemUTC(), out, System.err, launched, stopper);
    } catch (RuntimeException e) {
      System.err.println("gridlens demo: " + e.getMessage());
      stopped.run();
      return 1;
    }
    Shutdown.awaitSignal();
    return 0;
  }
}
