package io.gridlens.batch.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlens.batch.BatchMode;
import io.gridlens.batch.BatchProgress;
import io.gridlens.batch.BatchRunner;
import io.gridlens.batch.BatchSettings;
import io.gridlens.batch.BatchStatus;
import io.gridlens.batch.DuckDbEngine;
import io.gridlens.batch.MasterDatasetWriter;
import io.gridlens.batch.MasterFiles;
import io.gridlens.batch.SeriesKey;
import io.gridlens.batch.SeriesWork;
import io.gridlens.core.Channel;
import io.gridlens.core.Cut;
import io.gridlens.core.insight.CohortConfig;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.core.view.DayRange;
import io.gridlens.core.view.StoredRow;
import io.gridlens.core.view.SummaryCodec;
import io.gridlens.core.view.ViewStore;
import io.gridlens.serving.RocksDbViewStore;
import io.gridlens.simulator.FaultRates;
import io.gridlens.simulator.Fleet;
import io.gridlens.simulator.FleetSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engine equivalence: on one master dataset (a simulated fleet with faults, logged in delivery
 * order), the Spark engine on local[2] and the embedded engine publish the same views, row for row
 * and byte for byte, in full and incremental runs. The runs happen once, before the tests, which
 * check what they published.
 */
class SparkEngineEquivalenceTest {

  static final int METERS = 24;
  static final LocalDate START = LocalDate.of(2026, 1, 1);
  static final int DAYS = 100; // over the spring DST change, past the 90 days of the regression
  static final BatchSettings SETTINGS =
      BatchSettings.DEFAULT.withCohorts(CohortConfig.DEFAULT.withMinSize(1));

  @TempDir static Path tmp;
  static InMemoryReferenceData ref;
  static Cut firstCut;
  static Cut allCut;
  static DuckDbEngine embedded;
  static SparkEngine spark;
  static RocksDbViewStore embeddedFull;
  static RocksDbViewStore embeddedIncremental;
  static RocksDbViewStore sparkFull;
  static BatchStatus sparkFullStatus;
  static RocksDbViewStore sparkIncremental;
  static BatchStatus sparkIncrementalStatus;

  @BeforeAll
  static void logTheFleetAndRunTheEmbeddedEngine() throws Exception {
    Fleet fleet = Fleet.of(FleetSpec.of(11, METERS, START, DAYS).withFaults(FaultRates.DEFAULT));
    ref = fleet.referenceData();
    MasterDatasetWriter.Arrivals arrivals =
        MasterDatasetWriter.Arrivals.of(fleet, START.plusDays(DAYS - 6));
    Path data = tmp.resolve("data");
    try (MasterDatasetWriter w = new MasterDatasetWriter(data, 3)) {
      w.log(arrivals.before());
      firstCut = MasterFiles.cutOnDisk(data);
      w.log(arrivals.rest());
    }
    allCut = MasterFiles.cutOnDisk(data);
    embedded = DuckDbEngine.open(data, new DuckDbEngine.Settings("512MB", 2, 50_000));
    spark = SparkEngine.over(data, LocalSpark.session(), LocalSpark.SETTINGS);
    embeddedFull = RocksDbViewStore.open(tmp.resolve("embedded-full"));
    runner(embedded, embeddedFull).run(BatchMode.FULL, allCut, BatchProgress.Listener.NONE);
    embeddedIncremental = RocksDbViewStore.open(tmp.resolve("embedded-incremental"));
    BatchRunner r = runner(embedded, embeddedIncremental);
    r.run(BatchMode.FULL, firstCut, BatchProgress.Listener.NONE);
    r.run(BatchMode.INCREMENTAL, allCut, BatchProgress.Listener.NONE);

    sparkFull = RocksDbViewStore.open(tmp.resolve("spark-full"));
    sparkFullStatus =
        runner(spark, sparkFull).run(BatchMode.FULL, allCut, BatchProgress.Listener.NONE);
    sparkIncremental = RocksDbViewStore.open(tmp.resolve("spark-incremental"));
    BatchRunner s = runner(spark, sparkIncremental);
    s.run(BatchMode.FULL, firstCut, BatchProgress.Listener.NONE);
    sparkIncrementalStatus = s.run(BatchMode.INCREMENTAL, allCut, BatchProgress.Listener.NONE);
  }

  @AfterAll
  static void close() {
    embeddedFull.close();
    embeddedIncremental.close();
    sparkFull.close();
    sparkIncremental.close();
    embedded.close();
    spark.close();
  }

  static BatchRunner runner(io.gridlens.batch.BatchEngine engine, ViewStore store) {
    return new BatchRunner(engine, store, ref, SETTINGS, Clock.systemUTC());
  }

  /**
   * Every row of every meter and channel, every meter-month and cohort-month summary of the
   * published versions are equal, and there are rows to compare.
   */
  static void assertSameViews(ViewStore actual, ViewStore expected) {
    long a = actual.pointer().orElseThrow().current().number();
    long e = expected.pointer().orElseThrow().current().number();
    long rows = 0;
    for (int i = 0; i < METERS; i++) {
      String id = FleetSpec.meterId(i);
      for (Channel c : Channel.values()) {
        DayRange range = new DayRange(id, c, START.minusDays(2), START.plusDays(DAYS + 2));
        List<StoredRow> want = expected.readBatch(e, range);
        assertThat(actual.readBatch(a, range)).as("rows of %s/%s", id, c).isEqualTo(want);
        rows += want.size();
      }
      assertThat(actual.readSummaries(a, SummaryCodec.meterPartition(id)))
          .as("monthly summaries of %s", id)
          .isEqualTo(expected.readSummaries(e, SummaryCodec.meterPartition(id)));
    }
    assertThat(actual.readSummaries(a, SummaryCodec.cohortPartition("t1")))
        .as("cohort summaries")
        .isNotEmpty()
        .isEqualTo(expected.readSummaries(e, SummaryCodec.cohortPartition("t1")));
    // Every meter has a row for each of its days: at least one channel of DAYS rows each.
    assertThat(rows).isGreaterThanOrEqualTo((long) METERS * DAYS);
  }

  @Test
  void shouldListTheSameSeriesAsTheEmbeddedEngine() {
    assertThat(spark.series(firstCut)).isNotEmpty().isEqualTo(embedded.series(firstCut));
  }

  @Test
  void shouldFindTheSameNewestIngestTimesAsTheEmbeddedEngine() {
    assertThat(spark.heldUpTo(firstCut)).isNotEmpty().isEqualTo(embedded.heldUpTo(firstCut));
    assertThat(spark.heldUpTo(allCut))
        .isEqualTo(embedded.heldUpTo(allCut))
        .isNotEqualTo(embedded.heldUpTo(firstCut));
  }

  @Test
  void shouldFindTheSameTouchedSeriesAsTheEmbeddedEngine() {
    Map<SeriesKey, Long> touched = spark.touched(firstCut, allCut);
    assertThat(touched).isNotEmpty().isEqualTo(embedded.touched(firstCut, allCut));
  }

  @Test
  void shouldPublishTheEmbeddedEnginesViewInAFullRun() {
    BatchStatus s = sparkFullStatus;
    BatchStatus e = runner(embedded, embeddedFull).status().orElseThrow();

    assertThat(s.run().engine()).isEqualTo("spark");
    assertThat(s.run().mode()).isEqualTo(BatchMode.FULL);
    assertThat(s.current().cut()).isEqualTo(allCut);
    assertThat(s.run().readings()).isEqualTo(e.run().readings());
    assertThat(s.run().rows()).isEqualTo(e.run().rows());
    assertSameViews(sparkFull, embeddedFull);
  }

  @Test
  void shouldPublishTheEmbeddedEnginesViewInAnIncrementalRun() {
    BatchStatus s = sparkIncrementalStatus;

    assertThat(s.run().mode()).isEqualTo(BatchMode.INCREMENTAL);
    assertThat(s.current().cut()).isEqualTo(allCut);
    assertThat(s.previous().cut()).isEqualTo(firstCut);
    assertSameViews(sparkIncremental, embeddedIncremental);
    assertSameViews(sparkIncremental, embeddedFull);
  }

  @Test
  void shouldRollBackToTheFullVersionAfterAnIncrementalRunAndForwardAgain() {
    BatchRunner r = runner(spark, sparkIncremental);

    BatchStatus back = r.rollback();

    assertThat(back.current().cut()).isEqualTo(firstCut);
    assertThat(back.run().engine()).isEqualTo("spark");
    assertThat(back.run().mode()).isEqualTo(BatchMode.FULL);
    assertThat(back.previous()).isEqualTo(sparkIncrementalStatus.current());
    assertThat(r.rollback().current()).isEqualTo(sparkIncrementalStatus.current());
  }

  /**
   * On a local master the executors reach the driver's store, so the core runs in the Spark tasks:
   * the engine answers the job's work itself (not through a scan to the driver), with the readings
   * the embedded engine streamed, and the rows are in the store under the work's version.
   */
  @Test
  void shouldRunTheCoreInTheSparkTasksWhenTheyReachTheStore() throws Exception {
    try (RocksDbViewStore store = RocksDbViewStore.open(tmp.resolve("executors"))) {
      long[] progressed = new long[1];
      SeriesWork work = SeriesWork.full(ref, SETTINGS, 7, java.time.Instant.now());

      Optional<SeriesWork.Outcome> outcome =
          spark.compute(allCut, null, work, store, n -> progressed[0] += n);

      BatchStatus e = runner(embedded, embeddedFull).status().orElseThrow();
      assertThat(outcome).isPresent();
      assertThat(outcome.get().readings()).isEqualTo(e.run().readings());
      assertThat(progressed[0]).isEqualTo(e.run().readings());
      assertThat(outcome.get().rows()).isGreaterThanOrEqualTo((long) METERS * DAYS);
      String id = FleetSpec.meterId(0);
      DayRange range = new DayRange(id, Channel.IMPORT, START, START.plusDays(DAYS));
      assertThat(store.readBatch(7, range))
          .isNotEmpty()
          .isEqualTo(embeddedFull.readBatch(e.current().number(), range));
    }
  }
}
