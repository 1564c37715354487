package io.gridlens.speed;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlens.core.Cut;
import io.gridlens.core.IngestPosition;
import io.gridlens.core.MeterDayKey;
import io.gridlens.core.Reading;
import io.gridlens.core.reference.ReferenceData;
import io.gridlens.core.view.BatchVersion;
import io.gridlens.core.view.TypedViewStore;
import io.gridlens.core.view.ViewRow;
import io.gridlens.ingest.EmbeddedKafka;
import io.gridlens.ingest.IngestTopics;
import io.gridlens.serving.RocksDbViewStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consistency property of DESIGN.md section 5 end to end, on a real broker: a random reading
 * stream (duplicates, corrections, late and out-of-order readings) is produced to {@code readings}
 * (4 partitions); a batch is computed by the core functions on the readings below a random cut and
 * published; the speed layer consumes the log; the blended answer equals the batch of all readings
 * for every meter and day. Several cuts, and a cut published while the speed layer runs (rebase).
 */
class SpeedConsistencyTest {

  private static final int PARTITIONS = 4;
  private static final List<String> METERS = ReadingStream.meters(12);
  private static final LocalDate FIRST = LocalDate.of(2026, 3, 27); // the 29th has 46 slots
  private static final int DAYS = 4;
  private static final ReferenceData REF = SpeedFixtures.reference(METERS);

  @TempDir static Path tmp;

  private static EmbeddedKafka kafka;
  private static Admin admin;
  private static ReadingStream stream;
  private static Map<Integer, Long> ends;

  @BeforeAll
  static void produceTheStream() {
    kafka = EmbeddedKafka.start(tmp.resolve("kafka"));
    admin = Admin.create(kafka.clients().admin());
    IngestTopics.withPartitions(PARTITIONS).create(admin);
    stream = ReadingStream.random(7, METERS, FIRST, DAYS, 40);
    try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(kafka.clients().producer("test"))) {
      stream.produce(p, "readings", 0, stream.records().size());
    }
    ends = SpeedChecks.endOffsets(admin, "readings", PARTITIONS);
  }

  @AfterAll
  static void stopKafka() {
    admin.close();
    kafka.close();
  }

  private static Cut randomCut(Random rnd) {
    long[] pairs = new long[PARTITIONS * 2];
    for (int p = 0; p < PARTITIONS; p++) {
      pairs[2 * p] = p;
      pairs[2 * p + 1] = (long) (rnd.nextDouble() * (ends.get(p) + 1));
    }
    return Cut.of(pairs);
  }

  private static List<Reading> below(Cut cut) {
    return stream.ingested().stream().filter(r -> cut.contains(r.position())).toList();
  }

  private static Map<MeterDayKey, ViewRow> batchOfAll() {
    return SpeedFixtures.batch(stream.ingested(), REF);
  }

  private static void publish(TypedViewStore views, long version, Cut cut) {
    views.putBatch(version, SpeedFixtures.batch(below(cut), REF).values());
    views.publish(new BatchVersion(version, cut, Instant.now()));
  }

  private static SpeedLayer speed(String appId, RocksDbViewStore views) {
    SpeedConfig cfg =
        SpeedConfig.embedded(tmp.resolve(appId), kafka.bootstrapServers())
            .withApplicationId(appId)
            .withRebaseInterval(Duration.ofMillis(200));
    return SpeedLayer.create(cfg, REF, views, Clock.systemUTC());
  }

  @Test
  void shouldBlendToTheBatchOfAllReadingsAtRandomCuts() {
    Random rnd = new Random(11);
    Cut[] cuts = {
      Cut.EMPTY,
      randomCut(rnd),
      randomCut(rnd),
      Cut.of(0, ends.get(0), 1, ends.get(1), 2, ends.get(2), 3, ends.get(3))
    };
    for (int i = 0; i < cuts.length; i++) {
      Cut cut = cuts[i];
      String app = "consistency-" + i;
      try (TypedViewStore views =
          new TypedViewStore(RocksDbViewStore.open(tmp.resolve("views-" + i)))) {
        if (!cut.offsets().isEmpty()) {
          publish(views, 1, cut);
        }
        try (SpeedLayer layer = speed(app, (RocksDbViewStore) views.bytes())) {
          layer.start();
          SpeedChecks.await(
              "speed layer " + app + " to consume the log",
              Duration.ofSeconds(60),
              () -> SpeedChecks.caughtUp(admin, app, "readings", PARTITIONS));
          SpeedChecks.assertBlendedEqualsBatchOfAll(
              views, batchOfAll(), METERS, FIRST, FIRST.plusDays(DAYS - 1));
          long below = stream.records().size() - layer.metrics().records();
          assertThat(layer.metrics().recordsBelowCut())
              .as("records below %s", cut)
              .isEqualTo(below);
          // Idle and caught up: every partition the layer applied records of is complete up to a
          // read of the log's end made after this instant, later than any record of the stream.
          Instant idleSince = Instant.now();
          SpeedChecks.await(
              "progress of " + app + " complete up to after " + idleSince,
              Duration.ofSeconds(30),
              () ->
                  !views.speedProgress().isEmpty()
                      && views.speedProgress().stream()
                          .allMatch(p -> p.completeUpTo().isAfter(idleSince)));
        }
      }
    }
  }

  @Test
  void shouldStayExactWhenABatchIsPublishedWhileTheSpeedLayerRuns() {
    Random rnd = new Random(23);
    Cut first = randomCut(rnd);
    Map<Integer, Long> later = new HashMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      long lo = first.offset(p);
      later.put(p, lo + (long) (rnd.nextDouble() * (ends.get(p) - lo + 1)));
    }
    Cut second = new Cut(later);
    String app = "consistency-rebase";
    try (TypedViewStore views =
        new TypedViewStore(RocksDbViewStore.open(tmp.resolve("views-rebase")))) {
      publish(views, 1, first);
      try (SpeedLayer layer = speed(app, (RocksDbViewStore) views.bytes())) {
        layer.start();
        SpeedChecks.await(
            "speed layer to consume the log",
            Duration.ofSeconds(60),
            () -> SpeedChecks.caughtUp(admin, app, "readings", PARTITIONS));
        SpeedChecks.assertBlendedEqualsBatchOfAll(
            views, batchOfAll(), METERS, FIRST, FIRST.plusDays(DAYS - 1));

        long rebases = layer.metrics().rebases();
        publish(views, 2, second);
        SpeedChecks.await(
            "every task to rebase on version 2",
            Duration.ofSeconds(30),
            () -> layer.metrics().rebases() >= rebases + PARTITIONS);

        SpeedChecks.assertBlendedEqualsBatchOfAll(
            views, batchOfAll(), METERS, FIRST, FIRST.plusDays(DAYS - 1));
        // A day whose readings are all below the new cut has no speed row any more.
        for (Map.Entry<MeterDayKey, ViewRow> e : batchOfAll().entrySet()) {
          MeterDayKey k = e.getKey();
          List<ViewRow> speedRows =
              views.readSpeed(
                  new io.gridlens.core.view.DayRange(k.meterId(), k.channel(), k.date(), k.date()));
          boolean absorbed = second.contains(e.getValue().maxPosition());
          assertThat(speedRows.isEmpty())
              .as("speed row of %s gone iff absorbed", k)
              .isEqualTo(absorbed || !touchedAfter(k, first));
        }
      }
    }
  }

  /** Whether a day has a reading at or after a cut (so the speed layer kept it). */
  private static boolean touchedAfter(MeterDayKey k, Cut cut) {
    return stream.ingested().stream()
        .anyMatch(
            r ->
                r.meterId().equals(k.meterId())
                    && LocalDate.ofInstant(r.intervalStart(), SpeedFixtures.PARIS).equals(k.date())
                    && !cut.contains(r.position()));
  }

  static long offsetOf(long packed) {
    return IngestPosition.offsetOf(packed);
  }
}
