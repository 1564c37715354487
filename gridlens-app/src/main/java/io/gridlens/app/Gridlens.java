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

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
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
