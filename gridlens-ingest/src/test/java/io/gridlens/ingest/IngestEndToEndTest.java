package io.gridlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlens.core.Channel;
import io.gridlens.core.Quality;
import io.gridlens.core.Reading;
import io.gridlens.core.ValueKind;
import io.gridlens.core.codec.ReadingBatchCodec;
import io.gridlens.core.reference.CarbonIntensity;
import io.gridlens.core.reference.Contract;
import io.gridlens.core.reference.DwellingType;
import io.gridlens.core.reference.HeatingEnergy;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.reference.Period;
import io.gridlens.core.reference.Premise;
import io.gridlens.core.reference.TariffKind;
import io.gridlens.core.reference.Validity;
import io.gridlens.formats.ErrorPolicy;
import io.gridlens.formats.ReadOptions;
import io.gridlens.formats.ReadingFormat;
import io.gridlens.formats.ReadingReader;
import io.gridlens.formats.ReadingWriter;
import io.gridlens.formats.WriteOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files of every format through the ingest service into the real in-process broker, then through
 * the archiver into the master dataset: every accepted reading is there exactly once, every
 * rejected record is in {@code deadletter} with its reason.
 */
class IngestEndToEndTest {

  private static final Instant JAN = Instant.parse("2024-01-01T00:00:00Z");
  private static final String GREEN_BUTTON_METER = "RetailCustomer/2/UsagePoint/2";

  @TempDir static Path data;

  private static EmbeddedKafka kafka;
  private static final IngestTopics TOPICS = IngestTopics.withPartitions(4);
  private static final Map<String, IngestReport> REPORTS = new LinkedHashMap<>();
  private static final List<Reading> EXPECTED = new ArrayList<>();
  private static Meter upsertedMeter;

  @BeforeAll
  static void ingestEveryFormatAndArchive() throws Exception {
    kafka = EmbeddedKafka.start(data.resolve("kafka"));
    KafkaClients clients = kafka.clients();
    try (Admin admin = Admin.create(clients.admin())) {
      TOPICS.create(admin);
    }
    List<Meter> meters = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      meters.add(TestKit.meter("csv-" + i, "UTC", 30));
    }
    meters.add(TestKit.meter("json-1", "UTC", 15));
    meters.add(TestKit.meter("json-2", "Europe/Paris", 15));
    meters.add(TestKit.meter(GREEN_BUTTON_METER, "America/New_York", 60));
    meters.add(TestKit.meter("enedis-1", "Europe/Paris", 30));
    meters.add(TestKit.meter("MAC000002", "Europe/London", 30));
    upsertedMeter = meters.get(0);

    try (KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(clients.producer("test-ingest"));
        ReferenceView reference =
            new ReferenceView(clients, TOPICS, InMemoryReferenceData.builder().build()).start()) {
      // The meters reach the ingest service the way they do in production: through the topics.
      new ReferenceUpserts(producer, TOPICS).upsert(meters, List.of(), List.of());
      reference.awaitCaughtUp(Duration.ofSeconds(30));
      IngestService service =
          new IngestService(
              producer, TOPICS, reference, TestKit.CLOCK, IngestService.Options.defaults());

      REPORTS.put("csv", service.ingest(open(ReadingFormat.CSV, csv())));
      REPORTS.put("jsonl", service.ingest(open(ReadingFormat.JSONL, jsonl())));
      REPORTS.put("greenbutton", service.ingest(open(ReadingFormat.GREEN_BUTTON, greenButton())));
      REPORTS.put(
          "greenbutton-unknown", service.ingest(open(ReadingFormat.GREEN_BUTTON, unknownMeter())));
      REPORTS.put("enedis", service.ingest(open(ReadingFormat.ENEDIS, enedis())));
      REPORTS.put("lcl", service.ingest(open(ReadingFormat.LCL, lcl())));
    }
    TestKit.archiveAll(clients, TOPICS, data, new Archiver.Options(500, Duration.ofMinutes(1)));
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  private static ReadingReader open(ReadingFormat format, byte[] bytes) {
    return format.open(
        new ByteArrayInputStream(bytes),
        ReadOptions.defaults().withErrorPolicy(ErrorPolicy.SKIP_AND_REPORT));
  }

  /**
   * 5 meters x 200 half-hours, a correction of csv-1's first interval, and 6 bad rows: unreadable
   * wh, unknown meter, negative, unaligned, wrong interval length, future.
   */
  private static byte[] csv() {
    StringBuilder sb = new StringBuilder("meter_id,interval_start,interval_minutes,wh,quality\n");
    for (int i = 0; i < 200; i++) {
      for (int m = 1; m <= 5; m++) {
        Instant t = JAN.plusSeconds(1800L * i);
        long wh = 100 + (i * 7 + m * 13) % 400;
        Quality q = i % 50 == 3 ? Quality.ESTIMATED : Quality.ACTUAL;
        sb.append("csv-" + m + "," + t + ",30," + wh + "," + q + "\n");
        EXPECTED.add(reading("csv-" + m, t, 30, wh, q, "csv"));
      }
    }
    sb.append("csv-1," + JAN + ",30,999,EDITED\n");
    EXPECTED.add(reading("csv-1", JAN, 30, 999, Quality.EDITED, "csv"));
    sb.append("csv-1,2024-02-01T00:00:00Z,30,abc,ACTUAL\n");
    sb.append("ghost,2024-02-01T00:00:00Z,30,5,ACTUAL\n");
    sb.append("csv-2,2024-02-01T00:00:00Z,30,-3,ACTUAL\n");
    sb.append("csv-3,2024-02-01T00:10:00Z,30,5,ACTUAL\n");
    sb.append("csv-4,2024-02-01T00:00:00Z,15,5,ACTUAL\n");
    sb.append("csv-5,2025-02-01T00:00:00Z,30,5,ACTUAL\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** 2 meters x 96 quarter hours, one malformed line and one unknown meter. */
  private static byte[] jsonl() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 96; i++) {
      for (int m = 1; m <= 2; m++) {
        Instant t = JAN.plusSeconds(900L * i);
        long wh = 40 + i % 17 + m;
        sb.append(
            "{\"meter_id\":\"json-"
                + m
                + "\",\"interval_start\":\""
                + t
                + "\",\"interval_minutes\":15,\"wh\":"
                + wh
                + "}\n");
        EXPECTED.add(reading("json-" + m, t, 15, wh, Quality.ACTUAL, "jsonl"));
      }
    }
    sb.append("{\"meter_id\":\"json-1\",\"interval_start\":\n");
    sb.append(
        "{\"meter_id\":\"nobody\",\"interval_start\":\"2024-01-05T00:00:00Z\","
            + "\"interval_minutes\":15,\"wh\":1}\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The shared fixture; its readings, parsed on their own, are all expected. */
  private static byte[] greenButton() throws Exception {
    byte[] bytes =
        Files.readAllBytes(TestKit.fixture("greenbutton/TestGBDataHourlyNineDaysBinnedDaily.xml"));
    try (ReadingReader r = open(ReadingFormat.GREEN_BUTTON, bytes)) {
      r.forEachRemaining(EXPECTED::add);
    }
    return bytes;
  }

  /** A Green Button feed of a meter nobody registered: all 3 readings rejected. */
  private static byte[] unknownMeter() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ReadingWriter w = ReadingFormat.GREEN_BUTTON.writer(out, WriteOptions.defaults())) {
      for (int i = 0; i < 3; i++) {
        w.write(reading("stranger", JAN.plusSeconds(3600L * i), 60, 10, Quality.ACTUAL, "x"));
      }
    }
    return out.toByteArray();
  }

  /** 46 half-hours of enedis-1 on the Paris spring-forward day 2024-03-31. */
  private static byte[] enedis() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Instant dayStart = Instant.parse("2024-03-30T23:00:00Z"); // 00:00 CET
    try (ReadingWriter w = ReadingFormat.ENEDIS.writer(out, WriteOptions.defaults())) {
      for (int i = 0; i < 46; i++) {
        Reading r =
            reading(
                "enedis-1", dayStart.plusSeconds(1800L * i), 30, 50 + i, Quality.ACTUAL, "enedis");
        w.write(r);
        EXPECTED.add(r);
      }
    }
    return out.toByteArray();
  }

  /** Two good half-hours, an unreadable value, a missing one (not an error), an unknown meter. */
  private static byte[] lcl() {
    String text =
        "LCLid,stdorToU,DateTime,KWH/hh (per half hour) \n"
            + "MAC000002,Std,2012-10-12 00:30:00.0000000, 0.263 \n"
            + "MAC000002,Std,2012-10-12 01:00:00.0000000, 0.269 \n"
            + "MAC000002,Std,2012-10-12 01:30:00.0000000, x \n"
            + "MAC000002,Std,2012-10-12 02:00:00.0000000,Null\n"
            + "MAC999999,Std,2012-10-12 00:30:00.0000000, 0.100 \n";
    // London is on BST (UTC+1) in October 2012: 00:30 local = 23:30 UTC the day before.
    EXPECTED.add(
        reading(
            "MAC000002", Instant.parse("2012-10-11T23:30:00Z"), 30, 263, Quality.ACTUAL, "lcl"));
    EXPECTED.add(
        reading(
            "MAC000002", Instant.parse("2012-10-12T00:00:00Z"), 30, 269, Quality.ACTUAL, "lcl"));
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Reading reading(
      String meter, Instant start, int minutes, long wh, Quality q, String source) {
    return new Reading(
        meter, Channel.IMPORT, start, minutes, ValueKind.INTERVAL, wh, q, source, null, null);
  }

  private static String master() {
    return "read_parquet('"
        + data.resolve("master").toAbsolutePath()
        + "/**/*.parquet', hive_partitioning = true)";
  }

  @Test
  void shouldReportWhatEachFileDid() {
    // csv: 1000 + 1 correction accepted; 6 bad rows. jsonl: 192; 2 bad. greenbutton: 216 (9 days
    // x 24 h); the stranger's 3 rejected. enedis: 46. lcl: 2; 2 bad (the Null is not an error).
    assertThat(REPORTS.get("csv").accepted()).isEqualTo(1001);
    assertThat(REPORTS.get("csv").rejected()).isEqualTo(6);
    assertThat(REPORTS.get("jsonl").accepted()).isEqualTo(192);
    assertThat(REPORTS.get("jsonl").rejected()).isEqualTo(2);
    assertThat(REPORTS.get("greenbutton").accepted()).isEqualTo(216);
    assertThat(REPORTS.get("greenbutton").rejected()).isZero();
    assertThat(REPORTS.get("greenbutton-unknown").accepted()).isZero();
    assertThat(REPORTS.get("greenbutton-unknown").rejected()).isEqualTo(3);
    assertThat(REPORTS.get("enedis").accepted()).isEqualTo(46);
    assertThat(REPORTS.get("lcl").accepted()).isEqualTo(2);
    assertThat(REPORTS.get("lcl").rejected()).isEqualTo(2);
    assertThat(REPORTS.values()).allSatisfy(r -> assertThat(r.failed()).isZero());
  }

  @Test
  void shouldArchiveEveryAcceptedReadingExactlyOnce() {
    List<String> rows = TestKit.query("SELECT " + TestKit.CONTENT + " FROM " + master());

    assertThat(TestKit.bag(rows))
        .isEqualTo(TestKit.bag(EXPECTED.stream().map(TestKit::row).toList()));
    long accepted = REPORTS.values().stream().mapToLong(IngestReport::accepted).sum();
    assertThat(rows).hasSize((int) accepted);
  }

  @Test
  void shouldGiveEveryArchivedReadingItsOwnIdentity() {
    List<String> counts =
        TestKit.query(
            "SELECT count(*), count(DISTINCT (log_partition, log_offset, record_index)) FROM "
                + master());

    assertThat(counts)
        .singleElement()
        .satisfies(
            c -> {
              String[] n = c.split("\\|");
              assertThat(n[0]).isEqualTo(n[1]);
            });
  }

  @Test
  void shouldLetTheCorrectionWinByItsLaterIngestPosition() {
    List<String> versions =
        TestKit.query(
            "SELECT wh FROM "
                + master()
                + " WHERE meter_id = 'csv-1' AND interval_start = "
                + JAN.getEpochSecond()
                + " ORDER BY log_offset");

    // The original 100 + (0*7 + 13) % 400 = 113 Wh, then the correction 999 at a later offset.
    assertThat(versions).containsExactly("113", "999");
  }

  @Test
  void shouldDeadLetterEveryRejectedRecordWithItsReason() {
    List<DeadLetter> letters =
        TestKit.readAllBytes(kafka.clients(), TOPICS.deadLetter()).stream()
            .map(r -> DeadLetter.fromJson(r.value()))
            .toList();

    long rejected = REPORTS.values().stream().mapToLong(IngestReport::rejected).sum();
    assertThat(letters).hasSize((int) rejected);
    assertThat(letters)
        .anySatisfy(d -> assertThat(d.reason()).contains("unknown meter 'ghost'"))
        .anySatisfy(d -> assertThat(d.reason()).contains("negative value -3"))
        .anySatisfy(d -> assertThat(d.reason()).contains("not on a 30 min boundary"))
        .anySatisfy(d -> assertThat(d.reason()).contains("reads every 30 min"))
        .anySatisfy(d -> assertThat(d.reason()).contains("in the future"))
        .anySatisfy(
            d -> {
              assertThat(d.source()).isEqualTo("csv");
              assertThat(d.field()).isEqualTo("wh");
              assertThat(d.text()).isEqualTo("abc");
              assertThat(d.line()).isEqualTo(1003); // header + 1001 rows, then the bad one
            })
        .anySatisfy(d -> assertThat(d.reason()).contains("unknown meter 'stranger'"))
        .anySatisfy(d -> assertThat(d.text()).isEqualTo("x"));
  }

  @Test
  void shouldLetAPlainKafkaConsumerReadTheReadingsTopicWithOurDeserializer() {
    Properties p = kafka.clients().assignedConsumer("plain-consumer");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ReadingBatchDeserializer.class.getName());
    List<Reading> readings = new ArrayList<>();
    Set<String> keysMatchMeters = new HashSet<>();
    try (KafkaConsumer<String, ReadingBatchCodec.Batch> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> parts = new ArrayList<>();
      for (int i = 0; i < TOPICS.partitions(); i++) {
        parts.add(new TopicPartition(TOPICS.readings(), i));
      }
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, ReadingBatchCodec.Batch> r : c.poll(Duration.ofMillis(200))) {
          List<Reading> batch = ReadingBatchDeserializer.readings(r);
          batch.forEach(x -> keysMatchMeters.add(x.meterId().equals(r.key()) ? "ok" : r.key()));
          readings.addAll(batch);
        }
      }
    }

    assertThat(keysMatchMeters).containsOnly("ok");
    assertThat(TestKit.bag(readings.stream().map(TestKit::row).toList()))
        .isEqualTo(TestKit.bag(EXPECTED.stream().map(TestKit::row).toList()));
    assertThat(readings)
        .allSatisfy(r -> assertThat(r.ingestTime()).isEqualTo(TestKit.CLOCK.instant()));
  }

  @Test
  void shouldReadExactlyTheReadingsBelowACut() {
    MasterDataset ds = new MasterDataset(data);
    var cut = ds.cut();
    long all = REPORTS.values().stream().mapToLong(IngestReport::accepted).sum();

    List<String> everything = TestKit.query("SELECT count(*) FROM (" + ds.sqlUpTo(cut) + ")");
    // Partition 0 cut at its second record: exactly the readings of its first record.
    long firstRecordReadings =
        Long.parseLong(
            TestKit.query(
                    "SELECT count(*) FROM "
                        + master()
                        + " WHERE log_partition = 0 AND log_offset = (SELECT min(log_offset) FROM "
                        + master()
                        + " WHERE log_partition = 0)")
                .get(0));
    long firstOffset =
        Long.parseLong(
            TestKit.query("SELECT min(log_offset) FROM " + master() + " WHERE log_partition = 0")
                .get(0));
    List<String> partial =
        TestKit.query(
            "SELECT count(*) FROM ("
                + ds.sqlUpTo(io.gridlens.core.Cut.of(0, firstOffset + 1))
                + ")");

    assertThat(everything).containsExactly(Long.toString(all));
    assertThat(partial).containsExactly(Long.toString(firstRecordReadings));
  }

  @Test
  void shouldMaterializeUpsertedReferenceData() throws Exception {
    try (ReferenceView view =
        new ReferenceView(kafka.clients(), TOPICS, InMemoryReferenceData.builder().build())
            .start()) {
      view.awaitCaughtUp(Duration.ofSeconds(30));

      assertThat(view.meter(upsertedMeter.id())).contains(upsertedMeter);
      assertThat(view.meter("ghost")).isEmpty();
    }
  }

  @Test
  void shouldKeepTheBaseReferenceDataOnceTopicRecordsArrive() throws Exception {
    java.time.ZoneId paris = java.time.ZoneId.of("Europe/Paris");
    Premise basePremise =
        new Premise(
            "P-base",
            "t1",
            paris,
            "FR-IDF",
            DwellingType.HOUSE,
            90,
            HeatingEnergy.ELECTRIC,
            3,
            Validity.ALWAYS);
    Contract baseContract =
        new Contract(
            "M-base",
            "t1",
            Validity.ALWAYS,
            TariffKind.BASE,
            6,
            List.of(),
            java.util.Map.of(Period.BASE, 0.2),
            120);
    InMemoryReferenceData base =
        InMemoryReferenceData.builder()
            .meter(new Meter("M-base", "t1", "P-base", "C-base", paris, 30))
            .premise(basePremise)
            .contract(baseContract)
            .carbon(CarbonIntensity.fixed("FR-IDF", 50))
            .build();

    try (ReferenceView view = new ReferenceView(kafka.clients(), TOPICS, base).start()) {
      // The class set-up upserted meters on the topics: the view has rebuilt from them.
      view.awaitCaughtUp(Duration.ofSeconds(30));

      LocalDate day = LocalDate.of(2026, 3, 1);
      assertThat(view.meter(upsertedMeter.id())).contains(upsertedMeter);
      assertThat(view.premise("M-base", day)).contains(basePremise);
      assertThat(view.contract("M-base", day)).contains(baseContract);
      assertThat(view.carbon("FR-IDF")).isPresent();
      assertThat(view.meters()).containsKeys("M-base", upsertedMeter.id());
    }
  }
}
