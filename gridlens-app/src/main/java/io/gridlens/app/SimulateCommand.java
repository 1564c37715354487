package io.gridlens.app;

import io.gridlens.simulator.SimulatorRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gridlens simulate}: writes a seeded synthetic fleet's readings in a format. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Simulates a fleet of households and writes their readings, with faults, in delivery order.",
      "Also writes households.csv with each home's hidden parameters (the ground truth)."
    })
final class SimulateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--meters",
      defaultValue = "100",
      description = "Number of meters (${DEFAULT-VALUE}).")
  int meters;

  @Option(
      names = "--days",
      defaultValue = "30",
      description = "Days of history (${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--interval",
      defaultValue = "30",
      description = "Interval length in minutes: 5, 10, 15, 30 or 60 (${DEFAULT-VALUE}).")
  int interval;

  @Option(
      names = "--format",
      defaultValue = "csv",
      description = "csv, jsonl, greenbutton, enedis or binary (${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--out",
      defaultValue = "simulated",
      description = "Output folder (${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--start",
      defaultValue = "2025-01-01",
      description = "First local date (${DEFAULT-VALUE}).")
  String start;

  @Option(
      names = "--zone",
      defaultValue = "Europe/Paris",
      description = "Meters' time zone (${DEFAULT-VALUE}).")
  String zone;

  @Option(names = "--tenant", defaultValue = "t1", description = "Tenant id (${DEFAULT-VALUE}).")
  String tenant;

  @Option(
      names = "--fault-rate",
      description = "One rate in [0, 0.5] for every fault kind (default: 1 % each).")
  String faultRate;

  @Option(names = "--threads", description = "Generator threads (default: the number of cores).")
  Integer threads;

  @Override
  public Integer call() {
    SimulatorRunner.Options options;
    try {
      options =
          SimulatorRunner.options(
              meters,
              days,
              interval,
              format,
              out,
              seed,
              start,
              zone,
              tenant,
              faultRate,
              threads == null ? Runtime.getRuntime().availableProcessors() : threads);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    return new SimulatorRunner(System.out, System.err, Clock.systemUTC()).run(options);
  }
}
