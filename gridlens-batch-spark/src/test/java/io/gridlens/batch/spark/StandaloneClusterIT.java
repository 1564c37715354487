package io.gridlens.batch.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlens.batch.BatchMode;
import io.gridlens.batch.BatchProgress;
import io.gridlens.batch.BatchRunner;
import io.gridlens.batch.BatchSettings;
import io.gridlens.batch.DuckDbEngine;
import io.gridlens.batch.MasterDatasetWriter;
import io.gridlens.batch.MasterFiles;
import io.gridlens.core.Channel;
import io.gridlens.core.insight.CohortConfig;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.core.view.DayRange;
import io.gridlens.core.view.StoredRow;
import io.gridlens.core.view.SummaryCodec;
import io.gridlens.serving.RocksDbViewStore;
import io.gridlens.simulator.FaultRates;
import io.gridlens.simulator.Fleet;
import io.gridlens.simulator.FleetSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar on a real Spark standalone cluster: a master and a worker started as separate JVMs
 * from the same Spark artifacts (a Spark home whose {@code jars/} links the module's Spark
 * classpath, as a distribution lays it out), the job submitted with {@code spark-submit}'s class
 * ({@code org.apache.spark.deploy.SparkSubmit}) in client mode, full then incremental; the view it
 * publishes equals the embedded engine's.
 *
 * <p>Runs under Failsafe after {@code package} (it needs the job jar): {@code mvn verify}.
 */
class StandaloneClusterIT {

  static final int METERS = 12;
  static final long SEED = 5;
  static final LocalDate START = LocalDate.of(2026, 1, 1);
  static final int DAYS = 100;

  @TempDir static Path tmp;
  static Path sparkHome;
  static int masterPort;
  static Process master;
  static Process worker;

  @BeforeAll
  static void startAMasterAndAWorker() throws Exception {
    long t0 = System.nanoTime();
    sparkHome = tmp.resolve("spark-home");
    Path jars = Files.createDirectories(sparkHome.resolve("jars"));
    String cp = Files.readString(Path.of(System.getProperty("gridlens.sparkClasspath"))).trim();
    for (String entry : cp.split(java.io.File.pathSeparator)) {
      Path jar = Path.of(entry);
      if (entry.endsWith(".jar") && Files.isRegularFile(jar)) {
        Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
      }
    }
    // Should the test JVM die before @AfterAll, the cluster JVMs it started go with it.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (Process p : new Process[] {worker, master}) {
                    if (p != null && p.isAlive()) {
                      p.destroyForcibly();
                    }
                  }
                }));
    masterPort = freePort();
    master =
        start(
            "master",
            List.of(
                "org.apache.spark.deploy.master.Master",
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(masterPort),
                "--webui-port",
                String.valueOf(freePort())),
            "512m");
    awaitPort(masterPort, master, "master");
    worker =
        start(
            "worker",
            List.of(
                "org.apache.spark.deploy.worker.Worker",
                "--host",
                "127.0.0.1",
                "--cores",
                "2",
                "--memory",
                "1g",
                "--webui-port",
                String.valueOf(freePort()),
                "--work-dir",
                log("work").toString(),
                "spark://127.0.0.1:" + masterPort),
            "512m");
    awaitLog("worker", worker, "Successfully registered with master");
    System.out.printf("master and worker up in %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  @AfterAll
  static void stopTheCluster() throws Exception {
    for (Process p : new Process[] {worker, master}) {
      if (p != null) {
        p.destroy();
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    }
  }

  @Test
  void shouldPublishTheEmbeddedEnginesViewFromTheJobJarSubmittedToTheCluster() throws Exception {
    FleetSpec spec = FleetSpec.of(SEED, METERS, START, DAYS).withFaults(FaultRates.DEFAULT);
    Fleet fleet = Fleet.of(spec);
    InMemoryReferenceData ref = fleet.referenceData();
    MasterDatasetWriter.Arrivals arrivals =
        MasterDatasetWriter.Arrivals.of(fleet, START.plusDays(DAYS - 4));
    Path data = tmp.resolve("data");
    Path views = tmp.resolve("views-spark");
    String reference = "reference=fleet:" + SEED + ":" + METERS + ":" + START + ":" + DAYS;
    try (MasterDatasetWriter w = new MasterDatasetWriter(data, 2)) {
      w.log(arrivals.before());
      assertThat(submit("full", data, views, reference + ":default"))
          .contains("published version 1 (FULL, engine spark)");
      w.log(arrivals.rest());
    }
    assertThat(submit("incremental", data, views, reference + ":default"))
        .contains("published version 2 (INCREMENTAL, engine spark)");

    BatchSettings settings = BatchSettings.DEFAULT.withCohorts(CohortConfig.DEFAULT.withMinSize(1));
    try (DuckDbEngine embedded =
            DuckDbEngine.open(data, new DuckDbEngine.Settings("512MB", 1, 100_000));
        RocksDbViewStore expected = RocksDbViewStore.open(tmp.resolve("views-embedded"));
        RocksDbViewStore actual = RocksDbViewStore.open(views)) {
      new BatchRunner(embedded, expected, ref, settings, Clock.systemUTC())
          .run(BatchMode.FULL, MasterFiles.cutOnDisk(data), BatchProgress.Listener.NONE);
      assertThat(actual.pointer().orElseThrow().current().cut())
          .isEqualTo(MasterFiles.cutOnDisk(data));
      long rows = 0;
      for (int i = 0; i < METERS; i++) {
        String id = FleetSpec.meterId(i);
        for (Channel c : Channel.values()) {
          DayRange range = new DayRange(id, c, START.minusDays(2), START.plusDays(DAYS + 2));
          List<StoredRow> want = expected.readBatch(1, range);
          assertThat(actual.readBatch(2, range)).as("rows of %s/%s", id, c).isEqualTo(want);
          rows += want.size();
        }
        assertThat(actual.readSummaries(2, SummaryCodec.meterPartition(id)))
            .isEqualTo(expected.readSummaries(1, SummaryCodec.meterPartition(id)));
      }
      assertThat(rows).isGreaterThanOrEqualTo((long) METERS * DAYS);
      assertThat(actual.readSummaries(2, SummaryCodec.cohortPartition("t1")))
          .isNotEmpty()
          .isEqualTo(expected.readSummaries(1, SummaryCodec.cohortPartition("t1")));
    }
  }

  /** spark-submit of the job jar in client mode; returns its standard output. */
  static String submit(String mode, Path data, Path views, String reference) throws Exception {
    long t0 = System.nanoTime();
    Path jobJar = Path.of(System.getProperty("gridlens.jobJar"));
    assertThat(jobJar).as("the job jar (mvn package builds it)").isRegularFile();
    Process p =
        start(
            "submit-" + mode,
            List.of(
                "org.apache.spark.deploy.SparkSubmit",
                "--master",
                "spark://127.0.0.1:" + masterPort,
                "--deploy-mode",
                "client",
                "--class",
                "io.gridlens.batch.spark.SparkBatchMain",
                "--conf",
                "spark.ui.enabled=false",
                "--conf",
                "spark.driver.host=127.0.0.1",
                "--conf",
                "spark.driver.bindAddress=127.0.0.1",
                "--conf",
                "spark.executor.memory=768m",
                "--conf",
                "spark.cores.max=2",
                jobJar.toString(),
                data.toString(),
                "rocksdb:" + views,
                mode,
                reference,
                "cohorts.minSize=1",
                "spark.sql.shuffle.partitions=4"),
            "1g");
    boolean ended = p.waitFor(4, TimeUnit.MINUTES);
    if (!ended) {
      p.destroyForcibly();
    }
    String out = Files.readString(log("submit-" + mode + ".out"));
    System.out.printf("spark-submit %s: %.1f s, %s", mode, (System.nanoTime() - t0) / 1e9, out);
    assertThat(ended && p.exitValue() == 0)
        .as("spark-submit %s ended with 0; stderr tail:%n%s", mode, tail("submit-" + mode))
        .isTrue();
    return out;
  }

  /** A Spark JVM: the module options of Spark's launcher, the Spark home's jars, output to logs. */
  static Process start(String name, List<String> mainAndArgs, String heap) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + heap);
    cmd.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
    cmd.add("-cp");
    cmd.add(sparkHome.resolve("jars") + "/*");
    cmd.addAll(mainAndArgs);
    ProcessBuilder b = new ProcessBuilder(cmd);
    b.environment().put("SPARK_HOME", sparkHome.toString());
    b.environment().put("SPARK_SCALA_VERSION", "2.13");
    b.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    b.redirectOutput(log(name + ".out").toFile());
    b.redirectError(log(name + ".err").toFile());
    return b.start();
  }

  /** Logs of the child JVMs: in the build folder (kept for a look after a failure). */
  static Path log(String file) {
    Path dir = Path.of(System.getProperty("gridlens.itLogs", tmp.resolve("logs").toString()));
    try {
      return Files.createDirectories(dir).resolve(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String tail(String name) throws IOException {
    List<String> lines = Files.readAllLines(log(name + ".err"));
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void awaitPort(int port, Process p, String name) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      assertThat(p.isAlive()).as("%s is running; stderr:%n%s", name, tail(name)).isTrue();
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new AssertionError(name + " did not open port " + port + "; stderr:\n" + tail(name));
  }

  static void awaitLog(String name, Process p, String line) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      assertThat(p.isAlive()).as("%s is running; stderr:%n%s", name, tail(name)).isTrue();
      if (Files.readString(log(name + ".err")).contains(line)
          || Files.readString(log(name + ".out")).contains(line)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(name + " did not log '" + line + "'; stderr:\n" + tail(name));
  }
}
