package io.gridlens.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridlens.core.insight.CohortConfig;
import io.gridlens.core.insight.CohortMonth;
import io.gridlens.core.insight.CohortStats;
import io.gridlens.core.insight.PeerInput;
import io.gridlens.core.insight.PeerTable;
import io.gridlens.core.reference.DwellingType;
import io.gridlens.core.reference.HeatingEnergy;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.core.reference.Premise;
import io.gridlens.core.reference.Validity;
import io.gridlens.core.view.CohortMonthSummary;
import io.gridlens.core.view.MeterMonthSummary;
import io.gridlens.core.view.SummaryCodec;
import io.gridlens.core.view.SummaryRow;
import io.gridlens.serving.RocksDbViewStore;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer comparison endpoint over real HTTP, answering from the cohort statistics a batch
 * published, computed here by the core's {@link PeerTable} and written as summaries the way the
 * batch job writes them (a meter-month per member, a cohort-month per placed cohort).
 *
 * <p>Worked example, meter M2 of {@link ApiFixture} (tenant t1, FR-IDF, HOUSE, 90 m² so area band
 * 80-120, ELECTRIC, 3 occupants so band 3-4):
 *
 * <ul>
 *   <li>January 2026, default settings (at least 30 members): members k = 0..19 (M2 is k = 8, the
 *       others P0..P19) share M2's full cohort (20 members, 3 occupants); members k = 20..30
 *       (Q20..Q30) differ only by 5 occupants (band 5+, 11 members). Neither full cohort reaches
 *       30, so both are placed in the cohort with the occupants band relaxed: 20 + 11 = 31 members.
 *       Member k (k = 0..30, M2 is k = 8) used 100 + 10 k kWh, so the sorted values are x[k] = 100
 *       + 10 k. Median = Q(0.5): h = 30 x 0.5 = 15, x[15] = 250 kWh. 20th percentile = Q(0.2): h =
 *       30 x 0.2 = 6, x[6] = 160 kWh. M2 used 180 kWh: 8 members below (100..170), 1 equal, rank =
 *       100 (8 + 1/2) / 31 = 27.42, shown 27.4; 160 < 180 <= 250, so "good".
 *   <li>December 2025, a batch configured with a minimum of 10: M2 and P1..P11 (12 members) get a
 *       published cohort of 12, which the API must not show (privacy floor of 30).
 *   <li>March 2026: M2 has 20 of 31 days: not compared (only complete months are).
 * </ul>
 */
class PeerEndpointsTest {

  private static final YearMonth JAN = YearMonth.of(2026, 1);
  private static final YearMonth DEC = YearMonth.of(2025, 12);
  private static final YearMonth MAR = YearMonth.of(2026, 3);

  @TempDir static Path tmp;

  private static RocksDbViewStore store;
  private static ApiServer server;
  private static Http http;

  @BeforeAll
  static void start() {
    InMemoryReferenceData ref = ApiFixture.reference();
    store = RocksDbViewStore.open(tmp.resolve("views"));
    List<SummaryRow> rows = new ArrayList<>();
    List<PeerInput> january = new ArrayList<>();
    for (int k = 0; k <= 30; k++) {
      String id = k == 8 ? "M2" : k < 20 ? "P" + k : "Q" + k;
      january.add(new PeerInput(id, JAN, premise(id, k < 20 ? 3 : 5), 100 + 10 * k));
    }
    publishAsTheBatchDoes(CohortConfig.DEFAULT, january, rows);
    List<PeerInput> december = new ArrayList<>();
    for (int k = 0; k < 12; k++) {
      String id = k == 0 ? "M2" : "P" + k;
      december.add(new PeerInput(id, DEC, premise(id, 3), 200 + k));
    }
    publishAsTheBatchDoes(CohortConfig.DEFAULT.withMinSize(10), december, rows);
    rows.add(SummaryCodec.encode(month("M2", MAR, 90_000, 20)));
    store.putSummaries(ApiFixture.V1.number(), rows);
    store.putBatch(ApiFixture.V1.number(), List.of());
    store.publish(ApiFixture.V1);
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

  private static Premise premise(String meterId, int occupants) {
    return new Premise(
        "P-" + meterId,
        "t1",
        ApiFixture.PARIS,
        "FR-IDF",
        DwellingType.HOUSE,
        90,
        HeatingEnergy.ELECTRIC,
        occupants,
        Validity.ALWAYS);
  }

  private static MeterMonthSummary month(String meterId, YearMonth m, long wh, int days) {
    double nan = Double.NaN;
    return new MeterMonthSummary(
        meterId, m, wh, days, 0, nan, nan, nan, nan, null, nan, null, 0, nan, nan, nan, null);
  }

  /** Meter-month rows with their comparison, then one row per placed cohort-month. */
  private static void publishAsTheBatchDoes(
      CohortConfig config, List<PeerInput> inputs, List<SummaryRow> out) {
    PeerTable table = PeerTable.of(config, inputs);
    for (PeerInput in : inputs) {
      MeterMonthSummary m =
          month(in.meterId(), in.month(), Math.round(in.kwh() * 1000), in.month().lengthOfMonth());
      out.add(
          SummaryCodec.encode(
              table
                  .compare(in)
                  .map(
                      c ->
                          m.withPeers(
                              c.cohort().cohort().describe(config),
                              c.percentileRank(),
                              c.rating(),
                              c.cohortCount(),
                              c.median(),
                              c.p20()))
                  .orElse(m)));
    }
    for (Map.Entry<CohortMonth, CohortStats> e : table.allStats().entrySet()) {
      CohortStats s = e.getValue();
      out.add(
          SummaryCodec.encode(
              new CohortMonthSummary(
                  "t1",
                  e.getKey().cohort().describe(config),
                  e.getKey().month(),
                  s.count(),
                  s.median(),
                  s.p20())));
    }
  }

  private static JsonNode onlyMonth(String from, String to) {
    Http.Answer a = http.get("/api/v1/meters/M2/peers?from=" + from + "&to=" + to);
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    JsonNode months = a.json().path("months");
    assertThat(months).hasSize(1);
    return months.get(0);
  }

  @Test
  void shouldCompareAMonthWithThePublishedStatisticsOfItsRelaxedCohort() {
    JsonNode jan = onlyMonth("2026-01-01", "2026-01-31");

    assertThat(jan.path("month").asText()).isEqualTo("2026-01");
    assertThat(jan.path("kwh").asDouble()).isEqualTo(180.0);
    assertThat(jan.path("days").asInt()).isEqualTo(31);
    JsonNode cohort = jan.path("cohort");
    assertThat(cohort.path("key").asText())
        .isEqualTo("t1 / FR-IDF / HOUSE / 80-120 m² / ELECTRIC / * occupants");
    assertThat(cohort.path("size").asInt()).isEqualTo(31);
    assertThat(cohort.path("level").asText()).isEqualTo("no_occupants");
    assertThat(cohort.path("relaxed").toString()).isEqualTo("[\"occupants\"]");
    assertThat(jan.path("medianKwh").asDouble()).isEqualTo(250.0);
    assertThat(jan.path("p20Kwh").asDouble()).isEqualTo(160.0);
    assertThat(jan.path("percentileRank").asDouble()).isEqualTo(27.4);
    assertThat(jan.path("rating").asText()).isEqualTo("good");
  }

  @Test
  void shouldNeverShowAnyFigureOfACohortBelowThirtyMembersEvenWhenTheBatchPublishedIt() {
    JsonNode dec = onlyMonth("2025-12-01", "2025-12-31");

    assertThat(dec.path("cohort").isNull()).isTrue();
    assertThat(dec.has("medianKwh") || dec.has("p20Kwh") || dec.has("percentileRank")).isFalse();
    assertThat(dec.has("rating")).isFalse();
    assertThat(dec.path("reason").asText())
        .isEqualTo(
            "fewer than 30 similar meters, even with occupants, floor area and region relaxed");
  }

  @Test
  void shouldSayWhyAnIncompleteMonthIsNotCompared() {
    JsonNode mar = onlyMonth("2026-03-01", "2026-03-31");

    // 90,000 Wh = 90 kWh over 20 of 31 days.
    assertThat(mar.path("kwh").asDouble()).isEqualTo(90.0);
    assertThat(mar.path("cohort").isNull()).isTrue();
    assertThat(mar.path("reason").asText()).contains("has 20 of 31 days");
  }

  @Test
  void shouldAnswerEveryPublishedMonthOfTheRangeInOrderWithTheSnapshot() {
    Http.Answer a = http.get("/api/v1/meters/M2/peers?from=2025-12-15&to=2026-03-02");

    assertThat(a.status()).isEqualTo(200);
    List<String> months = new ArrayList<>();
    a.json().path("months").forEach(m -> months.add(m.path("month").asText()));
    assertThat(months).containsExactly("2025-12", "2026-01", "2026-03");
    assertThat(a.json().path("snapshot").path("batchVersion").asLong()).isEqualTo(1);
  }

  @Test
  void shouldRefuseARangeWhoseEndIsBeforeItsStart() {
    Http.Answer a = http.get("/api/v1/meters/M2/peers?from=2026-02-01&to=2026-01-01");

    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().path("parameter").asText()).isEqualTo("from");
  }

  @Test
  void shouldSayPeersAreNotPublishedBeforeAnyBatchVersion() {
    InMemoryReferenceData ref = ApiFixture.reference();
    try (RocksDbViewStore empty = RocksDbViewStore.open(tmp.resolve("empty"));
        ApiServer s = ApiServer.builder(empty, ref, ApiFixture.CLOCK).build().start(0)) {
      Http.Answer a = new Http(s).get("/api/v1/meters/M2/peers?from=2026-01-01&to=2026-01-31");

      assertThat(a.status()).isEqualTo(404);
      assertThat(a.json().path("type").asText()).isEqualTo("/problems/peers-not-published");
      assertThat(a.detail()).contains("no batch version is published yet");
    }
  }
}
