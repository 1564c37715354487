package io.gridlens.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlens.core.Channel;
import io.gridlens.core.Cut;
import io.gridlens.core.DaySlots;
import io.gridlens.core.Quality;
import io.gridlens.core.Reading;
import io.gridlens.core.insight.CohortConfig;
import io.gridlens.core.insight.CohortKey;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.core.reference.Premise;
import io.gridlens.core.view.BatchVersion;
import io.gridlens.core.view.DayRange;
import io.gridlens.core.view.MeterMonthSummary;
import io.gridlens.core.view.StoredRow;
import io.gridlens.core.view.SummaryCodec;
import io.gridlens.core.view.SummaryRow;
import io.gridlens.core.view.ViewPointer;
import io.gridlens.core.view.ViewRow;
import io.gridlens.core.view.ViewRowCodec;
import io.gridlens.core.view.ViewStore;
import io.gridlens.serving.RocksDbViewStore;
import io.gridlens.simulator.FaultRates;
import io.gridlens.simulator.Fleet;
import io.gridlens.simulator.FleetSpec;
import io.gridlens.simulator.IntervalGrid;
import io.gridlens.simulator.MeterTruth;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch end to end on real components: a simulated fleet with faults, logged in delivery order
 * into master-dataset Parquet files, through the DuckDB engine and the core, into a RocksDB view
 * store.
 */
class BatchEndToEndTest {

  static final int METERS = 40;
  static final LocalDate START = LocalDate.of(2026, 1, 1);
  static final int DAYS = 110; // over the spring DST change, past the 90 days of the regression

  /** Peer cohorts of at least 1 member: every meter sits in its full cohort (see peers test). */
  static final CohortConfig COHORTS = CohortConfig.DEFAULT.withMinSize(1);

  @TempDir static Path tmp;
  static Fleet fleet;
  static InMemoryReferenceData ref;
  static Cut firstCut;
  static Cut allCut;
  static BatchSettings settings = BatchSettings.DEFAULT.withCohorts(COHORTS);
  static DuckDbEngine engine;
  static RocksDbViewStore full;

  @BeforeAll
  static void logTheFleetAndRunAFullBatch() throws Exception {
    fleet = Fleet.of(FleetSpec.of(7, METERS, START, DAYS).withFaults(FaultRates.DEFAULT));
    ref = fleet.referenceData();
    MasterDatasetWriter.Arrivals arrivals =
        MasterDatasetWriter.Arrivals.of(fleet, START.plusDays(DAYS - 5));
    Path data = tmp.resolve("data");
    try (MasterDatasetWriter w = new MasterDatasetWriter(data, 3)) {
      w.log(arrivals.before());
      firstCut = MasterFiles.cutOnDisk(data);
      w.log(arrivals.rest());
    }
    allCut = MasterFiles.cutOnDisk(data);
    engine = DuckDbEngine.open(data, new DuckDbEngine.Settings("512MB", 2, 50_000));
    full = RocksDbViewStore.open(tmp.resolve("full"));
    runner(full).run(BatchMode.FULL, allCut, BatchProgress.Listener.NONE);
  }

  @AfterAll
  static void close() {
    full.close();
    engine.close();
  }

  /** Series computed on 3 worker threads (more than this machine's cores: they interleave). */
  static BatchRunner runner(ViewStore store) {
    return new BatchRunner(engine, store, ref, settings, Clock.systemUTC(), 3);
  }

  static List<ViewRow> rows(ViewStore store, long version, String meterId) {
    return store
        .readBatch(version, DayRange.imports(meterId, START.minusDays(1), START.plusDays(DAYS + 1)))
        .stream()
        .map(r -> ViewRowCodec.decode(r.value()))
        .collect(Collectors.toList());
  }

  @Test
  void shouldMatchTheSimulatorsGroundTruthPerMeterAndDay() {
    IntervalGrid grid = fleet.grid();
    long exactDays = 0;
    long estimatedWh = 0;
    long estimatedTruthWh = 0;
    for (int i = 0; i < METERS; i++) {
      MeterTruth truth = fleet.truth(i);
      List<ViewRow> rows = rows(full, 1, FleetSpec.meterId(i));
      assertThat(rows).hasSize(DAYS);
      for (ViewRow row : rows) {
        DaySlots slots = row.day().slots();
        long expectedDay = 0;
        boolean exact = true;
        for (int s = 0; s < slots.count(); s++) {
          int g = grid.indexOf(slots.slotStart(s));
          Quality q = row.day().quality(s);
          // Independent expectation: the energy the meter recorded (spikes and zero runs
          // included), as the latest delivered reading says it.
          long expected = truth.recordedWh(g);
          if (q.isActual()) {
            assertThat(row.day().wh(s))
                .as("%s slot %d of %s", FleetSpec.meterId(i), s, row.day().date())
                .isEqualTo(expected);
          } else if (q.isEstimated()) {
            exact = false;
            estimatedWh += row.day().wh(s);
            estimatedTruthWh += truth.cleanWh(g);
          } else {
            exact = false;
          }
          expectedDay += expected;
        }
        if (exact) {
          exactDays++;
          assertThat(row.insights().wh()).isEqualTo(expectedDay);
        }
      }
    }
    assertThat(exactDays).isGreaterThan(METERS * DAYS / 2);
    // Estimated intervals (gaps, spikes, first register slots): within 25 % of the true energy
    // over the fleet.
    assertThat((double) estimatedWh)
        .isCloseTo(estimatedTruthWh, org.assertj.core.data.Percentage.withPercentage(25));
  }

  @Test
  void shouldPublishPeerStatisticsEqualToADirectComputation() {
    long v = full.pointer().orElseThrow().current().number();
    // Direct: every full meter-month of a meter without a missing interval, grouped by the
    // premise's full cohort key (minimum size 1: no relaxation), values sorted here.
    Map<String, List<Double>> byCohortMonth = new TreeMap<>();
    Map<String, Double> meterMonthKwh = new HashMap<>();
    for (int i = 0; i < METERS; i++) {
      String id = FleetSpec.meterId(i);
      Map<YearMonth, long[]> months = new TreeMap<>();
      for (ViewRow r : rows(full, v, id)) {
        long[] m = months.computeIfAbsent(YearMonth.from(r.day().date()), x -> new long[3]);
        m[0] += r.insights().wh();
        m[1]++;
        m[2] += r.insights().missing();
      }
      months.forEach(
          (month, m) -> {
            if (m[1] == month.lengthOfMonth() && m[2] == 0) {
              Premise p = ref.premise(id, month.atEndOfMonth()).orElseThrow();
              String key = month + " " + CohortKey.of(p, COHORTS).describe(COHORTS);
              byCohortMonth.computeIfAbsent(key, k -> new ArrayList<>()).add(m[0] / 1000.0);
              meterMonthKwh.put(id + " " + month, m[0] / 1000.0);
            }
          });
    }
    assertThat(byCohortMonth).isNotEmpty();
    Map<String, double[]> published = new TreeMap<>();
    for (SummaryRow r : full.readSummaries(v, SummaryCodec.cohortPartition("t1"))) {
      var c = SummaryCodec.decodeCohortMonth(r);
      published.put(
          c.month() + " " + c.cohort(), new double[] {c.count(), c.medianKwh(), c.p20Kwh()});
    }
    assertThat(published.keySet()).isEqualTo(byCohortMonth.keySet());
    byCohortMonth.forEach(
        (key, values) -> {
          double[] x = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
          assertThat(published.get(key)[0]).isEqualTo(x.length);
          assertThat(published.get(key)[1]).isCloseTo(quantile(x, 0.5), within());
          assertThat(published.get(key)[2]).isCloseTo(quantile(x, 0.2), within());
        });
    // And each meter-month's own figure and rank.
    int ranked = 0;
    for (int i = 0; i < METERS; i++) {
      String id = FleetSpec.meterId(i);
      for (SummaryRow r : full.readSummaries(v, SummaryCodec.meterPartition(id))) {
        MeterMonthSummary s = SummaryCodec.decodeMeterMonth(r);
        Double kwh = meterMonthKwh.get(id + " " + s.month());
        if (kwh == null) {
          assertThat(s.cohort()).isNull();
          continue;
        }
        assertThat(s.kwh()).isCloseTo(kwh, within());
        double[] x =
            byCohortMonth.get(s.month() + " " + s.cohort()).stream()
                .mapToDouble(Double::doubleValue)
                .toArray();
        long below = Arrays.stream(x).filter(y -> y < kwh).count();
        long equal = Arrays.stream(x).filter(y -> y == kwh).count();
        assertThat(s.percentileRank())
            .isCloseTo(100.0 * (below + equal / 2.0) / x.length, within());
        ranked++;
      }
    }
    assertThat(ranked).isEqualTo(meterMonthKwh.size());
  }

  /** numpy's default quantile: linear between closest ranks. */
  static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    return lo + 1 < sorted.length
        ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo])
        : sorted[lo];
  }

  static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }

  @Test
  void shouldProduceTheSameBytesIncrementallyAsInFull() {
    try (RocksDbViewStore inc = RocksDbViewStore.open(tmp.resolve("incremental"))) {
      BatchRunner r = runner(inc);
      r.run(BatchMode.FULL, firstCut, BatchProgress.Listener.NONE);
      BatchStatus s = r.run(BatchMode.INCREMENTAL, allCut, BatchProgress.Listener.NONE);

      assertThat(s.run().mode()).isEqualTo(BatchMode.INCREMENTAL);
      assertThat(s.current().cut()).isEqualTo(allCut);
      long fullVersion = full.pointer().orElseThrow().current().number();
      for (int i = 0; i < METERS; i++) {
        String id = FleetSpec.meterId(i);
        for (Channel c : Channel.values()) {
          DayRange range = new DayRange(id, c, START.minusDays(1), START.plusDays(DAYS + 1));
          assertThat(inc.readBatch(2, range))
              .as("rows of %s/%s", id, c)
              .isEqualTo(full.readBatch(fullVersion, range));
        }
        assertThat(inc.readSummaries(2, SummaryCodec.meterPartition(id)))
            .isEqualTo(full.readSummaries(fullVersion, SummaryCodec.meterPartition(id)));
      }
      assertThat(inc.readSummaries(2, SummaryCodec.cohortPartition("t1")))
          .isEqualTo(full.readSummaries(fullVersion, SummaryCodec.cohortPartition("t1")));
    }
  }

  @Test
  void shouldProduceTheSameBytesOnOneThreadAsOnWorkerThreads() {
    try (RocksDbViewStore single = RocksDbViewStore.open(tmp.resolve("single-thread"))) {
      new BatchRunner(engine, single, ref, settings, Clock.systemUTC(), 1)
          .run(BatchMode.FULL, allCut, BatchProgress.Listener.NONE);

      long fullVersion = full.pointer().orElseThrow().current().number();
      long compared = 0;
      for (int i = 0; i < METERS; i++) {
        String id = FleetSpec.meterId(i);
        for (Channel c : Channel.values()) {
          DayRange range = new DayRange(id, c, START.minusDays(1), START.plusDays(DAYS + 1));
          List<StoredRow> rows = single.readBatch(1, range);
          assertThat(rows).as("rows of %s/%s", id, c).isEqualTo(full.readBatch(fullVersion, range));
          compared += rows.size();
        }
        assertThat(single.readSummaries(1, SummaryCodec.meterPartition(id)))
            .isEqualTo(full.readSummaries(fullVersion, SummaryCodec.meterPartition(id)));
      }
      assertThat(single.readSummaries(1, SummaryCodec.cohortPartition("t1")))
          .isEqualTo(full.readSummaries(fullVersion, SummaryCodec.cohortPartition("t1")));
      assertThat(compared)
          .as("rows compared: every import day of every meter")
          .isGreaterThanOrEqualTo((long) METERS * DAYS);
    }
  }

  @Test
  void shouldLeaveThePreviousVersionVisibleAndIntactWhenARunDiesHalfWay() {
    try (RocksDbViewStore store = RocksDbViewStore.open(tmp.resolve("killed"))) {
      runner(store).run(BatchMode.FULL, firstCut, BatchProgress.Listener.NONE);
      ViewPointer before = store.pointer().orElseThrow();
      DayRange m0 = DayRange.imports(FleetSpec.meterId(0), START, START.plusDays(DAYS));
      List<StoredRow> rowsBefore = store.readBatch(1, m0);
      ViewStore dying = new DyingStore(store, 3);
      BatchSettings smallPuts =
          new BatchSettings(
              settings.vee(),
              settings.alwaysOn(),
              settings.anomalies(),
              settings.degreeDays(),
              settings.forecast(),
              settings.cohorts(),
              500);
      BatchRunner dyingRunner = new BatchRunner(engine, dying, ref, smallPuts, Clock.systemUTC());

      // The 3rd bulk put of 500 rows dies: 1000 of the ~4400 rows are loaded.
      assertThatThrownBy(
              () -> dyingRunner.run(BatchMode.INCREMENTAL, allCut, BatchProgress.Listener.NONE))
          .hasMessageContaining("killed");

      assertThat(store.pointer()).contains(before);
      assertThat(store.readBatch(1, m0)).isEqualTo(rowsBefore);
      BatchStatus after =
          runner(store).run(BatchMode.INCREMENTAL, allCut, BatchProgress.Listener.NONE);
      assertThat(after.current().number()).isEqualTo(2);
      assertThat(after.previous()).isEqualTo(before.current());
      assertThat(store.readBatch(2, m0))
          .isEqualTo(full.readBatch(full.pointer().orElseThrow().current().number(), m0));
    }
  }

  @Test
  void shouldPublishTheNewestIngestTimeBelowTheCutOfEachPartition() throws Exception {
    // Independently: the test archiver stamps a reading with midnight UTC of its arrival day and
    // puts a meter in partition floorMod(hashCode, 3); the newest ingest time of a partition is
    // that of its latest arrival day, over all deliveries (full run) or those before the split.
    MasterDatasetWriter.Arrivals arrivals =
        MasterDatasetWriter.Arrivals.of(fleet, START.plusDays(DAYS - 5));
    Map<Integer, LocalDate> beforeSplit = newestDay(arrivals.before());
    Map<Integer, LocalDate> all = newestDay(arrivals.before());
    newestDay(arrivals.rest()).forEach((p, d) -> all.merge(p, d, (a, b) -> a.isAfter(b) ? a : b));

    BatchVersion published = full.pointer().orElseThrow().current();
    assertThat(published.heldUpTo()).isEqualTo(midnights(all));
    try (RocksDbViewStore store = RocksDbViewStore.open(tmp.resolve("held"))) {
      BatchStatus first = runner(store).run(BatchMode.FULL, firstCut, BatchProgress.Listener.NONE);
      assertThat(first.current().heldUpTo()).isEqualTo(midnights(beforeSplit));
    }
  }

  private static Map<Integer, LocalDate> newestDay(List<Map.Entry<LocalDate, Reading>> arrivals) {
    Map<Integer, LocalDate> out = new TreeMap<>();
    for (Map.Entry<LocalDate, Reading> a : arrivals) {
      int p = Math.floorMod(a.getValue().meterId().hashCode(), 3);
      out.merge(p, a.getKey(), (x, y) -> x.isAfter(y) ? x : y);
    }
    return out;
  }

  private static Map<Integer, java.time.Instant> midnights(Map<Integer, LocalDate> days) {
    Map<Integer, java.time.Instant> out = new TreeMap<>();
    days.forEach((p, d) -> out.put(p, d.atStartOfDay(ZoneOffset.UTC).toInstant()));
    return out;
  }

  @Test
  void shouldRollBackToThePreviousVersionAndReportIt() {
    try (RocksDbViewStore store = RocksDbViewStore.open(tmp.resolve("rollback"))) {
      BatchRunner r = runner(store);
      BatchStatus first = r.run(BatchMode.FULL, firstCut, BatchProgress.Listener.NONE);
      BatchStatus second = r.run(BatchMode.INCREMENTAL, allCut, BatchProgress.Listener.NONE);

      BatchStatus back = r.rollback();

      assertThat(back.current().number()).isEqualTo(first.current().number());
      assertThat(back.current().cut()).isEqualTo(firstCut);
      assertThat(back.previous()).isEqualTo(second.current());
      assertThat(back.run().mode()).isEqualTo(BatchMode.FULL);
      assertThat(back.run().rows()).isEqualTo(first.run().rows());
    }
  }

  /** A view store that dies (throws) on its n-th bulk put, like a process killed mid-load. */
  static final class DyingStore implements ViewStore {
    private final ViewStore inner;
    private int putsLeft;

    DyingStore(ViewStore inner, int puts) {
      this.inner = inner;
      this.putsLeft = puts;
    }

    @Override
    public long putBatch(long version, Iterable<StoredRow> rows) {
      if (--putsLeft == 0) {
        throw new IllegalStateException("killed half-way through loading version " + version);
      }
      return inner.putBatch(version, rows);
    }

    @Override
    public long putSummaries(long version, Iterable<SummaryRow> rows) {
      return inner.putSummaries(version, rows);
    }

    @Override
    public List<SummaryRow> readSummaries(long version, String partition) {
      return inner.readSummaries(version, partition);
    }

    @Override
    public void putSpeed(StoredRow row) {
      inner.putSpeed(row);
    }

    @Override
    public void deleteSpeed(byte[] key) {
      inner.deleteSpeed(key);
    }

    @Override
    public List<StoredRow> readBatch(long version, DayRange range) {
      return inner.readBatch(version, range);
    }

    @Override
    public List<StoredRow> readSpeed(DayRange range) {
      return inner.readSpeed(range);
    }

    @Override
    public void publish(BatchVersion version) {
      inner.publish(version);
    }

    @Override
    public Optional<ViewPointer> pointer() {
      return inner.pointer();
    }

    @Override
    public void dropVersion(long version) {
      inner.dropVersion(version);
    }

    @Override
    public void close() {}
  }
}
