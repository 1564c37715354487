package io.gridlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlens.core.Reading;
import io.gridlens.core.codec.ReadingBatchCodec;
import io.gridlens.core.reference.Meter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archiver killed with SIGKILL in the middle of its work, twice, then restarted: the ledger of
 * readings accepted by Kafka equals the master dataset, counted by (partition, offset, index); no
 * reading lost, none duplicated, and no partial file ever has a data file's name.
 */
class ArchiverCrashTest {

  private static final int METERS = 400;
  private static final int INTERVALS = 1000;
  private static final IngestTopics TOPICS = IngestTopics.withPartitions(4);

  @TempDir static Path data;

  private static EmbeddedKafka kafka;
  private static IngestReport ingested;
  private static final List<String> KILLED_WHILE = new ArrayList<>();
  private static final List<Long> FILES_SEEN_AFTER_KILL = new ArrayList<>();

  @BeforeAll
  static void ingestThenKillTheArchiverTwiceThenRestartIt() throws Exception {
    kafka = EmbeddedKafka.start(data.resolve("kafka"));
    try (Admin admin = Admin.create(kafka.clients().admin())) {
      TOPICS.create(admin);
    }
    List<Meter> meters = new ArrayList<>();
    for (int m = 0; m < METERS; m++) {
      meters.add(TestKit.meter("m" + m, "UTC", 30));
    }
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(kafka.clients().producer("crash-ingest"))) {
      IngestService service =
          new IngestService(
              producer,
              TOPICS,
              TestKit.reference(meters),
              TestKit.CLOCK,
              IngestService.Options.defaults().withMaxReadingsPerRecord(100));
      ingested = service.ingest(readings(), IngestService.Progress.NONE);
    }
    for (int round = 0; round < 2; round++) {
      Process p = startArchiverProcess(round);
      KILLED_WHILE.add(killMidWrite(p, round == 0 ? 0 : 5));
      FILES_SEEN_AFTER_KILL.add((long) new MasterDataset(data).files().size());
    }
    System.out.println(
        "archiver killed while: " + KILLED_WHILE + "; files after kills: " + FILES_SEEN_AFTER_KILL);
    assertCompleteFilesAreReadable();
    TestKit.archiveAll(
        kafka.clients(), TOPICS, data, new Archiver.Options(5000, Duration.ofHours(1)));
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  /** 400 meters x 1000 half-hours, meter by meter in time order, as a sender's file would be. */
  private static Iterator<Reading> readings() {
    Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
    return new Iterator<>() {
      int i;

      @Override
      public boolean hasNext() {
        return i < METERS * INTERVALS;
      }

      @Override
      public Reading next() {
        int m = i % METERS;
        int k = i / METERS;
        i++;
        return TestKit.reading("m" + m, t0.plusSeconds(1800L * k), 30, 50 + (k * 31 + m) % 700);
      }
    };
  }

  private static Process startArchiverProcess(int round) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        List.of(
            java,
            "-Xmx384m",
            "-cp",
            System.getProperty("java.class.path"),
            Archiver.class.getName(),
            "--bootstrap",
            kafka.bootstrapServers(),
            "--data",
            data.toString(),
            "--max-file-readings",
            "5000",
            "--max-file-age",
            "PT1H");
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(data.resolve("archiver-" + round + ".log").toFile())
        .start();
  }

  /**
   * Waits until the child has written {@code minFiles} files and is writing another (a temp file
   * exists), or has written 20 more, and kills it with SIGKILL; says which it was.
   */
  private static String killMidWrite(Process p, int minFiles) throws Exception {
    MasterDataset ds = new MasterDataset(data);
    int before = ds.files().size();
    long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
    String state = "timeout";
    while (System.nanoTime() < deadline && p.isAlive()) {
      if (ds.files().size() >= before + minFiles && hasTempFile()) {
        state = "temp file present";
        break;
      }
      if (ds.files().size() >= before + 20) {
        state = "between files";
        break;
      }
    }
    p.destroyForcibly();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return state;
  }

  private static boolean hasTempFile() throws IOException {
    Path root = data.resolve("master");
    if (!Files.isDirectory(root)) {
      return false;
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.anyMatch(f -> f.getFileName().toString().endsWith(MasterDataset.TEMP_SUFFIX));
    }
  }

  private static void assertCompleteFilesAreReadable() {
    for (MasterDataset.DataFile f : new MasterDataset(data).files()) {
      List<String> n =
          TestKit.query(
              "SELECT count(*) FROM read_parquet("
                  + MasterDataset.quote(f.path().toString())
                  + ")");
      assertThat(Long.parseLong(n.get(0))).isPositive();
    }
  }

  private static String master() {
    return "read_parquet('"
        + data.resolve("master").toAbsolutePath()
        + "/**/*.parquet', hive_partitioning = true)";
  }

  @Test
  void shouldHaveKilledTheArchiverWhileItWasWorking() {
    assertThat(ingested.accepted()).isEqualTo((long) METERS * INTERVALS);
    assertThat(KILLED_WHILE).doesNotContain("timeout");
  }

  @Test
  void shouldArchiveEveryAcceptedReadingExactlyOnceAfterTheCrashes() {
    List<String> counts =
        TestKit.query(
            "SELECT count(*), count(DISTINCT (log_partition, log_offset, record_index)) FROM "
                + master());

    assertThat(counts).containsExactly(ingested.accepted() + "|" + ingested.accepted());
  }

  @Test
  void shouldMatchTheLogRecordByRecord() {
    Map<String, Integer> log = new HashMap<>();
    for (ConsumerRecord<String, ReadingBatchCodec.Batch> r :
        TestKit.readAll(kafka.clients(), TOPICS.readings(), new ReadingBatchDeserializer())) {
      log.put(r.partition() + "@" + r.offset(), r.value().size());
    }
    Map<String, Integer> archived = new HashMap<>();
    for (String row :
        TestKit.query(
            "SELECT log_partition || '@' || log_offset, count(*), max(record_index) + 1 FROM "
                + master()
                + " GROUP BY ALL")) {
      String[] c = row.split("\\|");
      assertThat(c[1]).isEqualTo(c[2]);
      archived.put(c[0], Integer.parseInt(c[1]));
    }

    assertThat(archived).isEqualTo(log);
  }

  @Test
  void shouldLeaveNoTempFileAfterTheRestart() throws IOException {
    assertThat(hasTempFile()).isFalse();
    assertThat(FILES_SEEN_AFTER_KILL.get(1)).isGreaterThanOrEqualTo(FILES_SEEN_AFTER_KILL.get(0));
  }
}
