package io.gridlens.speed;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlens.core.Cut;
import io.gridlens.core.reference.ReferenceData;
import io.gridlens.core.view.BatchVersion;
import io.gridlens.core.view.TypedViewStore;
import io.gridlens.ingest.EmbeddedKafka;
import io.gridlens.ingest.IngestTopics;
import io.gridlens.serving.RocksDbViewStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability of DESIGN.md section 15 for the speed layer, on a real broker: an instance in its own
 * JVM is killed with SIGKILL in the middle of the stream; two new instances (fresh local state, so
 * every task is restored from its changelog) take over, one of them leaves again (rebalance); in
 * the end no reading is lost or counted twice: blended == batch of all readings.
 */
class SpeedRestartTest {

  private static final int PARTITIONS = 4;
  private static final List<String> METERS = ReadingStream.meters(12);
  private static final LocalDate FIRST = LocalDate.of(2026, 1, 10);
  private static final int DAYS = 3;
  private static final ReferenceData REF = SpeedFixtures.reference(METERS);
  private static final String APP = "speed-restart";

  @TempDir static Path tmp;

  private static EmbeddedKafka kafka;
  private static Admin admin;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.start(tmp.resolve("kafka"));
    admin = Admin.create(kafka.clients().admin());
    IngestTopics.withPartitions(PARTITIONS).create(admin);
  }

  @AfterAll
  static void stopKafka() {
    admin.close();
    kafka.close();
  }

  private static SpeedLayer instance(String name, RocksDbViewStore views) {
    SpeedConfig cfg =
        SpeedConfig.embedded(tmp.resolve(name), kafka.bootstrapServers())
            .withApplicationId(APP)
            .withRebaseInterval(Duration.ofMillis(200))
            .withStreamsOverrides(Map.of("consumer.session.timeout.ms", "6000"));
    return SpeedLayer.create(cfg, REF, views, Clock.systemUTC());
  }

  @Test
  void shouldLoseAndDoubleCountNothingWhenAnInstanceIsKilledAndTasksMove() throws Exception {
    ReadingStream stream = ReadingStream.random(31, METERS, FIRST, DAYS, 60);
    int n = stream.records().size();
    Path viewsDir = tmp.resolve("views");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(kafka.clients().producer("restart-test"))) {
      // Part 1, and a batch of it published.
      stream.produce(producer, "readings", 0, n * 3 / 10);
      Map<Integer, Long> ends = SpeedChecks.endOffsets(admin, "readings", PARTITIONS);
      try (TypedViewStore views = new TypedViewStore(RocksDbViewStore.open(viewsDir))) {
        Cut cut = new Cut(ends);
        views.putBatch(
            1,
            SpeedFixtures.batch(
                    stream.ingested().stream().filter(r -> cut.contains(r.position())).toList(),
                    REF)
                .values());
        views.publish(new BatchVersion(1, cut, Instant.now()));
      }

      // Part 2 while an instance in its own JVM consumes; then SIGKILL, mid-stream.
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx384m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  SpeedInstanceMain.class.getName(),
                  kafka.bootstrapServers(),
                  APP,
                  tmp.resolve("child").toString(),
                  viewsDir.toString(),
                  Integer.toString(METERS.size()))
              .redirectErrorStream(true)
              .start();
      try {
        BufferedReader out =
            new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.equals("RUNNING")) {
          // Kafka's warnings; wait for the instance to run.
        }
        assertThat(line).as("child instance output").isEqualTo("RUNNING");
        Thread drain = new Thread(() -> out.lines().forEach(l -> {}));
        drain.setDaemon(true);
        drain.start();
        for (int i = n * 3 / 10; i < n * 7 / 10; i += 20) {
          stream.produce(producer, "readings", i, Math.min(i + 20, n * 7 / 10));
          Thread.sleep(20);
        }
      } finally {
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }

      // Two fresh instances take over (state restored from the changelogs); part 3; one leaves.
      try (TypedViewStore views = new TypedViewStore(RocksDbViewStore.open(viewsDir))) {
        RocksDbViewStore bytes = (RocksDbViewStore) views.bytes();
        try (SpeedLayer a = instance("a", bytes)) {
          a.start();
          try (SpeedLayer b = instance("b", bytes)) {
            b.start();
            stream.produce(producer, "readings", n * 7 / 10, n * 85 / 100);
            SpeedChecks.await(
                "the instances to catch up",
                Duration.ofSeconds(90),
                () -> SpeedChecks.caughtUp(admin, APP, "readings", PARTITIONS));
          }
          stream.produce(producer, "readings", n * 85 / 100, n);
          SpeedChecks.await(
              "the remaining instance to catch up",
              Duration.ofSeconds(90),
              () -> SpeedChecks.caughtUp(admin, APP, "readings", PARTITIONS));
        }
        SpeedChecks.assertBlendedEqualsBatchOfAll(
            views,
            SpeedFixtures.batch(stream.ingested(), REF),
            METERS,
            FIRST,
            FIRST.plusDays(DAYS - 1));
      }
    }
  }
}
