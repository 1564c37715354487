package io.gridlens.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridlens.simulator.FleetSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo wiring end to end on real components (in-process broker, archiver, DuckDB batch,
 * RocksDB, Kafka Streams speed layer, API) with a small fault-free fleet: the API answers history
 * from the published batch, and a live reading shows up as provisional. Expected energies come from
 * the simulator's clean series, not from the pipeline.
 */
class DemoTest {

  private static final ZoneId PARIS = FleetSpec.DEFAULT_ZONE;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  private static Demo demo;
  private static final ByteArrayOutputStream OUT = new ByteArrayOutputStream();

  @BeforeAll
  static void startTheDemo() {
    Demo.Options o = new Demo.Options(dir.resolve("data"), 20, 10, 0, 42, 0.0, 1000, 2);
    demo =
        Demo.start(
            o,
            Clock.systemUTC(),
            new PrintStream(OUT, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            Instant.now(),
            new AtomicReference<>());
  }

  @AfterAll
  static void stopTheDemo() {
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void shouldAnswerAHistoryDayFromTheFirstBatch() throws Exception {
    LocalDate day = demo.demoFleet().lastHistoryDay().minusDays(2);
    String meter = FleetSpec.meterId(3);

    JsonNode body = get("/api/v1/meters/" + meter + "/days?from=" + day + "&to=" + day);

    // Version 1, or 2 when the archiver lagged and the demo published the history in two runs.
    assertThat(body.path("snapshot").path("batchVersion").asLong())
        .isEqualTo(demo.platform().views().pointer().orElseThrow().current().number());
    JsonNode d = body.path("days").get(0);
    assertThat(d.path("date").asText()).isEqualTo(day.toString());
    assertThat(d.path("status").asText()).isEqualTo("final");
    assertThat(d.path("intervals").path("actual").asInt()).isEqualTo(slots(day));
    assertThat(d.path("kwh").asDouble()).isEqualTo(trueWh(3, day) / 1000.0);
  }

  @Test
  void shouldShowALiveReadingAsProvisional() throws Exception {
    Instant live = demo.demoFleet().historyEnd();
    LocalDate day = live.atZone(PARIS).toLocalDate();
    String meter = FleetSpec.meterId(5);
    String path =
        "/api/v1/meters/"
            + meter
            + "/consumption?from="
            + day
            + "&to="
            + day
            + "&granularity=interval";

    JsonNode interval = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (interval == null && System.nanoTime() < deadline) {
      for (JsonNode i : get(path).path("intervals")) {
        // Until the speed layer has it, the batch's row shows this interval missing or estimated.
        if (OffsetDateTime.parse(i.path("start").asText()).toInstant().equals(live)
            && i.path("quality").asText().equals("actual")) {
          interval = i;
        }
      }
      if (interval == null) {
        Thread.sleep(200);
      }
    }

    assertThat(interval).as("the live interval %s of meter %s in the API", live, meter).isNotNull();
    assertThat(interval.path("status").asText()).isEqualTo("provisional");
    assertThat(interval.path("kwh").asDouble()).isEqualTo(demo.fleet().cleanWh(5, live) / 1000.0);
  }

  @Test
  void shouldPrintTheUrlWithExampleCallsOfRealMeters() {
    String printed = OUT.toString(StandardCharsets.UTF_8);

    assertThat(printed)
        .contains(demo.platform().api().baseUri() + "/health")
        .contains("/api/v1/meters/" + FleetSpec.meterId(0) + "/days?from=")
        .contains("first answer");
  }

  /**
   * The platform's metrics sit next to the API's: once the first batch is published and the
   * archiver has the history, the batch version is 1 or more and every metric of the list
   * is exposed (ingest and rejects as log records, archiver and speed lag, batch age and progress,
   * query latency).
   */
  @Test
  void shouldExposeThePlatformMetrics() throws Exception {
    URI uri = URI.create(demo.platform().api().baseUri() + "/metrics");
    HttpResponse<String> r =
        HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("gridlens_log_records_total{topic=\"readings\"}")
        .contains("gridlens_log_records_total{topic=\"deadletter\"}")
        .contains("gridlens_archiver_lag_records ")
        .contains("gridlens_speed_lag_records ")
        .contains("gridlens_batch_age_seconds ")
        .contains("gridlens_batch_progress_ratio ")
        .contains("gridlens_http_request_duration_seconds");
    double version =
        Double.parseDouble(
            r.body().replaceAll("(?s).*\ngridlens_batch_version ([0-9.]+)\n.*", "$1"));
    assertThat(version).isGreaterThanOrEqualTo(1);
  }

  /** Half-hours of a local day in Paris: 48, or 46/50 on DST change days. */
  private static int slots(LocalDate day) {
    return (int)
        (Duration.between(day.atStartOfDay(PARIS), day.plusDays(1).atStartOfDay(PARIS)).toMinutes()
            / 30);
  }

  /** The simulator's true energy of a meter over a local day, interval by interval. */
  private static long trueWh(int meter, LocalDate day) {
    long sum = 0;
    for (Instant t = day.atStartOfDay(PARIS).toInstant();
        t.isBefore(day.plusDays(1).atStartOfDay(PARIS).toInstant());
        t = t.plus(Duration.ofMinutes(30))) {
      sum += demo.fleet().cleanWh(meter, t);
    }
    return sum;
  }

  private static JsonNode get(String path) throws Exception {
    URI uri = URI.create(demo.platform().api().baseUri() + path);
    HttpResponse<String> r =
        HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}
