package io.gridlens.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridlens.batch.MasterFiles;
import io.gridlens.core.Cut;
import io.gridlens.core.Reading;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.formats.ReadingFormat;
import io.gridlens.formats.ReadingWriter;
import io.gridlens.formats.WriteOptions;
import io.gridlens.ingest.IngestTopics;
import io.gridlens.ingest.KafkaClients;
import io.gridlens.ingest.ReferenceUpserts;
import io.gridlens.serving.CassandraViewStore;
import io.gridlens.simulator.Delivery;
import io.gridlens.simulator.FaultRates;
import io.gridlens.simulator.Fleet;
import io.gridlens.simulator.FleetSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on real engines, each in processes of its own, answers exactly as the embedded
 * mode does on the same input (issue 9, item 4).
 *
 * <p>Distributed: a Kafka broker ({@link KafkaBroker}), a Cassandra server ({@link CassandraNode}),
 * a Spark standalone master and worker ({@link SparkCluster}), and {@code gridlens.jar} as {@code
 * gridlens run --config} in four processes: ingest + archiver, two speed instances of one
 * application id, the API; the batch is {@code gridlens batch run --config} with {@code
 * spark.master: spark://...} (this process is the Spark driver, the worker's executor scans).
 * Embedded: one {@code gridlens run} process with every role, its in-process broker, RocksDB views
 * and DuckDB batch engine, on another data directory.
 *
 * <p>Both get the same input the same way: the simulated fleet's meters, premises and contracts on
 * the reference topics; its readings (with duplicates, corrections, spikes, gaps, late and
 * out-of-order batches) through {@code gridlens ingest} (the ingest edge) in two parts split on
 * delivery time; a full batch once the archiver holds the first part; then the second part, which
 * the speed layer alone sees. The days endpoint of both APIs must then give the same kWh, status,
 * interval counts, time-of-use split, cost and CO2 for every meter and day; the snapshot (batch
 * version, cut, freshness) is the only part left out.
 */
class DistributedPipelineIT {

  static final long SEED = 11;
  static final int METERS = 16;
  static final int HISTORY_DAYS = 10;
  // The demo data directory's fleet (demo.properties): 10 days of history before the local day of
  // HISTORY_END, simulated 3 days past it. 2025-03-25 .. 2025-04-07 in Europe/Paris crosses the
  // switch to summer time on 2025-03-30 (a 46-interval day).
  static final Instant HISTORY_END = Instant.parse("2025-04-04T10:00:00Z");
  static final LocalDate FIRST_DAY = LocalDate.of(2025, 3, 25);
  static final LocalDate LAST_DAY = LocalDate.of(2025, 4, 7);
  static final double FAULT_RATE = 0.05;
  // Readings delivered before this go in before the batch, the rest after it.
  static final Instant SPLIT = Instant.parse("2025-04-03T00:00:00Z");
  static final LocalDate SPLIT_DAY = LocalDate.of(2025, 4, 3);
  static final int PARTITIONS = 4;
  static final String SPEED_APP = "gridlens-speed-it";

  @TempDir Path tmp;

  final HttpClient http = HttpClient.newHttpClient();
  final ObjectMapper json = new ObjectMapper();
  final List<AutoCloseable> started = new ArrayList<>();
  final List<ChildJvm> jvms = new ArrayList<>();

  @Test
  void shouldAnswerAsTheEmbeddedModeWithEveryEngineInItsOwnProcess() throws Exception {
    long t0 = System.nanoTime();
    Path logs = logs();
    try {
      // 1. The input: a simulated fleet with faults, its readings split on delivery time.
      FleetSpec spec =
          new FleetSpec(
              SEED,
              METERS,
              FIRST_DAY,
              HISTORY_DAYS + 1 + 3,
              FleetSpec.DEFAULT_INTERVAL_MINUTES,
              FleetSpec.DEFAULT_ZONE,
              FleetSpec.DEFAULT_TENANT,
              FaultRates.all(FAULT_RATE));
      assertThat(spec.end()).isEqualTo(LAST_DAY.plusDays(1));
      Fleet fleet = Fleet.of(spec);
      Path before = tmp.resolve("readings-before.csv");
      Path after = tmp.resolve("readings-after.csv");
      Set<String> touchedAfter = new TreeSet<>();
      long[] counts = writeReadings(fleet, before, after, touchedAfter);
      assertThat(counts[0]).as("readings before the split").isGreaterThan(5_000);
      assertThat(counts[1]).as("readings after the split").isGreaterThan(500);

      // 2. The engines, each in its own JVM, started side by side.
      KafkaBroker kafka = track(KafkaBroker.start(tmp.resolve("kafka"), logs));
      jvms.add(kafka.jvm());
      CassandraNode cassandra = track(CassandraNode.launch(tmp.resolve("cassandra"), logs));
      jvms.add(cassandra.jvm());
      SparkCluster spark = track(SparkCluster.launchMaster(tmp.resolve("spark"), logs));
      // The embedded platform meanwhile: every role in one process.
      Path embeddedDir = dataDir("embedded");
      int embeddedPort = ChildJvm.freePort();
      ChildJvm embedded =
          gridlens(
              "embedded",
              "1g",
              "run",
              "--config",
              config(
                      "embedded",
                      "data-dir: " + embeddedDir,
                      "api:",
                      "  port: " + embeddedPort,
                      "kafka:",
                      "  partitions: " + PARTITIONS)
                  .toString());
      IngestTopics topics = IngestTopics.withPartitions(PARTITIONS);
      KafkaClients distributedKafka = new KafkaClients(kafka.bootstrapServers());
      try (Admin admin = Admin.create(distributedKafka.admin())) {
        topics.create(admin);
      }
      upsertReference(distributedKafka, topics, fleet.referenceData());
      cassandra.awaitReady(Duration.ofMinutes(3));
      createSchema(cassandra);
      spark.startWorker(logs, Duration.ofMinutes(2));
      jvms.addAll(spark.jvms());
      System.out.printf(
          "engines up after %.1f s: kafka %s, cassandra %s, spark %s%n",
          seconds(t0), kafka.bootstrapServers(), cassandra.contactPoint(), spark.masterUrl());

      // 3. Gridlens in its distributed roles.
      String clusters =
          String.join(
              "\n",
              "kafka:",
              "  bootstrap-servers: " + kafka.bootstrapServers(),
              "  partitions: " + PARTITIONS,
              "cassandra:",
              "  contact-points: [" + cassandra.contactPoint() + "]",
              "speed:",
              "  application-id: " + SPEED_APP);
      Path master = dataDir("master");
      ChildJvm archiver =
          gridlens(
              "ingest-archiver",
              "512m",
              "run",
              "--config",
              config(
                      "ingest-archiver",
                      "data-dir: " + master,
                      "roles: [ingest, archiver]",
                      clusters)
                  .toString());
      List<ChildJvm> speeds = new ArrayList<>();
      for (int i = 1; i <= 2; i++) {
        speeds.add(
            gridlens(
                "speed-" + i,
                "512m",
                "run",
                "--config",
                config(
                        "speed-" + i,
                        "data-dir: " + dataDir("speed-" + i),
                        "roles: [speed]",
                        clusters)
                    .toString()));
      }
      int apiPort = ChildJvm.freePort();
      ChildJvm api =
          gridlens(
              "api",
              "512m",
              "run",
              "--config",
              config(
                      "api",
                      "data-dir: " + dataDir("api"),
                      "roles: [api]",
                      "api:",
                      "  port: " + apiPort,
                      clusters)
                  .toString());
      for (ChildJvm j : List.of(embedded, archiver, speeds.get(0), speeds.get(1), api)) {
        j.awaitOutput("gridlens: running", Duration.ofMinutes(3));
      }
      KafkaClients embeddedKafka = new KafkaClients(embeddedBroker(embeddedDir));
      upsertReference(embeddedKafka, topics, fleet.referenceData());
      System.out.printf("gridlens processes up after %.1f s%n", seconds(t0));

      // 4. The first part of the readings through the ingest edge, into both.
      List<String> reports =
          ingest(
              before,
              List.of("--bootstrap", kafka.bootstrapServers(), "--partitions", "" + PARTITIONS),
              List.of("--data-dir", embeddedDir.toString()));
      assertThat(reports.get(0)).as("the ingest edge's report").isEqualTo(reports.get(1));
      awaitArchived(distributedKafka, topics, master);
      awaitArchived(embeddedKafka, topics, embeddedDir);
      System.out.printf("first part archived after %.1f s%n", seconds(t0));

      // 5. A full batch over it: on the Spark cluster, and in the embedded process.
      ChildJvm batch =
          sparkDriver(
              spark,
              "batch-spark",
              "batch",
              "run",
              "--full",
              "--config",
              config(
                      "batch",
                      "data-dir: " + master,
                      clusters,
                      "spark:",
                      "  master: " + spark.masterUrl(),
                      "  executor-memory: 640m",
                      "  shuffle-partitions: 4")
                  .toString());
      String published = batch.awaitSuccess(Duration.ofMinutes(4));
      assertThat(published).contains("version 1 published").contains("full run on spark");
      // With a Cassandra store the executors run the core and write the rows; the engine would
      // say so in its log had it fallen back to computing on the driver.
      assertThat(batch.output()).doesNotContain("the core runs on the driver");
      runEmbeddedBatch(embeddedPort);
      System.out.printf("batch 1 published by both after %.1f s%n", seconds(t0));

      // 6. The second part: after the cut, so only the speed layer has it.
      reports =
          ingest(
              after,
              List.of("--bootstrap", kafka.bootstrapServers(), "--partitions", "" + PARTITIONS),
              List.of("--data-dir", embeddedDir.toString()));
      assertThat(reports.get(0)).isEqualTo(reports.get(1));
      awaitSpeed(distributedKafka, topics, SPEED_APP);
      awaitSpeed(embeddedKafka, topics, "gridlens-speed");
      System.out.printf("second part in the speed views after %.1f s%n", seconds(t0));

      // 7. Same answers, every meter, every day.
      Map<String, Integer> statuses = new TreeMap<>();
      int provisional = 0;
      int lateProvisional = 0;
      for (int i = 0; i < METERS; i++) {
        String meter = FleetSpec.meterId(i);
        JsonNode distributed = days(apiPort, meter);
        JsonNode expected = days(embeddedPort, meter);
        assertThat(distributed.size()).as("days of %s", meter).isEqualTo(14);
        assertThat(distributed)
            .as("the days of %s, distributed vs embedded", meter)
            .isEqualTo(expected);
        for (JsonNode d : distributed) {
          String status = d.path("status").asText();
          String day = d.path("date").asText();
          statuses.merge(status, 1, Integer::sum);
          if (status.equals("provisional")) {
            provisional++;
            assertThat(touchedAfter)
                .as("a provisional day has readings after the cut")
                .contains(meter + "/" + day);
            if (LocalDate.parse(day).isBefore(SPLIT_DAY.minusDays(1))) {
              lateProvisional++;
            }
          }
        }
      }
      System.out.printf(
          "%d meters x 14 days equal; statuses %s, %d provisional days before %s; whole test %.1f"
              + " s%n",
          METERS, statuses, lateProvisional, SPLIT_DAY.minusDays(1), seconds(t0));
      assertThat(METERS * 14 - provisional)
          .as("days answered from batch rows")
          .isGreaterThan(METERS * 5);
      assertThat(provisional).as("provisional days (speed rows)").isGreaterThan(METERS);
      assertThat(lateProvisional)
          .as("older days made provisional by late or corrected readings")
          .isPositive();
    } catch (Throwable t) {
      for (ChildJvm j : jvms) {
        System.out.println(j.tail(40));
      }
      throw t;
    } finally {
      for (int i = started.size() - 1; i >= 0; i--) {
        try {
          started.get(i).close();
        } catch (Exception e) {
          System.out.println("stopping " + started.get(i) + " failed: " + e);
        }
      }
    }
  }

  /**
   * Writes the fleet's readings in delivery order, those delivered before {@link #SPLIT} to one
   * file and the rest to the other; collects the meter/day keys the second file touches.
   */
  private static long[] writeReadings(Fleet fleet, Path before, Path after, Set<String> touched)
      throws IOException {
    long[] counts = new long[2];
    try (OutputStream b = Files.newOutputStream(before);
        OutputStream a = Files.newOutputStream(after);
        ReadingWriter wb = ReadingFormat.CSV.writer(b, WriteOptions.defaults());
        ReadingWriter wa = ReadingFormat.CSV.writer(a, WriteOptions.defaults())) {
      for (Delivery d : (Iterable<Delivery>) fleet.deliveries()::iterator) {
        Reading r = d.reading();
        if (d.deliveredAt().isBefore(SPLIT)) {
          wb.write(r);
          counts[0]++;
        } else {
          wa.write(r);
          counts[1]++;
          touched.add(
              r.meterId() + "/" + r.intervalStart().atZone(FleetSpec.DEFAULT_ZONE).toLocalDate());
        }
      }
    }
    return counts;
  }

  /** A data directory with the demo fleet's file, where every process finds weather and carbon. */
  private Path dataDir(String name) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("data-" + name));
    Files.writeString(
        dir.resolve("demo.properties"),
        String.join(
            "\n",
            "seed=" + SEED,
            "meters=" + METERS,
            "days=" + HISTORY_DAYS,
            "fault-rate=" + FAULT_RATE,
            "history-end=" + HISTORY_END.toString().replace(":", "\\:"),
            ""));
    return dir;
  }

  private Path config(String name, String... lines) throws IOException {
    Path f = tmp.resolve(name + ".yaml");
    Files.writeString(f, String.join("\n", lines) + "\n");
    return f;
  }

  /** {@code java -jar gridlens.jar <args>} in a JVM of its own. */
  private ChildJvm gridlens(String name, String heap, String... args) {
    List<String> mainAndArgs = new ArrayList<>(List.of("io.gridlens.app.Gridlens"));
    mainAndArgs.addAll(List.of(args));
    ChildJvm j =
        ChildJvm.start(
            new ChildJvm.Spec(
                name,
                List.of("-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                appJar().toString(),
                mainAndArgs),
            logs());
    jvms.add(j);
    started.add(j);
    return j;
  }

  /**
   * {@code gridlens} as a Spark driver: Spark's jars after gridlens.jar on the classpath, Spark's
   * JVM flags, as an operator runs it with a Spark distribution.
   */
  private ChildJvm sparkDriver(SparkCluster spark, String name, String... args) {
    List<String> options =
        new ArrayList<>(List.of("-Xmx1g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    options.addAll(spark.moduleOptions());
    List<String> mainAndArgs = new ArrayList<>(List.of("io.gridlens.app.Gridlens"));
    mainAndArgs.addAll(List.of(args));
    ChildJvm j =
        ChildJvm.start(
            new ChildJvm.Spec(
                name,
                options,
                appJar() + java.io.File.pathSeparator + spark.jarsGlob(),
                mainAndArgs,
                spark.environment()),
            logs());
    jvms.add(j);
    started.add(j);
    return j;
  }

  /**
   * Runs {@code gridlens ingest FILE --format csv} against the distributed broker and the embedded
   * one at once; returns both reports (standard output less the throughput, which differs).
   */
  private List<String> ingest(Path file, List<String> distributed, List<String> embedded)
      throws InterruptedException {
    List<ChildJvm> runs = new ArrayList<>();
    for (List<String> where : List.of(distributed, embedded)) {
      List<String> args = new ArrayList<>(List.of("ingest", file.toString(), "--format", "csv"));
      args.addAll(where);
      String name =
          "ingest-" + (runs.isEmpty() ? "distributed" : "embedded") + "-" + file.getFileName();
      runs.add(gridlens(name, "384m", args.toArray(String[]::new)));
    }
    List<String> reports = new ArrayList<>();
    for (ChildJvm r : runs) {
      int code = r.awaitExit(Duration.ofMinutes(2));
      // 1: some readings were rejected at the edge (the simulator's faults), which is expected.
      assertThat(code).as("exit code of %s%n%s", r.name(), r.tail(30)).isIn(0, 1);
      String out = r.output();
      reports.add(
          out.lines()
              .filter(l -> l.startsWith(file.toString()))
              .map(l -> l.replaceAll("\\(\\d+ readings/s\\)", ""))
              .reduce("", (x, y) -> x + y + "\n"));
    }
    assertThat(reports.get(0)).as("the ingest report").contains("accepted");
    return reports;
  }

  private static void upsertReference(
      KafkaClients kafka, IngestTopics topics, InMemoryReferenceData reference) {
    try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(kafka.producer("gridlens-it"))) {
      new ReferenceUpserts(p, topics).upsertAll(reference);
    }
  }

  /** The keyspace, made by the operator; the tables, made once by Gridlens's own store. */
  private static void createSchema(CassandraNode cassandra) {
    CqlSession session =
        CqlSession.builder()
            .addContactPoint(cassandra.address())
            .withLocalDatacenter("datacenter1")
            .withConfigLoader(
                DriverConfigLoader.programmaticBuilder()
                    .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(60))
                    .build())
            .build();
    session.execute(
        "CREATE KEYSPACE IF NOT EXISTS gridlens WITH replication ="
            + " {'class': 'SimpleStrategy', 'replication_factor': 1}");
    CassandraViewStore.open(session, "gridlens", true).close();
  }

  /** The address of a running embedded platform's broker (kept in its data directory). */
  private static String embeddedBroker(Path dataDir) throws IOException {
    java.util.Properties p = new java.util.Properties();
    try (var in = Files.newInputStream(dataDir.resolve("kafka/embedded-kafka.properties"))) {
      p.load(in);
    }
    return "localhost:" + p.getProperty("port");
  }

  /** The end offsets of every partition of {@code readings} now. */
  private static Map<Integer, Long> logEnd(KafkaClients kafka, IngestTopics topics) {
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(kafka.assignedConsumer("gridlens-it-end"))) {
      List<TopicPartition> parts = new ArrayList<>();
      for (int p = 0; p < topics.partitions(); p++) {
        parts.add(new TopicPartition(topics.readings(), p));
      }
      Map<Integer, Long> end = new TreeMap<>();
      c.endOffsets(parts, Duration.ofSeconds(30)).forEach((tp, o) -> end.put(tp.partition(), o));
      return end;
    }
  }

  /** Waits until the master dataset of a data directory holds the whole log. */
  private static void awaitArchived(KafkaClients kafka, IngestTopics topics, Path dataDir)
      throws InterruptedException {
    Map<Integer, Long> end = logEnd(kafka, topics);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (true) {
      Cut onDisk = MasterFiles.cutOnDisk(dataDir);
      if (end.entrySet().stream().allMatch(e -> onDisk.offset(e.getKey()) >= e.getValue())) {
        return;
      }
      assertThat(System.nanoTime())
          .as("the archiver of %s reaches %s; on disk %s", dataDir, end, onDisk.offsets())
          .isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  /** Waits until a speed layer's consumer group has processed the whole log. */
  private static void awaitSpeed(KafkaClients kafka, IngestTopics topics, String applicationId)
      throws Exception {
    Map<Integer, Long> end = logEnd(kafka, topics);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    try (Admin admin = Admin.create(kafka.admin())) {
      while (true) {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
        Map<Integer, Long> done = new HashMap<>();
        committed.forEach(
            (tp, o) -> {
              if (tp.topic().equals(topics.readings()) && o != null) {
                done.put(tp.partition(), o.offset());
              }
            });
        if (end.entrySet().stream()
            .allMatch(e -> done.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
          return;
        }
        assertThat(System.nanoTime())
            .as("speed layer %s reaches %s; committed %s", applicationId, end, done)
            .isLessThan(deadline);
        Thread.sleep(200);
      }
    }
  }

  /** POST /api/v1/batch/runs?mode=full on the embedded platform, then waits for it to publish. */
  private void runEmbeddedBatch(int port) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri(port, "/api/v1/batch/runs?mode=full"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("batch run: %s", r.body()).isEqualTo(202);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (true) {
      JsonNode s = get(port, "/api/v1/batch/status");
      String state = s.path("state").asText();
      assertThat(state).as("embedded batch status %s", s).isNotEqualTo("failed");
      if (state.equals("succeeded")) {
        return;
      }
      assertThat(System.nanoTime()).as("embedded batch status %s", s).isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  /** The days of a meter over the whole window: the answer's {@code days}, snapshot left out. */
  private JsonNode days(int port, String meter) throws Exception {
    return get(port, "/api/v1/meters/" + meter + "/days?from=" + FIRST_DAY + "&to=" + LAST_DAY)
        .path("days");
  }

  private JsonNode get(int port, String path) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri(port, path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
    return json.readTree(r.body());
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private <T extends AutoCloseable> T track(T c) {
    started.add(c);
    return c;
  }

  private static Path appJar() {
    return ChildJvm.requiredFile(
        "gridlens.appJar", "package gridlens-app first (mvn verify builds it before this module)");
  }

  private Path logs() {
    String p = System.getProperty("gridlens.itLogs");
    return p == null ? tmp.resolve("logs") : Path.of(p);
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
