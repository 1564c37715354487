package io.gridlens.app;

import io.gridlens.formats.ReadingFormat;
import io.gridlens.ingest.IngestCommandLine;
import io.gridlens.ingest.IngestTopics;
import io.gridlens.ingest.KafkaClients;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gridlens ingest FILE... --format F [--bootstrap host:port]}: streams files through the
 * ingest edge into Kafka (the ingest module's command line, with picocli's checks and help).
 * Without {@code --bootstrap} it finds the running embedded broker of {@code --data-dir}.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Validates readings of files and logs them to Kafka; rejects go to the deadletter topic.",
      "The meters must be known (upserted through PUT /api/v1/meters/{id}, or by the demo).",
      "Exit code 0 when every record was logged, 1 when some were rejected or failed."
    })
final class IngestCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to ingest.")
  List<Path> files;

  @Option(
      names = "--format",
      required = true,
      description = "csv, jsonl, greenbutton, enedis, lcl or eemeter.")
  String format;

  @Option(
      names = "--bootstrap",
      description = "Kafka bootstrap servers (default: the embedded broker of --data-dir).")
  String bootstrap;

  @Option(
      names = "--data-dir",
      defaultValue = "gridlens-data",
      description = "Data directory of a running embedded platform (${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--partitions",
      defaultValue = "" + IngestTopics.DEFAULT_PARTITIONS,
      description = "Partitions of readings when the topics are created (${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--meter-id",
      description = "Meter id for formats whose files do not name it (eemeter).")
  String meterId;

  @Override
  public Integer call() throws Exception {
    try {
      ReadingFormat.byName(format);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--format: " + e.getMessage(), e);
    }
    for (Path f : files) {
      if (!Files.isReadable(f)) {
        throw new ParameterException(spec.commandLine(), "cannot read file " + f);
      }
    }
    if (partitions < 1 || partitions > 4096) {
      throw new ParameterException(
          spec.commandLine(), "--partitions must be in 1..4096, was " + partitions);
    }
    String servers = bootstrap != null ? checked(bootstrap) : embeddedBroker();
    List<String> args = new ArrayList<>();
    files.forEach(f -> args.add(f.toString()));
    args.addAll(
        List.of(
            "--format",
            format,
            "--bootstrap",
            servers,
            "--partitions",
            Integer.toString(partitions)));
    if (meterId != null) {
      args.addAll(List.of("--meter-id", meterId));
    }
    return IngestCommandLine.run(args.toArray(String[]::new), System.out, System.err);
  }

  private String checked(String servers) {
    try {
      return new KafkaClients(servers).bootstrapServers();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--bootstrap: " + e.getMessage(), e);
    }
  }

  /** The address of the embedded broker running on the data directory. */
  private String embeddedBroker() {
    Path ports = dataDir.resolve("kafka").resolve("embedded-kafka.properties");
    String hint =
        "; start `gridlens demo` (or `gridlens run`) on it, or pass --bootstrap host:port";
    if (!Files.exists(ports)) {
      throw new ParameterException(
          spec.commandLine(), "no --bootstrap and no embedded broker in " + dataDir + hint);
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(ports)) {
      p.load(in);
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "cannot read " + ports + ": " + e);
    }
    int port = Integer.parseInt(p.getProperty("port", "0"));
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("localhost", port), 1000);
    } catch (IOException e) {
      throw new ParameterException(
          spec.commandLine(),
          "the embedded broker of " + dataDir + " (localhost:" + port + ") is not running" + hint);
    }
    return "localhost:" + port;
  }
}
