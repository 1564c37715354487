package io.gridlens.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridlens.core.Channel;
import io.gridlens.core.DayContext;
import io.gridlens.core.DayReadings;
import io.gridlens.core.DaySlots;
import io.gridlens.core.IngestPosition;
import io.gridlens.core.MeterDay;
import io.gridlens.core.MeterDayKey;
import io.gridlens.core.Reading;
import io.gridlens.core.insight.DayInsights;
import io.gridlens.core.reference.DwellingType;
import io.gridlens.core.reference.HeatingEnergy;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.reference.Premise;
import io.gridlens.core.reference.TempoColour;
import io.gridlens.core.reference.Validity;
import io.gridlens.core.reference.Weather;
import io.gridlens.core.testkit.TestFixtures;
import io.gridlens.core.vee.History;
import io.gridlens.core.vee.Vee;
import io.gridlens.core.vee.VeeConfig;
import io.gridlens.core.view.TypedViewStore;
import io.gridlens.core.view.ViewRow;
import io.gridlens.formats.ReadOptions;
import io.gridlens.formats.ReadingFormat;
import io.gridlens.formats.ReadingReader;
import io.gridlens.ingest.EmbeddedKafka;
import io.gridlens.ingest.IngestTopics;
import io.gridlens.ingest.ReferenceUpserts;
import io.gridlens.ingest.ReferenceView;
import io.gridlens.serving.RocksDbViewStore;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weather, carbon and Tempo upserts over real HTTP, written by the real {@link ReferenceUpserts} to
 * the real in-process Kafka broker and read back by a real {@link ReferenceView}; and the
 * per-interval degree-day breakdown they enable, end to end on the OpenEEmeter Illinois sample.
 *
 * <p>The Illinois meter {@code IL} (America/Chicago, hourly) holds the sample's hourly kWh as batch
 * version 1 (its complete local days, through the core's fold and VEE). Its premise region {@code
 * US-IL} has no weather until a test uploads the sample's temperature file, gzipped as published
 * ({@code dt,tempF}), through {@code PUT /api/v1/regions/US-IL/weather}.
 */
class PlatformDataEndpointsTest {

  private static final IngestTopics TOPICS = IngestTopics.withPartitions(1);
  private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  private static final Path EEMETER = TestFixtures.shared("eemeter");

  @TempDir static Path tmp;

  private static EmbeddedKafka kafka;
  private static KafkaProducer<String, byte[]> producer;
  private static ReferenceView reference;
  private static RocksDbViewStore store;
  private static ApiServer server;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start(tmp.resolve("kafka"));
    try (Admin admin = Admin.create(kafka.clients().admin())) {
      TOPICS.create(admin);
    }
    producer = new KafkaProducer<>(kafka.clients().producer("platform-data-test"));
    InMemoryReferenceData base =
        InMemoryReferenceData.builder()
            .meter(new Meter("IL", "t1", "P-IL", "C-IL", CHICAGO, 60))
            .premise(
                new Premise(
                    "P-IL",
                    "t1",
                    CHICAGO,
                    "US-IL",
                    DwellingType.HOUSE,
                    150,
                    HeatingEnergy.ELECTRIC,
                    3,
                    Validity.ALWAYS))
            .build();
    reference = new ReferenceView(kafka.clients(), TOPICS, base).start();
    reference.awaitCaughtUp(Duration.ofMinutes(1));
    store = RocksDbViewStore.open(tmp.resolve("views"));
    loadIllinoisMeter(base);
    server =
        ApiServer.builder(store, reference, ApiFixture.CLOCK)
            .referenceWriter(ReferenceWriter.of(new ReferenceUpserts(producer, TOPICS), reference))
            .build()
            .start(0);
    http = new Http(server);
  }

  @AfterAll
  static void stop() {
    server.close();
    reference.close();
    producer.close();
    store.close();
    kafka.close();
  }

  /** The sample's complete local days as batch rows: 23..25 hourly readings each. */
  private static void loadIllinoisMeter(InMemoryReferenceData ref) throws Exception {
    Map<LocalDate, DayReadings> days = new TreeMap<>();
    long offset = 0;
    try (InputStream in =
            new GZIPInputStream(
                Files.newInputStream(EEMETER.resolve("il-electricity-cdd-hdd-hourly.csv.gz")));
        ReadingReader r =
            ReadingFormat.EEMETER.open(in, ReadOptions.defaults().withMeterId("IL"))) {
      while (r.hasNext()) {
        Reading x = r.next();
        LocalDate date = DaySlots.localDate(x.intervalStart(), CHICAGO);
        days.computeIfAbsent(
                date,
                d ->
                    new DayReadings(
                        new MeterDayKey("IL", Channel.IMPORT, d), new DaySlots(CHICAGO, d, 60)))
            .add(
                new Reading(
                    x.meterId(),
                    x.channel(),
                    x.intervalStart(),
                    x.intervalMinutes(),
                    x.kind(),
                    x.wh(),
                    x.quality(),
                    x.source(),
                    ApiFixture.NOW,
                    new IngestPosition(0, offset++)));
      }
    }
    List<ViewRow> rows = new ArrayList<>();
    for (DayReadings raw : days.values()) {
      DayContext ctx = DayContext.of(ref, "IL", raw.key().date());
      MeterDay day = Vee.clean(raw, ctx, VeeConfig.defaults(), History.none());
      if (day.missingCount() == 0) {
        rows.add(new ViewRow(day, DayInsights.of(day, ctx)));
      }
    }
    TypedViewStore views = new TypedViewStore(store);
    views.putBatch(ApiFixture.V1.number(), rows);
    views.publish(ApiFixture.V1);
  }

  private static HttpRequest.BodyPublisher text(String s) {
    return HttpRequest.BodyPublishers.ofString(s);
  }

  private static Http.Answer putJson(String path, String json, String... headers) {
    return http.put(path, json, headers);
  }

  private static void awaitView() throws Exception {
    reference.awaitCaughtUp(Duration.ofMinutes(1));
  }

  /**
   * The must-show, end to end: metadata.json's true loads of the baseline year (the 365 days to
   * 2016-12-25) are base 2,000, heating 4,000 and cooling 4,000 kWh; after the upload, the model of
   * {@code /breakdown} on that window is within 10 % of each, by the per-interval estimator, which
   * finds the sample's 3-hour thermal lag. (Core's EemeterAccuracyTest does the same in °F on the
   * Fahrenheit grid; here the API converts to °C and fits on the Celsius grid, 60 / 65 °F being
   * 15.6 / 18.3 °C.)
   */
  @Test
  void shouldRecoverTheIllinoisLoadsWithinTenPercentFromUploadedHourlyTemperatures()
      throws Exception {
    String window = "/api/v1/meters/IL/breakdown?from=2015-12-27&to=2016-12-25";
    JsonNode before = http.get(window).json();
    assertThat(before.path("model").isNull()).isTrue();

    byte[] gz = Files.readAllBytes(EEMETER.resolve("il-tempF.csv.gz"));
    Http.Answer up =
        http.put(
            "/api/v1/regions/US-IL/weather?zone=America/Chicago",
            "text/csv",
            HttpRequest.BodyPublishers.ofByteArray(gz));

    assertThat(up.status()).as(up.body()).isEqualTo(200);
    JsonNode u = up.json();
    assertThat(u.path("unit").asText()).isEqualTo("F");
    assertThat(u.path("zone").asText()).isEqualTo("America/Chicago");
    // 2015-11-22..2018-02-08 is 810 local days; the last holds only its 00:00 hour.
    assertThat(u.path("days").asInt()).isEqualTo(809);
    assertThat(u.path("daysWithSamples").asInt()).isEqualTo(809);
    assertThat(u.path("incompleteDays").toString()).isEqualTo("[\"2018-02-08\"]");
    awaitView();
    Weather w = reference.weather("US-IL").orElseThrow();
    // The file's first hour, 2015-11-22T00:00-06:00, is 21.01 F = (21.01 - 32) x 5 / 9 C.
    assertThat(w.samples(LocalDate.of(2015, 11, 22)).orElseThrow()[0])
        .isCloseTo((21.01 - 32) * 5 / 9, within(1e-9));
    assertThat(w.samples(LocalDate.of(2016, 3, 13)).orElseThrow()).hasSize(23);
    assertThat(w.samples(LocalDate.of(2016, 11, 6)).orElseThrow()).hasSize(25);

    JsonNode n = http.get(window).json();
    JsonNode truth = new ObjectMapper().readTree(EEMETER.resolve("metadata.json").toFile());
    JsonNode il = truth.path("il-electricity-cdd-hdd-hourly");
    double base = il.path("annual_baseline_base_load").asDouble();
    double heating = il.path("annual_baseline_heating_load").asDouble();
    double cooling = il.path("annual_baseline_cooling_load").asDouble();
    JsonNode model = n.path("model");
    JsonNode loads = model.path("windowLoads");
    System.out.println("IL breakdown through the API: " + model + " total " + n.path("total"));

    assertThat(n.path("estimator").asText()).isEqualTo("interval");
    assertThat(model.path("lagSamples").asInt()).isEqualTo(3);
    assertThat(model.path("days").asInt()).isEqualTo(365);
    assertThat(loads.path("baseKwh").asDouble()).isCloseTo(base, within(0.10 * base));
    assertThat(loads.path("heatingKwh").asDouble()).isCloseTo(heating, within(0.10 * heating));
    assertThat(loads.path("coolingKwh").asDouble()).isCloseTo(cooling, within(0.10 * cooling));
    // The days' split (always-on served first, weather clamped to what is left) sums to the
    // same heating and cooling within 10 % too.
    assertThat(n.path("days")).hasSize(365);
    JsonNode total = n.path("total");
    assertThat(total.path("heatingKwh").asDouble()).isCloseTo(heating, within(0.10 * heating));
    assertThat(total.path("coolingKwh").asDouble()).isCloseTo(cooling, within(0.10 * cooling));
  }

  @Test
  void shouldKeepTheDailyEstimatorForAWeatherOfDailyMeansOnly() throws Exception {
    // 2026-01-05 and 06 only: too few days for a model, but the answer says which estimator ran.
    Http.Answer a =
        putJson(
            "/api/v1/regions/FR-DAILY/weather",
            "{\"daily\":{\"start\":\"2026-01-05\",\"values\":[50, 59]},\"unit\":\"F\"}");

    assertThat(a.status()).as(a.body()).isEqualTo(200);
    awaitView();
    Weather w = reference.weather("FR-DAILY").orElseThrow();
    // 50 F = 10 C; 59 F = 15 C
    assertThat(w.meanC(LocalDate.of(2026, 1, 5))).hasValue(10.0);
    assertThat(w.meanC(LocalDate.of(2026, 1, 6))).hasValue(15.0);
    assertThat(w.samples()).isEmpty();
  }

  @Test
  void shouldTakeTwentyThreeHoursOnTheSpringChangeDayAndLayLaterUploadsOverEarlierOnes()
      throws Exception {
    StringBuilder values = new StringBuilder();
    for (int h = 0; h < 23; h++) {
      values.append(h == 0 ? "" : ",").append(h);
    }
    // Local 2026-03-29 in Paris: 23 hours from 00:00+01:00, 0, 1, ..., 22 C: mean 253 / 23 = 11.
    Http.Answer first =
        putJson(
            "/api/v1/regions/FR-T/weather",
            "{\"zone\":\"Europe/Paris\",\"hourly\":{\"start\":\"2026-03-29T00:00:00+01:00\","
                + "\"values\":["
                + values
                + "]},\"daily\":{\"start\":\"2026-03-30\",\"values\":[7.5]}}");
    Http.Answer second =
        putJson(
            "/api/v1/regions/FR-T/weather",
            "{\"daily\":{\"start\":\"2026-03-30\",\"values\":[null, 9.25]}}");

    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.json().path("daysWithSamples").asInt()).isEqualTo(1);
    assertThat(first.json().path("incompleteDays")).isEmpty();
    assertThat(second.status()).as(second.body()).isEqualTo(200);
    awaitView();
    Weather w = reference.weather("FR-T").orElseThrow();
    assertThat(w.zone()).contains(ZoneId.of("Europe/Paris"));
    assertThat(w.samples(LocalDate.of(2026, 3, 29)).orElseThrow()).hasSize(23).endsWith(22.0);
    assertThat(w.meanC(LocalDate.of(2026, 3, 29))).hasValue(11.0);
    assertThat(w.meanC(LocalDate.of(2026, 3, 30))).hasValue(7.5);
    assertThat(w.meanC(LocalDate.of(2026, 3, 31))).hasValue(9.25);
  }

  @Test
  void shouldReadBackAnUploadedDayWithItsSamplesToAnyRole() throws Exception {
    // Local 2026-04-02 in Paris (24 hours): 10 C for the first 12 hours, then 16 C: mean 13.
    StringBuilder values = new StringBuilder();
    for (int h = 0; h < 24; h++) {
      values.append(h == 0 ? "" : ",").append(h < 12 ? 10 : 16);
    }
    Http.Answer put =
        putJson(
            "/api/v1/regions/FR-R/weather",
            "{\"zone\":\"Europe/Paris\",\"hourly\":{\"start\":\"2026-04-02T00:00:00+02:00\","
                + "\"values\":["
                + values
                + "]},\"daily\":{\"start\":\"2026-04-03\",\"values\":[8.5]}}");
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    awaitView();

    Http.Answer read =
        http.get(
            "/api/v1/regions/FR-R/weather?from=2026-04-01&to=2026-04-03",
            Http.as("t1", "ops", "retailer"));
    Http.Answer unknown = http.get("/api/v1/regions/NOWHERE/weather?from=2026-04-01&to=2026-04-03");
    Http.Answer tooLong = http.get("/api/v1/regions/FR-R/weather?from=2026-01-01&to=2027-01-02");

    assertThat(read.status()).as(read.body()).isEqualTo(200);
    JsonNode days = read.json().path("days");
    assertThat(read.json().path("zone").asText()).isEqualTo("Europe/Paris");
    assertThat(days).hasSize(2); // April 1st has nothing
    assertThat(days.get(0).path("date").asText()).isEqualTo("2026-04-02");
    assertThat(days.get(0).path("meanC").asDouble()).isEqualTo(13.0);
    assertThat(days.get(0).path("samplesC")).hasSize(24);
    assertThat(days.get(0).path("samplesC").get(11).asDouble()).isEqualTo(10.0);
    assertThat(days.get(0).path("samplesC").get(12).asDouble()).isEqualTo(16.0);
    assertThat(days.get(1).path("meanC").asDouble()).isEqualTo(8.5);
    assertThat(days.get(1).path("samplesC").isNull()).isTrue();
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.detail()).contains("no weather is known for region NOWHERE");
    assertThat(tooLong.status()).isEqualTo(400);
  }

  @Test
  void shouldForbidARetailerToChangeWeatherCarbonOrTempo() {
    String[] retailer = Http.as("t1", "ops", "retailer");

    Http.Answer weather =
        putJson(
            "/api/v1/regions/FR-X/weather",
            "{\"daily\":{\"start\":\"2026-01-05\",\"values\":[5]}}",
            retailer);
    Http.Answer carbon = putJson("/api/v1/regions/FR-X/carbon", "{\"fixedGPerKwh\":50}", retailer);
    Http.Answer tempo =
        putJson("/api/v1/tempo", "{\"colours\":{\"2026-01-12\":\"RED\"}}", retailer);

    assertThat(weather.status()).isEqualTo(403);
    assertThat(weather.detail())
        .isEqualTo(
            "a retailer may not change weather: it is platform data, shared by every tenant; an"
                + " admin may");
    assertThat(carbon.status()).isEqualTo(403);
    assertThat(tempo.status()).isEqualTo(403);
  }

  @Test
  void shouldRefuseBadWeatherNamingTheField() {
    Http.Answer notNumber =
        putJson(
            "/api/v1/regions/FR-X/weather",
            "{\"zone\":\"UTC\",\"hourly\":{\"start\":\"2026-01-05T00:00:00Z\","
                + "\"values\":[1,2,\"x\"]}}");
    Http.Answer tooHot =
        putJson(
            "/api/v1/regions/FR-X/weather",
            "{\"zone\":\"UTC\",\"hourly\":{\"start\":\"2026-01-05T00:00:00Z\",\"values\":[75]}}");
    Http.Answer noZone =
        putJson(
            "/api/v1/regions/FR-X/weather",
            "{\"hourly\":{\"start\":\"2026-01-05T00:00:00Z\",\"values\":[5]}}");
    Http.Answer csvNoZone =
        http.put("/api/v1/regions/FR-X/weather", "text/csv", text("dt,tempC\n2026-01-05,3\n"));
    Http.Answer csvBadNumber =
        http.put(
            "/api/v1/regions/FR-X/weather?zone=UTC",
            "text/csv",
            text("dt,tempC\n2026-01-05T00:00:00Z,3\n2026-01-05T01:00:00Z,warm\n"));
    Http.Answer misspelt =
        putJson(
            "/api/v1/regions/FR-X/weather",
            "{\"dialy\":{\"start\":\"2026-01-05\",\"values\":[5]}}");

    assertThat(notNumber.status()).isEqualTo(400);
    assertThat(notNumber.json().path("parameter").asText()).isEqualTo("hourly.values[2]");
    assertThat(notNumber.detail())
        .isEqualTo("hourly.values[2] must be a number or null, was \"x\"");
    assertThat(tooHot.status()).isEqualTo(400);
    assertThat(tooHot.json().path("parameter").asText()).isEqualTo("hourly.values");
    assertThat(tooHot.detail())
        .isEqualTo(
            "temperature of FR-X on 2026-01-05T00:00Z[UTC] must be in (-90, 60) °C, was 75.0");
    assertThat(noZone.json().path("parameter").asText()).isEqualTo("zone");
    assertThat(noZone.detail()).isEqualTo("zone is required");
    assertThat(csvNoZone.status()).isEqualTo(400);
    assertThat(csvNoZone.json().path("parameter").asText()).isEqualTo("zone");
    assertThat(csvBadNumber.status()).isEqualTo(400);
    assertThat(csvBadNumber.json().path("parameter").asText()).isEqualTo("temperature");
    assertThat(csvBadNumber.detail()).isEqualTo("line 3: temperature 'warm' is not a number");
    assertThat(misspelt.status()).isEqualTo(400);
    assertThat(misspelt.detail()).startsWith("unknown field 'dialy'");
  }

  @Test
  void shouldUpsertARegionsCarbonFactorAndHourlyFigures() throws Exception {
    Http.Answer noFactor =
        putJson(
            "/api/v1/regions/FR-C/carbon",
            "{\"hourly\":{\"start\":\"2026-03-01T00:00:00Z\",\"values\":[40]}}");
    Http.Answer a =
        putJson(
            "/api/v1/regions/FR-C/carbon",
            "{\"fixedGPerKwh\":50,"
                + "\"hourly\":{\"start\":\"2026-03-01T00:00:00Z\",\"values\":[40,null,60]}}");
    Http.Answer later =
        putJson(
            "/api/v1/regions/FR-C/carbon",
            "{\"hourly\":{\"start\":\"2026-03-01T02:00:00Z\",\"values\":[65]}}");

    assertThat(noFactor.status()).isEqualTo(400);
    assertThat(noFactor.json().path("parameter").asText()).isEqualTo("fixedGPerKwh");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json().path("hours").asInt()).isEqualTo(2);
    assertThat(later.status()).as(later.body()).isEqualTo(200);
    awaitView();
    var c = reference.carbon("FR-C").orElseThrow();
    Instant h0 = Instant.parse("2026-03-01T00:00:00Z");
    assertThat(c.gPerKwh(h0.plusSeconds(1800))).isEqualTo(40.0);
    assertThat(c.gPerKwh(h0.plusSeconds(3600))).as("no figure: the fixed factor").isEqualTo(50.0);
    assertThat(c.gPerKwh(h0.plusSeconds(7200))).as("the later upload").isEqualTo(65.0);
    assertThat(c.gPerKwh(h0.minusSeconds(1))).isEqualTo(50.0);
  }

  @Test
  void shouldUpsertTempoColoursAndLeaveOtherDaysBlue() throws Exception {
    Http.Answer bad = putJson("/api/v1/tempo", "{\"colours\":{\"2026-01-12\":\"PINK\"}}");
    Http.Answer a =
        putJson("/api/v1/tempo", "{\"colours\":{\"2026-01-12\":\"RED\",\"2026-01-13\":\"white\"}}");

    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("parameter").asText()).isEqualTo("colours.2026-01-12");
    assertThat(bad.detail())
        .isEqualTo("colours.2026-01-12 must be one of [BLUE, WHITE, RED], was 'PINK'");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json().path("colours").path("RED").asInt()).isEqualTo(1);
    awaitView();
    assertThat(reference.tempo().colour(LocalDate.of(2026, 1, 12))).isEqualTo(TempoColour.RED);
    assertThat(reference.tempo().colour(LocalDate.of(2026, 1, 13))).isEqualTo(TempoColour.WHITE);
    assertThat(reference.tempo().colour(LocalDate.of(2026, 1, 14))).isEqualTo(TempoColour.BLUE);
  }
}
