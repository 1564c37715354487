package io.gridlens.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Argument errors of the commands: exit code 2 and a message that names the fault. */
class CommandLineTest {

  @TempDir Path dir;

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Gridlens.commandLine();
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    return cli.execute(args);
  }

  @Test
  void shouldRefuseADemoWithoutMeters() {
    assertThat(run("demo", "--meters", "0", "--data-dir", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--meters must be in 1..1000000, was 0");
  }

  @Test
  void shouldRefuseDaysThatAreNotANumber() {
    assertThat(run("demo", "--days", "ninety")).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid value for option '--days'").contains("ninety");
  }

  @Test
  void shouldAskForTheConfigFileOfRun() {
    assertThat(run("run")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option: '--config=<config>'");
  }

  @Test
  void shouldSayAMissingConfigFileDoesNotExist() {
    Path missing = dir.resolve("nope.yaml");

    assertThat(run("run", "--config", missing.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("configuration file " + missing + " does not exist");
  }

  @Test
  void shouldNameTheUnknownKeyOfAConfigFile() throws Exception {
    Path file = dir.resolve("gridlens.yaml");
    Files.writeString(file, "kafka:\n  bootstrap-server: k1:9092\n");

    assertThat(run("run", "--config", file.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains(file + ": unknown key 'kafka.bootstrap-server'; known: kafka.bootstrap-servers");
  }

  @Test
  void shouldAskForTheFilesToIngest() {
    assertThat(run("ingest", "--format", "csv")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required parameter: 'FILE'");
  }

  @Test
  void shouldRefuseAnUnknownIngestFormatNamingTheKnownOnes() throws Exception {
    Path f = Files.writeString(dir.resolve("r.csv"), "");

    assertThat(run("ingest", f.toString(), "--format", "xlsx")).isEqualTo(2);
    assertThat(err.toString()).contains("unknown format 'xlsx'").contains("csv, jsonl");
  }

  @Test
  void shouldSayWhereToFindKafkaWhenNoBrokerRuns() throws Exception {
    Path f = Files.writeString(dir.resolve("r.csv"), "");

    int code =
        run("ingest", f.toString(), "--format", "csv", "--data-dir", dir.resolve("d").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("no --bootstrap and no embedded broker in")
        .contains("--bootstrap host:port");
  }

  @Test
  void shouldRefuseBatchStatusOfAMissingDataDirectory() {
    Path missing = dir.resolve("none");

    assertThat(run("batch", "status", "--data-dir", missing.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no data directory " + missing);
  }

  @Test
  void shouldRefuseAnUnknownBatchAction() {
    assertThat(run("batch", "frobnicate")).isEqualTo(2);
    assertThat(err.toString()).contains("Unmatched argument").contains("frobnicate");
  }

  @Test
  void shouldRefuseABatchRunGivenBothAConfigFileAndADataDirectory() throws Exception {
    Path file = Files.writeString(dir.resolve("gridlens.yaml"), "data-dir: " + dir + "\n");

    int code = run("batch", "run", "--config", file.toString(), "--data-dir", dir.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--config names the data directory and Kafka itself");
  }

  @Test
  void shouldRefuseABatchRunOnSparkWithoutAMaster() throws Exception {
    Path file = Files.writeString(dir.resolve("gridlens.yaml"), "batch:\n  engine: spark\n");

    assertThat(run("batch", "run", "--config", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("batch.engine is spark but spark.master is not set");
  }
}
