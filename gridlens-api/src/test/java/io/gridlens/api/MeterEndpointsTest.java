package io.gridlens.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.serving.RocksDbViewStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-meter endpoints over real HTTP, on a real RocksDB view store loaded by {@link ApiFixture}
 * (its Javadoc has the data and the hand computations the expectations come from).
 */
class MeterEndpointsTest {

  @TempDir static Path tmp;

  private static RocksDbViewStore store;
  private static ApiServer server;
  private static Http http;

  @BeforeAll
  static void start() {
    InMemoryReferenceData ref = ApiFixture.reference();
    store = RocksDbViewStore.open(tmp.resolve("views"));
    ApiFixture.load(store, ref);
    server =
        ApiServer.builder(store, ref, ApiFixture.CLOCK)
            .directory(MeterDirectory.of(ref))
            .build()
            .start(0);
    http = new Http(server);
  }

  @AfterAll
  static void stop() {
    server.close();
    store.close();
  }

  private static List<String> dates(JsonNode days) {
    List<String> out = new ArrayList<>();
    days.forEach(d -> out.add(d.path("date").asText()));
    return out;
  }

  private static void assertProblem(Http.Answer a, int status, String parameter, String detail) {
    assertThat(a.status()).isEqualTo(status);
    assertThat(a.contentType()).startsWith("application/problem+json");
    JsonNode p = a.json();
    assertThat(p.path("status").asInt()).isEqualTo(status);
    assertThat(p.path("type").asText()).startsWith("/problems/");
    assertThat(p.path("title").asText()).isNotBlank();
    assertThat(p.path("instance").asText()).startsWith("/");
    assertThat(p.path("detail").asText()).contains(detail);
    if (parameter != null) {
      assertThat(p.path("parameter").asText()).isEqualTo(parameter);
    }
  }

  /** A problem answer without the parts that name the request: type, title, status, parameter. */
  private static String withoutDetail(Http.Answer a) {
    return ((com.fasterxml.jackson.databind.node.ObjectNode) a.json())
        .without(List.of("detail", "instance"))
        .toString();
  }

  @Test
  void shouldAnswerADayInTheShapeOfTheDesignWithHandComputedFigures() {
    Http.Answer a = http.get("/api/v1/meters/M1/days?from=2026-01-27&to=2026-01-27");

    assertThat(a.status()).isEqualTo(200);
    JsonNode n = a.json();
    assertThat(n.path("meterId").asText()).isEqualTo("M1");
    assertThat(n.path("zone").asText()).isEqualTo("Europe/Paris");
    assertThat(n.path("unit").asText()).isEqualTo("kWh");
    assertThat(n.path("snapshot").path("batchVersion").asLong()).isEqualTo(1);
    assertThat(n.path("snapshot").path("cut").path("0").asLong()).isEqualTo(1000);
    // No speed progress stored: fresh as of version 1's publish time.
    assertThat(n.path("snapshot").path("freshAsOf").asText()).isEqualTo("2026-02-01T02:00:00Z");
    JsonNode day = n.path("days").get(0);
    assertThat(n.path("days")).hasSize(1);
    assertThat(day.path("date").asText()).isEqualTo("2026-01-27");
    // 48 x 100 Wh = 4.8 kWh; HC 22:00-06:00 = 16 x 0.1 = 1.6, HP = 3.2
    assertThat(day.path("kwh").isNumber()).isTrue();
    assertThat(day.path("kwh").asDouble()).isEqualTo(4.8);
    assertThat(day.path("status").asText()).isEqualTo("final");
    assertThat(day.path("intervals").path("expected").asInt()).isEqualTo(48);
    assertThat(day.path("intervals").path("actual").asInt()).isEqualTo(48);
    assertThat(day.path("intervals").path("estimated").asInt()).isZero();
    assertThat(day.path("intervals").path("missing").asInt()).isZero();
    assertThat(day.path("tou").path("HP").asDouble()).isEqualTo(3.2);
    assertThat(day.path("tou").path("HC").asDouble()).isEqualTo(1.6);
    // 3.2 x 0.2081 + 1.6 x 0.1635 + 36.5 / 365 = 0.66592 + 0.2616 + 0.1 = 1.02752
    assertThat(day.path("costEur").asDouble()).isEqualTo(1.0275);
    // 4.8 kWh x 50 g/kWh
    assertThat(day.path("co2G").asDouble()).isEqualTo(240.0);
  }

  @Test
  void shouldLeaveDaysWithoutDataOutAndSayWhichAreIncompleteOrProvisional() {
    JsonNode n = http.get("/api/v1/meters/M1/days?from=2026-01-29&to=2026-02-05").json();

    JsonNode days = n.path("days");
    assertThat(dates(days)).containsExactly("2026-01-29", "2026-01-30", "2026-01-31", "2026-02-01");
    // Jan 29: slots 40..47 never sent: 40 x 100 Wh = 4.0 kWh, 8 missing, never counted as 0.
    assertThat(days.get(0).path("kwh").asDouble()).isEqualTo(4.0);
    assertThat(days.get(0).path("status").asText()).isEqualTo("incomplete");
    assertThat(days.get(0).path("intervals").path("missing").asInt()).isEqualTo(8);
    // Jan 30: slot 10 corrected to 400 Wh after the cut: 47 x 100 + 400 = 5.1 kWh, once.
    assertThat(days.get(1).path("kwh").asDouble()).isEqualTo(5.1);
    assertThat(days.get(1).path("status").asText()).isEqualTo("provisional");
    assertThat(days.get(2).path("status").asText()).isEqualTo("final");
    // Feb 1: speed only, 48 x 200 Wh.
    assertThat(days.get(3).path("kwh").asDouble()).isEqualTo(9.6);
    assertThat(days.get(3).path("status").asText()).isEqualTo("provisional");
  }

  @Test
  void shouldRefuseAnImpossibleDateNamingTheParameterAndTheValue() {
    Http.Answer a = http.get("/api/v1/meters/M1/days?from=2026-13-01&to=2026-12-31");

    assertProblem(a, 400, "from", "from must be a date YYYY-MM-DD, was '2026-13-01'");
  }

  @Test
  void shouldRefuseAMissingDateSayingItIsRequired() {
    Http.Answer a = http.get("/api/v1/meters/M1/days?from=2026-01-01");

    assertProblem(a, 400, "to", "query parameter 'to' is required");
  }

  @Test
  void shouldRefuseARangeThatEndsBeforeItStarts() {
    Http.Answer a = http.get("/api/v1/meters/M1/days?from=2026-01-10&to=2026-01-01");

    assertProblem(a, 400, "from", "from (2026-01-10) must not be after to (2026-01-01)");
  }

  @Test
  void shouldRefuseARangeLongerThanTheLimit() {
    // 2025-01-01 .. 2026-01-02 = 365 + 2 = 367 days
    Http.Answer a = http.get("/api/v1/meters/M1/days?from=2025-01-01&to=2026-01-02");

    assertProblem(a, 400, "to", "is 367 days; at most 366 days per request");
  }

  @Test
  void shouldAnswer404ForAnUnknownMeter() {
    Http.Answer a = http.get("/api/v1/meters/NOPE/days?from=2026-01-01&to=2026-01-02");

    assertProblem(a, 404, "meterId", "unknown meter 'NOPE'");
  }

  @Test
  void shouldAnswerAnotherTenantsMeterExactlyAsAnUnknownOne() {
    Http.Answer other =
        http.get(
            "/api/v1/meters/M3/days?from=2026-01-05&to=2026-01-05",
            Http.as("t1", "ops", "retailer"));
    Http.Answer unknown =
        http.get(
            "/api/v1/meters/M4/days?from=2026-01-05&to=2026-01-05",
            Http.as("t1", "ops", "retailer"));

    assertProblem(other, 404, "meterId", "unknown meter 'M3'");
    assertThat(withoutDetail(other)).isEqualTo(withoutDetail(unknown));
    // The tenant that owns it reads it.
    assertThat(
            http.get(
                    "/api/v1/meters/M3/days?from=2026-01-05&to=2026-01-05",
                    Http.as("t2", "ops", "retailer"))
                .status())
        .isEqualTo(200);
  }

  @Test
  void shouldLetAConsumerReadOnlyTheMetersOfItsOwnContracts() {
    String[] c1 = Http.as("t1", "C1", "consumer");

    assertThat(http.get("/api/v1/meters/M1/days?from=2026-01-05&to=2026-01-05", c1).status())
        .isEqualTo(200);
    assertProblem(
        http.get("/api/v1/meters/M2/days?from=2025-12-05&to=2025-12-05", c1),
        404,
        "meterId",
        "unknown meter 'M2'");
  }

  @Test
  void shouldAnswer401ForAnUnknownRoleNamingTheHeader() {
    Http.Answer a =
        http.get(
            "/api/v1/meters/M1/days?from=2026-01-05&to=2026-01-05", Http.as("t1", "x", "king"));

    assertProblem(a, 401, null, "X-Gridlens-Role: unknown role 'king'; known: consumer");
  }

  @Test
  void shouldListTheIntervalsOfADayWithMissingOnesAsNull() {
    JsonNode n =
        http.get("/api/v1/meters/M1/consumption?from=2026-01-29&to=2026-01-29&granularity=interval")
            .json();

    JsonNode intervals = n.path("intervals");
    assertThat(intervals).hasSize(48);
    assertThat(intervals.get(0).path("start").asText()).isEqualTo("2026-01-29T00:00+01:00");
    assertThat(intervals.get(0).path("minutes").asInt()).isEqualTo(30);
    assertThat(intervals.get(0).path("kwh").asDouble()).isEqualTo(0.1);
    assertThat(intervals.get(0).path("quality").asText()).isEqualTo("actual");
    assertThat(intervals.get(40).path("start").asText()).isEqualTo("2026-01-29T20:00+01:00");
    assertThat(intervals.get(40).path("kwh").isNull()).isTrue();
    assertThat(intervals.get(40).path("quality").asText()).isEqualTo("missing");
    // 40 x 0.1 kWh
    assertThat(n.path("total").path("kwh").asDouble()).isEqualTo(4.0);
  }

  @Test
  void shouldRefuseMoreThan31DaysOfIntervals() {
    Http.Answer a =
        http.get(
            "/api/v1/meters/M1/consumption?from=2026-01-01&to=2026-02-01&granularity=interval");

    assertProblem(a, 400, "to", "is 32 days; at most 31 days per request for granularity interval");
  }

  @Test
  void shouldSumMonthsFromTheBlendedDays() {
    JsonNode n =
        http.get("/api/v1/meters/M1/consumption?from=2025-12-01&to=2026-02-01&granularity=month")
            .json();

    JsonNode months = n.path("months");
    assertThat(months).hasSize(3);
    // December: 31 x 4.8 = 148.8 kWh, all final; 31 x 1.02752 = 31.85312 EUR
    assertThat(months.get(0).path("month").asText()).isEqualTo("2025-12");
    assertThat(months.get(0).path("kwh").asDouble()).isEqualTo(148.8);
    assertThat(months.get(0).path("days").asInt()).isEqualTo(31);
    assertThat(months.get(0).path("status").asText()).isEqualTo("final");
    assertThat(months.get(0).path("costEur").asDouble()).isEqualTo(31.8531);
    // January: 28 x 4.8 + 14.4 (Jan 28) + 4.0 (Jan 29) + 5.1 (Jan 30) = 157.9 kWh
    assertThat(months.get(1).path("kwh").asDouble()).isEqualTo(157.9);
    assertThat(months.get(1).path("status").asText()).isEqualTo("incomplete");
    assertThat(months.get(1).path("intervals").path("missing").asInt()).isEqualTo(8);
    // February: 1 day of 1 requested, from speed
    assertThat(months.get(2).path("kwh").asDouble()).isEqualTo(9.6);
    assertThat(months.get(2).path("daysRequested").asInt()).isEqualTo(1);
    assertThat(months.get(2).path("status").asText()).isEqualTo("provisional");
    // 148.8 + 157.9 + 9.6
    assertThat(n.path("total").path("kwh").asDouble()).isEqualTo(316.3);
  }

  @Test
  void shouldRefuseAnUnknownGranularityListingTheKnownOnes() {
    Http.Answer a =
        http.get("/api/v1/meters/M1/consumption?from=2026-01-01&to=2026-01-02&granularity=hour");

    assertProblem(
        a, 400, "granularity", "granularity must be one of interval, day, month, was 'hour'");
  }

  @Test
  void shouldSplitADayIntoAlwaysOnHeatingAndOtherWithAFittedDegreeDayModel() {
    JsonNode n = http.get("/api/v1/meters/M2/breakdown?from=2025-12-14&to=2025-12-20").json();

    // The data is 6 + 2 x max(0, 18 - T) kWh a day: the fit finds it exactly. FR-IDF has daily
    // means only: the daily estimator.
    assertThat(n.path("estimator").asText()).isEqualTo("daily");
    JsonNode model = n.path("model");
    assertThat(model.path("heatingBalanceC").asDouble()).isEqualTo(18.0);
    assertThat(model.path("heatingKwhPerDegreeDay").asDouble()).isEqualTo(2.0);
    assertThat(model.path("baseKwh").asDouble()).isEqualTo(6.0);
    assertThat(n.path("days")).hasSize(7);
    // Dec 14 = day 104 from Sep 1; T = 4 + 104 mod 19 = 13 C, HDD 5: 6 + 10 = 16 kWh.
    // Always-on: the 12 night slots of 50 Wh are the lowest decile of 14 days: 100 W = 2.4 kWh.
    JsonNode dec14 = n.path("days").get(0);
    assertThat(dec14.path("date").asText()).isEqualTo("2025-12-14");
    assertThat(dec14.path("kwh").asDouble()).isEqualTo(16.0);
    assertThat(dec14.path("alwaysOnW").asDouble()).isEqualTo(100.0);
    assertThat(dec14.path("alwaysOnKwh").asDouble()).isEqualTo(2.4);
    assertThat(dec14.path("heatingKwh").asDouble()).isEqualTo(10.0);
    assertThat(dec14.path("coolingKwh").asDouble()).isEqualTo(0.0);
    // 16 - 2.4 - 10 = 3.6
    assertThat(dec14.path("otherKwh").asDouble()).isEqualTo(3.6);
    // Dec 20: T = 4 + 110 mod 19 = 19 C, no heating: 6 = 2.4 + 3.6
    JsonNode dec20 = n.path("days").get(6);
    assertThat(dec20.path("kwh").asDouble()).isEqualTo(6.0);
    assertThat(dec20.path("heatingKwh").asDouble()).isEqualTo(0.0);
    assertThat(dec20.path("otherKwh").asDouble()).isEqualTo(3.6);
  }

  @Test
  void shouldGiveAlwaysOnWithoutHeatingWhenThePremiseRegionHasNoWeather() {
    JsonNode n = http.get("/api/v1/meters/M1/breakdown?from=2026-01-20&to=2026-01-20").json();

    assertThat(n.path("model").isNull()).isTrue();
    assertThat(n.path("modelNote").asText()).contains("no weather");
    // Flat 100 Wh half-hours: always-on 200 W = 4.8 kWh/day, the whole day.
    JsonNode day = n.path("days").get(0);
    assertThat(day.path("alwaysOnW").asDouble()).isEqualTo(200.0);
    assertThat(day.path("alwaysOnKwh").asDouble()).isEqualTo(4.8);
    assertThat(day.path("otherKwh").asDouble()).isEqualTo(0.0);
  }

  @Test
  void shouldFindTheHighDayAgainstEightWeeksOfTheSameWeekday() {
    JsonNode n = http.get("/api/v1/meters/M1/anomalies?from=2026-01-26&to=2026-01-28").json();

    assertThat(n.path("daysExamined").asInt()).isEqualTo(3);
    assertThat(n.path("anomalies")).hasSize(1);
    JsonNode a = n.path("anomalies").get(0);
    // The 8 previous Wednesdays are all 4.8 kWh: mean 4.8, sigma 0; Jan 28 is 48 x 300 Wh.
    assertThat(a.path("date").asText()).isEqualTo("2026-01-28");
    assertThat(a.path("kind").asText()).isEqualTo("high_day");
    assertThat(a.path("value").asDouble()).isEqualTo(14.4);
    assertThat(a.path("threshold").asDouble()).isEqualTo(4.8);
    assertThat(a.path("unit").asText()).isEqualTo("kWh");
  }

  @Test
  void shouldForecastTheMonthFromItsCostToDateAndTheTrailingAverage() {
    JsonNode n = http.get("/api/v1/meters/M1/forecast?asOf=2026-01-20").json();

    JsonNode f = n.path("forecast");
    assertThat(n.path("unit").asText()).isEqualTo("EUR");
    assertThat(f.path("month").asText()).isEqualTo("2026-01");
    // 20 days x 1.02752 = 20.5504; 11 days left at 1.02752; 31 x 1.02752 = 31.85312
    assertThat(f.path("monthToDateEur").asDouble()).isEqualTo(20.5504);
    assertThat(f.path("dailyAverageEur").asDouble()).isEqualTo(1.0275);
    assertThat(f.path("estimatedDays").asInt()).isEqualTo(11);
    assertThat(f.path("forecastEur").asDouble()).isEqualTo(31.85);
    assertThat(f.path("status").asText()).isEqualTo("final");
  }

  @Test
  void shouldSayWhyThereIsNoForecastForAMeterWithoutContract() {
    JsonNode n = http.get("/api/v1/meters/M2/forecast?asOf=2025-12-20").json();

    assertThat(n.path("forecast").isNull()).isTrue();
    assertThat(n.path("reason").asText()).contains("fewer than 3 days with a cost");
  }

  @Test
  void shouldRefuseAMalformedAsOf() {
    assertProblem(
        http.get("/api/v1/meters/M1/forecast?asOf=20-01-2026"),
        400,
        "asOf",
        "asOf must be a date YYYY-MM-DD, was '20-01-2026'");
  }

  @Test
  void shouldReportQualityWithFlagsAndAbsentDays() {
    JsonNode n = http.get("/api/v1/meters/M1/quality?from=2026-01-28&to=2026-02-02").json();

    JsonNode days = n.path("days");
    assertThat(dates(days))
        .containsExactly("2026-01-28", "2026-01-29", "2026-01-30", "2026-01-31", "2026-02-01");
    assertThat(days.get(1).path("flags").path("gap").asInt()).isEqualTo(8);
    assertThat(days.get(2).path("source").asText()).isEqualTo("speed");
    assertThat(days.get(2).path("flags").path("corrected").asInt()).isEqualTo(1);
    JsonNode s = n.path("summary");
    assertThat(s.path("daysRequested").asInt()).isEqualTo(6);
    assertThat(s.path("daysWithData").asInt()).isEqualTo(5);
    assertThat(s.path("absentDates").get(0).asText()).isEqualTo("2026-02-02");
    // 5 days x 48 = 240 intervals, 8 missing: 232 / 240 = 0.96667
    assertThat(s.path("intervals").path("expected").asInt()).isEqualTo(240);
    assertThat(s.path("completeness").asDouble()).isEqualTo(0.9667);
  }

  @Test
  void shouldAnswerNoPeerMonthsForAMeterWithoutPublishedMonthSummaries() {
    Http.Answer a = http.get("/api/v1/meters/M1/peers?from=2026-01-01&to=2026-01-31");

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.json().path("months")).isEmpty();
  }

  @Test
  void shouldAnswerAnUnknownPathWithAProblem() {
    assertProblem(http.get("/api/v1/nothing"), 404, null, "no endpoint GET /api/v1/nothing");
  }
}
