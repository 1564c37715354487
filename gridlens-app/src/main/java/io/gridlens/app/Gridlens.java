package io.gridlens.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gridlens} command line: one entry point for every role and tool of the platform. */
@Command(
    name = "gridlens",
    mixinStandardHelpOptions = true,
    versionProvider = Gridlens.Version.class,
    description = "Smart-meter insights on a Lambda architecture.",
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      IngestCommand.class,
      SimulateCommand.class,
      BatchCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Gridlens {

  /** The environment variable that selects JSON logs: {@code GRIDLENS_LOG_FORMAT=json}. */
  static final String LOG_FORMAT = "GRIDLENS_LOG_FORMAT";

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    selectLogFormat(System.getenv(LOG_FORMAT));
    System.exit(commandLine().execute(args));
  }

  /**
   * Chooses the logging configuration before the first logger exists: {@code json} gives one JSON
   * object a line (logback-json.xml), anything else the text lines of logback.xml; an explicit
   * {@code -Dlogback.configurationFile} wins.
   *
   * @throws IllegalArgumentException when the format is neither {@code text} nor {@code json}
   */
  static void selectLogFormat(String format) {
    if (format == null || format.isBlank() || format.equalsIgnoreCase("text")) {
      return;
    }
    if (!format.equalsIgnoreCase("json")) {
      throw new IllegalArgumentException(
          LOG_FORMAT + " must be text or json, was '" + format + "'");
    }
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "logback-json.xml");
    }
  }

  /** The command line, for embedding and tests. */
  static CommandLine commandLine() {
    return new CommandLine(new Gridlens()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  /** The version of the running jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Gridlens.class.getPackage().getImplementationVersion();
      return new String[] {"gridlens " + (v == null ? "development build" : v)};
    }
  }
}
