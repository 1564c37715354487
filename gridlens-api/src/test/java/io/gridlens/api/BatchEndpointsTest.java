package io.gridlens.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridlens.core.Cut;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.core.view.BatchVersion;
import io.gridlens.core.view.TypedViewStore;
import io.gridlens.core.view.ViewPointer;
import io.gridlens.core.view.ViewStore;
import io.gridlens.serving.RocksDbViewStore;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch control over real HTTP: runs and status through a simple batch control of the test (the
 * real runner is wired by the application), rollback through a real RocksDB store's publish.
 *
 * <p>Version 1 is the fixture's; version 2 (cut {0: 1000}) holds M1's 2026-01-27 at 48 x 50 Wh (2.4
 * kWh) instead of 4.8 kWh.
 */
class BatchEndpointsTest {

  private static final BatchVersion V2 =
      new BatchVersion(
          2,
          Cut.of(0, 1000),
          Instant.parse("2026-02-02T02:00:00Z"),
          java.util.Map.of(0, Instant.parse("2026-02-02T01:59:30Z")));
  private static final String DAY = "/api/v1/meters/M1/days?from=2026-01-27&to=2026-01-27";
  private static final String[] RETAILER = Http.as("t1", "ops", "retailer");

  @TempDir static Path tmp;

  private static RocksDbViewStore store;
  private static ApiServer server;
  private static Http http;

  /** A batch control of the test: one run at a time, rollback by the store's publish. */
  static final class TestBatch implements BatchControl {
    private final ViewStore views;
    private BatchStatus status = BatchStatus.IDLE;
    private long runs;

    TestBatch(ViewStore views) {
      this.views = views;
    }

    @Override
    public synchronized BatchRun run(boolean full) {
      if (status.state() == BatchStatus.State.RUNNING) {
        throw new IllegalStateException(
            "batch run " + status.run().id() + " is in progress; wait for it to finish");
      }
      BatchRun run = new BatchRun(++runs, full, ApiFixture.NOW);
      status = new BatchStatus(BatchStatus.State.RUNNING, run, "scan", 0.25, null);
      return run;
    }

    @Override
    public synchronized BatchStatus status() {
      return status;
    }

    @Override
    public synchronized ViewPointer rollback() {
      return views.rollback();
    }
  }

  @BeforeAll
  static void start() {
    InMemoryReferenceData ref = ApiFixture.reference();
    store = RocksDbViewStore.open(tmp.resolve("views"));
    ApiFixture.load(store, ref);
    TypedViewStore views = new TypedViewStore(store);
    views.putBatch(2, List.of(ApiFixture.row(ref, "M1", LocalDate.of(2026, 1, 27), i -> 50, 0)));
    views.publish(V2);
    server =
        ApiServer.builder(store, ref, ApiFixture.CLOCK)
            .batch(new TestBatch(store))
            .build()
            .start(0);
    http = new Http(server);
  }

  @AfterAll
  static void stop() {
    server.close();
    store.close();
  }

  private static HttpRequest.BodyPublisher none() {
    return HttpRequest.BodyPublishers.noBody();
  }

  @Test
  void shouldServeThePreviousVersionAfterARollbackAndTheNewOneAfterASecond() {
    JsonNode before = http.get(DAY).json();

    Http.Answer rolled = http.post("/api/v1/batch/rollback", none());
    JsonNode during = http.get(DAY).json();
    JsonNode again = http.post("/api/v1/batch/rollback", none()).json();
    JsonNode after = http.get(DAY).json();

    assertThat(before.path("snapshot").path("batchVersion").asLong()).isEqualTo(2);
    assertThat(before.path("days").get(0).path("kwh").asDouble()).isEqualTo(2.4);
    assertThat(rolled.status()).isEqualTo(200);
    assertThat(rolled.json().path("pointer").path("current").path("version").asLong()).isEqualTo(1);
    assertThat(rolled.json().path("pointer").path("previous").path("version").asLong())
        .isEqualTo(2);
    assertThat(during.path("snapshot").path("batchVersion").asLong()).isEqualTo(1);
    assertThat(during.path("days").get(0).path("kwh").asDouble()).isEqualTo(4.8);
    assertThat(again.path("pointer").path("current").path("version").asLong()).isEqualTo(2);
    assertThat(after.path("days").get(0).path("kwh").asDouble()).isEqualTo(2.4);
  }

  @Test
  void shouldForbidARetailerToRollBack() {
    Http.Answer a = http.post("/api/v1/batch/rollback", none(), RETAILER);

    assertThat(a.status()).isEqualTo(403);
    assertThat(a.detail()).isEqualTo("only an admin may run or roll back the batch");
  }

  @Test
  void shouldStartARunAndRefuseASecondWhileItRuns() {
    Http.Answer first = http.post("/api/v1/batch/runs?mode=full", none());
    Http.Answer second = http.post("/api/v1/batch/runs", none());
    JsonNode status = http.get("/api/v1/batch/status", RETAILER).json();

    assertThat(first.status()).isEqualTo(202);
    assertThat(first.json().path("run").path("id").asLong()).isEqualTo(1);
    assertThat(first.json().path("run").path("mode").asText()).isEqualTo("full");
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.detail()).isEqualTo("batch run 1 is in progress; wait for it to finish");
    assertThat(status.path("state").asText()).isEqualTo("running");
    assertThat(status.path("run").path("id").asLong()).isEqualTo(1);
    assertThat(status.path("progress").asDouble()).isEqualTo(0.25);
    assertThat(status.path("pointer").path("current").path("cut").path("0").asLong())
        .isEqualTo(1000);
    assertThat(status.path("pointer").path("current").path("heldUpTo").path("0").asText())
        .isEqualTo("2026-02-02T01:59:30Z");
  }

  @Test
  void shouldRefuseAnUnknownRunMode() {
    Http.Answer a = http.post("/api/v1/batch/runs?mode=weekly", none());

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.detail()).isEqualTo("mode must be full or incremental, was 'weekly'");
  }

  @Test
  void shouldForbidAConsumerToReadTheBatchStatus() {
    assertThat(http.get("/api/v1/batch/status", Http.as("t1", "C1", "consumer")).status())
        .isEqualTo(403);
  }
}
