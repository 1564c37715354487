package io.gridlens.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.serving.RocksDbViewStore;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health, metrics and the OpenAPI document over real HTTP. */
class OperationsEndpointsTest {

  @TempDir static Path tmp;

  private static RocksDbViewStore store;
  private static ApiServer server;
  private static Http http;

  @BeforeAll
  static void start() {
    InMemoryReferenceData ref = ApiFixture.reference();
    store = RocksDbViewStore.open(tmp.resolve("views"));
    ApiFixture.load(store, ref);
    server = ApiServer.builder(store, ref, ApiFixture.CLOCK).build().start(0);
    http = new Http(server);
  }

  @AfterAll
  static void stop() {
    server.close();
    store.close();
  }

  @Test
  void shouldReportHealthWithThePublishedVersion() {
    Http.Answer a = http.get("/health");

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.json().path("status").asText()).isEqualTo("up");
    assertThat(a.json().path("pointer").path("current").path("version").asLong()).isEqualTo(1);
  }

  @Test
  void shouldBeReadyOnceABatchVersionIsPublished() {
    Http.Answer a = http.get("/ready");

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.json().path("status").asText()).isEqualTo("ready");
  }

  @Test
  void shouldNotBeReadyBeforeTheFirstBatchVersion() {
    try (RocksDbViewStore empty = RocksDbViewStore.open(tmp.resolve("empty"));
        ApiServer s =
            ApiServer.builder(empty, ApiFixture.reference(), ApiFixture.CLOCK).build().start(0)) {
      Http.Answer a = new Http(s).get("/ready");

      assertThat(a.status()).isEqualTo(503);
      assertThat(a.json().path("status").asText()).isEqualTo("not-ready");
      assertThat(a.json().path("detail").asText()).contains("no batch version is published yet");
    }
  }

  @Test
  void shouldCountRequestsByRouteTemplateInPrometheusText() {
    http.get("/api/v1/meters/M1/days?from=2026-01-05&to=2026-01-05");
    http.get("/api/v1/meters/M2/days?from=2026-01-05&to=2026-01-05");
    http.get("/api/v1/meters/M1/days?from=bad&to=2026-01-05");

    Http.Answer a = http.get("/metrics");

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.contentType()).startsWith("text/plain");
    assertThat(a.body())
        .contains(
            "gridlens_http_requests_total{method=\"GET\",route=\"/api/v1/meters/{meterId}/days\","
                + "status=\"200\"} 2")
        .contains(
            "gridlens_http_requests_total{method=\"GET\",route=\"/api/v1/meters/{meterId}/days\","
                + "status=\"400\"} 1")
        .contains("gridlens_http_request_duration_seconds_bucket{");
  }

  @Test
  void shouldServeAnOpenApiDocumentListingExactlyTheRegisteredRoutes() throws Exception {
    Http.Answer a = http.get(ApiServer.OPENAPI_PATH);
    JsonNode doc = a.json();

    Set<String> documented = new TreeSet<>();
    Iterator<String> paths = doc.path("paths").fieldNames();
    while (paths.hasNext()) {
      String path = paths.next();
      doc.path("paths")
          .path(path)
          .fieldNames()
          .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path));
    }
    Set<String> registered = new TreeSet<>();
    server.routes().forEach(r -> registered.add(r.method().name() + " " + r.path()));

    assertThat(a.status()).isEqualTo(200);
    assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
    assertThat(documented).isEqualTo(registered);
    try (InputStream in = ApiServer.class.getResourceAsStream("openapi.json")) {
      assertThat(doc).isEqualTo(new ObjectMapper().readTree(in));
    }
  }

  @Test
  void shouldResolveEveryReferenceOfTheOpenApiDocument() {
    JsonNode doc = http.get(ApiServer.OPENAPI_PATH).json();
    Set<String> refs = new TreeSet<>();
    collectRefs(doc, refs);

    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
    }
  }

  private static void collectRefs(JsonNode n, Set<String> out) {
    if (n.isObject()) {
      n.properties()
          .forEach(
              e -> {
                if (e.getKey().equals("$ref")) {
                  out.add(e.getValue().asText());
                } else {
                  collectRefs(e.getValue(), out);
                }
              });
    } else if (n.isArray()) {
      n.forEach(x -> collectRefs(x, out));
    }
  }
}
