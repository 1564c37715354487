package io.gridlens.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridlens.core.codec.ReadingBatchCodec;
import io.gridlens.core.reference.Contract;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.reference.Period;
import io.gridlens.core.reference.TariffKind;
import io.gridlens.ingest.EmbeddedKafka;
import io.gridlens.ingest.IngestService;
import io.gridlens.ingest.IngestTopics;
import io.gridlens.ingest.ReferenceUpserts;
import io.gridlens.ingest.ReferenceView;
import io.gridlens.serving.RocksDbViewStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads, reference upserts and the tenant endpoints over real HTTP, against the real in-process
 * Kafka broker (one for the class): the API streams bodies into the real {@link IngestService},
 * writes upserts with the real {@link ReferenceUpserts}, and reads meters through a real {@link
 * ReferenceView} of the reference topics.
 */
class IngestEndpointsTest {

  private static final IngestTopics TOPICS = IngestTopics.withPartitions(2);
  private static final String CSV_HEADER = "meter_id,interval_start,interval_minutes,wh\n";

  @TempDir static Path tmp;

  private static EmbeddedKafka kafka;
  private static KafkaProducer<String, byte[]> producer;
  private static ReferenceView reference;
  private static RocksDbViewStore store;
  private static ApiServer server;
  private static ApiServer small;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start(tmp.resolve("kafka"));
    try (Admin admin = Admin.create(kafka.clients().admin())) {
      TOPICS.create(admin);
    }
    producer = new KafkaProducer<>(kafka.clients().producer("api-test"));
    InMemoryReferenceData base = ApiFixture.reference();
    // The fixture's meters, premises and contracts go on the topics, as in production.
    new ReferenceUpserts(producer, TOPICS)
        .upsert(ApiFixture.meters(), ApiFixture.premises(), ApiFixture.contracts());
    reference = new ReferenceView(kafka.clients(), TOPICS, base).start();
    reference.awaitCaughtUp(Duration.ofMinutes(1));
    store = RocksDbViewStore.open(tmp.resolve("views"));
    ApiFixture.load(store, base);
    IngestPort ingest =
        IngestPort.kafka(
            producer, TOPICS, reference, ApiFixture.CLOCK, IngestService.Options.defaults());
    server =
        ApiServer.builder(store, reference, ApiFixture.CLOCK)
            .directory(MeterDirectory.of(base))
            .ingest(ingest)
            .referenceWriter(ReferenceWriter.of(new ReferenceUpserts(producer, TOPICS)))
            .build()
            .start(0);
    small =
        ApiServer.builder(store, reference, ApiFixture.CLOCK)
            .config(ApiConfig.defaults().withMaxUploadBytes(200))
            .ingest(ingest)
            .build()
            .start(0);
    http = new Http(server);
  }

  @AfterAll
  static void stop() {
    small.close();
    server.close();
    reference.close();
    producer.close();
    store.close();
    kafka.close();
  }

  private static HttpRequest.BodyPublisher text(String s) {
    return HttpRequest.BodyPublishers.ofString(s);
  }

  /** Every reading of a meter on the readings topic. */
  private static long readingsOnTopic(String meterId) {
    var props = kafka.clients().assignedConsumer("api-test-reader");
    long n = 0;
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props)) {
      List<TopicPartition> parts = new ArrayList<>();
      for (int p = 0; p < TOPICS.partitions(); p++) {
        parts.add(new TopicPartition(TOPICS.readings(), p));
      }
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
      while (parts.stream().anyMatch(p -> c.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read the readings topic to its end");
        }
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
          if (r.key().equals(meterId)) {
            n += ReadingBatchCodec.decode(r.value()).readings(r.key(), null, null).size();
          }
        }
      }
    }
    return n;
  }

  @Test
  void shouldStreamACsvUploadIntoKafkaAndAnswerTheReportWithLinesAndFields() {
    String csv =
        CSV_HEADER
            + "M2,2026-02-01T00:00:00+01:00,30,100\n"
            + "M2,2026-02-01T00:30:00+01:00,30,110\n"
            + "M2,2026-02-01T01:00:00+01:00,30,lots\n"
            + "M2,2026-02-01T01:30:00+01:00,30,120\n"
            + "NOPE,2026-02-01T01:30:00+01:00,30,120\n";

    Http.Answer a = http.post("/api/v1/ingest?format=csv", text(csv));

    assertThat(a.status()).isEqualTo(200);
    JsonNode r = a.json();
    assertThat(r.path("accepted").asLong()).isEqualTo(3);
    assertThat(r.path("rejected").asLong()).isEqualTo(2);
    assertThat(r.path("failed").asLong()).isZero();
    assertThat(r.path("errors"))
        .anySatisfy(
            e -> {
              assertThat(e.path("line").asLong()).isEqualTo(4);
              assertThat(e.path("field").asText()).isEqualTo("wh");
            })
        .anySatisfy(
            e -> {
              assertThat(e.path("field").asText()).isEqualTo("meter_id");
              assertThat(e.path("reason").asText()).contains("unknown meter 'NOPE'");
            });
    assertThat(r.path("snapshot").path("batchVersion").asLong()).isEqualTo(1);
    assertThat(readingsOnTopic("M2")).isEqualTo(3);
  }

  @Test
  void shouldRefuseAReadingOfAnotherTenantsMeterAsOfAnUnknownOne() throws IOException {
    String csv = CSV_HEADER + "M3,2026-02-01T00:00:00+01:00,30,100\n";
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(csv.getBytes(StandardCharsets.UTF_8));
    }

    JsonNode r =
        http.post(
                "/api/v1/ingest?format=csv",
                HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray()),
                Http.as("t1", "ops", "retailer"))
            .json();

    assertThat(r.path("accepted").asLong()).isZero();
    assertThat(r.path("errors").get(0).path("reason").asText()).contains("unknown meter 'M3'");
  }

  @Test
  void shouldRefuseAnUnknownFormatListingTheKnownOnes() {
    Http.Answer a = http.post("/api/v1/ingest?format=xml", text(CSV_HEADER));

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().path("parameter").asText()).isEqualTo("format");
    assertThat(a.detail())
        .isEqualTo("unknown format 'xml'; known: csv, jsonl, greenbutton, enedis, lcl, eemeter");
  }

  @Test
  void shouldRefuseAnUploadDeclaredLargerThanTheLimitWith413() {
    String csv = CSV_HEADER + "M2,2026-02-01T00:00:00+01:00,30,100\n".repeat(10);

    Http.Answer a = new Http(small).post("/api/v1/ingest?format=csv", text(csv));

    assertThat(a.status()).isEqualTo(413);
    assertThat(a.contentType()).startsWith("application/problem+json");
    assertThat(a.detail()).contains("larger than the limit of 200 bytes");
  }

  @Test
  void shouldCutOffAStreamedUploadWithoutLengthAtTheLimitWith413() {
    byte[] csv =
        (CSV_HEADER + "M2,2026-02-01T02:00:00+01:00,30,100\n".repeat(20))
            .getBytes(StandardCharsets.UTF_8);

    Http.Answer a =
        new Http(small)
            .post(
                "/api/v1/ingest?format=csv",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(csv)));

    assertThat(a.status()).isEqualTo(413);
    assertThat(a.detail()).contains("went past the limit of 200 bytes");
  }

  @Test
  void shouldForbidAConsumerToUpload() {
    Http.Answer a =
        http.post("/api/v1/ingest?format=csv", text(CSV_HEADER), Http.as("t1", "C1", "consumer"));

    assertThat(a.status()).isEqualTo(403);
    assertThat(a.detail()).contains("a consumer may not upload readings");
  }

  @Test
  void shouldListATenantsRecentDeadLettersNewestFirstAndCountItsUploads() {
    String[] t2 = Http.as("t2", "ops", "retailer");
    http.post(
        "/api/v1/ingest?format=csv", text(CSV_HEADER + "M3,2026-02-01T00:00:00+01:00,30,-5\n"), t2);
    http.post(
        "/api/v1/ingest?format=csv",
        text(CSV_HEADER + "M3,2026-02-01T00:00:00+01:00,30,100\nM3,x,30,1\n"),
        t2);

    JsonNode letters = http.get("/api/v1/tenants/t2/deadletters", t2).json().path("deadLetters");
    JsonNode status = http.get("/api/v1/tenants/t2/ingest/status", t2).json();

    assertThat(letters).hasSize(2);
    // Newest first: the unreadable timestamp of the second upload (line 3), then the negative.
    assertThat(letters.get(0).path("field").asText()).isEqualTo("interval_start");
    assertThat(letters.get(0).path("line").asLong()).isEqualTo(3);
    assertThat(letters.get(1).path("field").asText()).isEqualTo("wh");
    assertThat(letters.get(1).path("format").asText()).isEqualTo("csv");
    assertThat(status.path("requests").asLong()).isEqualTo(2);
    assertThat(status.path("accepted").asLong()).isEqualTo(1);
    assertThat(status.path("rejected").asLong()).isEqualTo(2);
    assertThat(status.path("inFlight").asLong()).isZero();
    // Another retailer does not learn that t2 exists.
    Http.Answer other = http.get("/api/v1/tenants/t2/deadletters", Http.as("t1", "o", "retailer"));
    assertThat(other.status()).isEqualTo(404);
    assertThat(other.detail()).isEqualTo("unknown tenant 't2'");
  }

  @Test
  void shouldCountATenantsFleet() {
    JsonNode n = http.get("/api/v1/tenants/t1/summary", Http.as("t1", "ops", "retailer")).json();

    // t1: M1 (HPHC contract, premise P-M1) and M2 (no contract, premise P-M2)
    assertThat(n.path("meters").asInt()).isEqualTo(2);
    assertThat(n.path("withContract").asInt()).isEqualTo(1);
    assertThat(n.path("withPremise").asInt()).isEqualTo(2);
    assertThat(n.path("byTariff").path("HPHC").asInt()).isEqualTo(1);
    assertThat(n.path("byTariff").path("NONE").asInt()).isEqualTo(1);
    assertThat(n.path("byZone").path("Europe/Paris").asInt()).isEqualTo(2);
    assertThat(n.path("snapshot").path("batchVersion").asLong()).isEqualTo(1);
  }

  @Test
  void shouldAnswer404ForATenantAnAdminDoesNotKnowAnd403ForAConsumerOfItsOwn() {
    assertThat(http.get("/api/v1/tenants/t9/summary").detail()).isEqualTo("unknown tenant 't9'");
    Http.Answer consumer = http.get("/api/v1/tenants/t1/summary", Http.as("t1", "C1", "consumer"));
    assertThat(consumer.status()).isEqualTo(403);
  }

  @Test
  void shouldUpsertAMeterWithItsContractOnTheReferenceTopics() throws Exception {
    String body =
        """
        {"tenant":"t1","zone":"Europe/Paris","region":"FR-IDF","customerId":"C9",
         "premise":{"validFrom":"2026-01-01","dwelling":"HOUSE","floorAreaM2":95,
                    "heating":"ELECTRIC","occupants":3},
         "contract":{"validFrom":"2026-01-01","tariff":"HPHC","kva":6,"offPeak":["22:00-06:00"],
                     "prices":{"HP":0.2081,"HC":0.1635},"standingEurPerYear":185.58}}
        """;

    Http.Answer a = http.put("/api/v1/meters/M9", body, Http.as("t1", "ops", "retailer"));

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.json().path("created").asBoolean()).isTrue();
    reference.awaitCaughtUp(Duration.ofMinutes(1));
    Meter m = reference.meter("M9").orElseThrow();
    assertThat(m).isEqualTo(new Meter("M9", "t1", "P-M9", "C9", ZoneId.of("Europe/Paris"), 30));
    Contract c = reference.contract("M9", LocalDate.of(2026, 3, 1)).orElseThrow();
    assertThat(c.tariff()).isEqualTo(TariffKind.HPHC);
    assertThat(c.pricesEurPerKwh()).isEqualTo(Map.of(Period.HP, 0.2081, Period.HC, 0.1635));
    assertThat(reference.premise("M9", LocalDate.of(2026, 3, 1)).orElseThrow().region())
        .isEqualTo("FR-IDF");
    // The new meter is served at once (no day yet: an empty list, never zeros).
    JsonNode days =
        http.get(
                "/api/v1/meters/M9/days?from=2026-03-01&to=2026-03-02",
                Http.as("t1", "C9", "consumer"))
            .json();
    assertThat(days.path("days")).isEmpty();
  }

  @Test
  void shouldRefuseAnUnknownTariffNamingTheField() {
    String body =
        """
        {"tenant":"t1","zone":"Europe/Paris","contract":{"validFrom":"2026-01-01",
         "tariff":"HPHX","kva":6,"prices":{"HP":0.2},"standingEurPerYear":0}}
        """;

    Http.Answer a = http.put("/api/v1/meters/M8", body);

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().path("parameter").asText()).isEqualTo("contract.tariff");
    assertThat(a.detail())
        .isEqualTo("contract.tariff: unknown tariff 'HPHX'; known: BASE, HPHC, TEMPO");
  }

  @Test
  void shouldRefuseAMisspeltFieldAndMalformedJson() {
    Http.Answer misspelt =
        http.put("/api/v1/meters/M8", "{\"tenant\":\"t1\",\"zone\":\"UTC\",\"tarif\":\"BASE\"}");
    Http.Answer malformed = http.put("/api/v1/meters/M8", "{\"tenant\":\"t1\",");
    Http.Answer badNumber =
        http.put(
            "/api/v1/meters/M8",
            "{\"tenant\":\"t1\",\"zone\":\"UTC\",\"region\":\"R\",\"premise\":{\"dwelling\":"
                + "\"HOUSE\",\"floorAreaM2\":\"big\",\"heating\":\"GAS\",\"occupants\":2}}");

    assertThat(misspelt.status()).isEqualTo(400);
    assertThat(misspelt.detail()).startsWith("unknown field 'tarif'");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.detail()).startsWith("body is not valid JSON at line 1");
    assertThat(badNumber.json().path("parameter").asText()).isEqualTo("premise.floorAreaM2");
    assertThat(badNumber.detail()).isEqualTo("premise.floorAreaM2 must be a number, was \"big\"");
  }

  @Test
  void shouldNotLetARetailerTouchAnotherTenantsMeter() {
    String body = "{\"tenant\":\"t1\",\"zone\":\"Europe/Paris\"}";

    Http.Answer existing = http.put("/api/v1/meters/M3", body, Http.as("t1", "o", "retailer"));
    Http.Answer otherTenant =
        http.put(
            "/api/v1/meters/M7",
            "{\"tenant\":\"t2\",\"zone\":\"Europe/Paris\"}",
            Http.as("t1", "o", "retailer"));

    assertThat(existing.status()).isEqualTo(404);
    assertThat(existing.detail()).isEqualTo("unknown meter 'M3'");
    assertThat(otherTenant.status()).isEqualTo(403);
    assertThat(otherTenant.detail()).contains("may only upsert meters of its own tenant");
  }
}
