package io.gridlens.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.gridlens.core.Cut;
import io.gridlens.core.DayReadings;
import io.gridlens.core.IngestPosition;
import io.gridlens.core.MeterDay;
import io.gridlens.core.Quality;
import io.gridlens.core.blend.BlendedDay;
import io.gridlens.core.blend.BlendedDays;
import io.gridlens.core.blend.BlendingQuery;
import io.gridlens.core.blend.DayStatus;
import io.gridlens.core.blend.RowSource;
import io.gridlens.core.insight.DayInsights;
import io.gridlens.core.insight.PeriodTotals;
import io.gridlens.core.reference.Contract;
import io.gridlens.core.testkit.TestDays;
import io.gridlens.core.testkit.TestTariffs;
import io.gridlens.core.view.BatchVersion;
import io.gridlens.core.view.DayRange;
import io.gridlens.core.view.SpeedProgress;
import io.gridlens.core.view.StoredRow;
import io.gridlens.core.view.TypedViewStore;
import io.gridlens.core.view.ViewPointer;
import io.gridlens.core.view.ViewRow;
import io.gridlens.core.view.ViewStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blending query of DESIGN.md section 5 on a real RocksDB view store.
 *
 * <p>Days are ordinary January half-hourly days of meter M1 in Paris (48 slots). Batch rows are
 * built by {@link TestDays}, whose readings sit at offsets 0..47 of partition 0; batch version 1
 * has cut {0: 1000}, so a speed row is "newer" when it holds a reading at offset 1000 or more.
 * Tariff: BASE at 0.25 EUR/kWh, no standing charge, so cost = kWh / 4.
 */
class BlendingQueryTest {

  private static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);
  private static final LocalDate JAN_2 = JAN_1.plusDays(1);
  private static final LocalDate JAN_3 = JAN_1.plusDays(2);
  private static final LocalDate JAN_4 = JAN_1.plusDays(3);
  private static final Contract BASE = TestTariffs.base(TestDays.METER, 0.25, 0);
  private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");
  private static final BatchVersion V1 =
      new BatchVersion(1, Cut.of(0, 1000), Instant.parse("2026-01-04T02:00:00Z"));
  private static final BatchVersion V2 =
      new BatchVersion(2, Cut.of(0, 3000), Instant.parse("2026-01-05T02:00:00Z"));

  @TempDir Path tmp;

  private RocksDbViewStore bytes;
  private TypedViewStore views;
  private BlendingQuery query;

  @BeforeEach
  void open() {
    bytes = RocksDbViewStore.open(tmp.resolve("views"));
    views = new TypedViewStore(bytes);
    query = new BlendingQuery(views, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    views.close();
  }

  private static ViewRow row(MeterDay day) {
    return new ViewRow(day, DayInsights.of(day, TestTariffs.context(day, BASE)));
  }

  /** A flat day: every half-hour {@code wh}, all actual, readings at offsets 0..47. */
  private static MeterDay flat(LocalDate date, long wh) {
    return TestDays.day(date).whAll(wh).build();
  }

  /** A day with one more reading, logged later at {@code offset}: the speed layer's fold rule. */
  private static MeterDay withLater(MeterDay base, int slot, long wh, long offset) {
    DayReadings raw = base.readings();
    raw.add(
        slot, wh, new IngestPosition(0, offset).packed(), (byte) Quality.ACTUAL.code(), (byte) 0);
    long[] cleaned = base.whArray();
    cleaned[slot] = wh;
    byte[] quality = base.qualityCodes();
    quality[slot] = (byte) Quality.ACTUAL.code();
    return new MeterDay(raw, cleaned, quality, base.flagWords());
  }

  private static DayRange range(LocalDate from, LocalDate to) {
    return DayRange.imports(TestDays.METER, from, to);
  }

  private void publishBatch(BatchVersion v, MeterDay... days) {
    views.putBatch(v.number(), List.of(days).stream().map(BlendingQueryTest::row).toList());
    views.publish(v);
  }

  @Test
  void shouldAnswerFromTheBatchAlone() {
    publishBatch(V1, flat(JAN_1, 100), flat(JAN_2, 200));

    BlendedDays answer = query.days(range(JAN_1, JAN_2));

    // 48 x 100 = 4800 Wh; 48 x 200 = 9600 Wh; total 14.4 kWh x 0.25 = 3.60 EUR.
    assertThat(answer.days())
        .extracting(
            BlendedDay::date, BlendedDay::source, d -> d.insights().wh(), BlendedDay::status)
        .containsExactly(
            tuple(JAN_1, RowSource.BATCH, 4_800L, DayStatus.FINAL),
            tuple(JAN_2, RowSource.BATCH, 9_600L, DayStatus.FINAL));
    assertThat(answer.total().wh()).isEqualTo(14_400);
    assertThat(answer.total().costEur()).isEqualTo(3.60);
    assertThat(answer.snapshot().batchVersion()).contains(V1);
    // No speed progress stored: fresh as of V1's publish time, not the query clock.
    assertThat(answer.snapshot().freshAsOf()).isEqualTo(V1.publishedAt());
  }

  @Test
  void shouldStampTheAnswerFreshAsOfTheLeastCompletePartitionOfTheCut() {
    BatchVersion v =
        new BatchVersion(1, Cut.of(0, 1000, 1, 800), Instant.parse("2026-01-04T02:00:00Z"));
    publishBatch(v, flat(JAN_1, 100));
    views.putSpeedProgress(new SpeedProgress(0, 1500, Instant.parse("2026-01-05T09:59:59Z")));
    views.putSpeedProgress(new SpeedProgress(1, 900, Instant.parse("2026-01-05T09:59:58Z")));
    // Partition 7 is not in the cut: its progress does not count.
    views.putSpeedProgress(new SpeedProgress(7, 5, Instant.parse("2026-01-01T00:00:00Z")));

    BlendedDays answer = query.days(range(JAN_1, JAN_1));

    // min(09:59:59, 09:59:58) over partitions 0 and 1 of the cut = 09:59:58.
    assertThat(answer.snapshot().freshAsOf()).isEqualTo(Instant.parse("2026-01-05T09:59:58Z"));
  }

  @Test
  void shouldCountAPartitionOfTheCutWithoutProgressAsCompleteAtThePublishTime() {
    BatchVersion v =
        new BatchVersion(1, Cut.of(0, 1000, 1, 800), Instant.parse("2026-01-04T02:00:00Z"));
    publishBatch(v, flat(JAN_1, 100));
    views.putSpeedProgress(new SpeedProgress(0, 1500, Instant.parse("2026-01-05T09:59:59Z")));

    BlendedDays answer = query.days(range(JAN_1, JAN_1));

    // Partition 1 has no progress: it counts as complete at 2026-01-04T02:00, the minimum.
    assertThat(answer.snapshot().freshAsOf()).isEqualTo(v.publishedAt());
  }

  @Test
  void shouldAnswerFromTheSpeedAloneBeforeAnyBatch() {
    views.putSpeed(row(flat(JAN_1, 100)));

    BlendedDays answer = query.days(range(JAN_1, JAN_2));

    assertThat(answer.days())
        .extracting(
            BlendedDay::date, BlendedDay::source, d -> d.insights().wh(), BlendedDay::status)
        .containsExactly(tuple(JAN_1, RowSource.SPEED, 4_800L, DayStatus.PROVISIONAL));
    assertThat(answer.snapshot().batchVersion()).isEmpty();
    assertThat(answer.snapshot().cut()).isEqualTo(Cut.EMPTY);
  }

  @Test
  void shouldTakeTheSpeedRowOnlyForDaysWithReadingsAtOrAfterTheCut() {
    MeterDay jan3 = TestDays.day(JAN_3).whAll(50).missing(47).build(); // 47 x 50 = 2350 Wh
    publishBatch(V1, flat(JAN_1, 100), flat(JAN_2, 200), jan3);
    // Jan 2: a stale speed row, absorbed by batch 1 (its newest reading is at offset 999 < 1000).
    views.putSpeed(row(withLater(flat(JAN_2, 200), 0, 7_000, 999)));
    // Jan 3: the missing half-hour arrives at offset 1000, exactly the cut: 2350 + 50 = 2400 Wh.
    views.putSpeed(row(withLater(jan3, 47, 50, 1000)));
    // Jan 4: a day the batch has not seen; its last reading is at offset 1600.
    views.putSpeed(row(withLater(flat(JAN_4, 10), 5, 10, 1600)));

    BlendedDays answer = query.days(range(JAN_1, JAN_4));

    assertThat(answer.days())
        .extracting(BlendedDay::date, BlendedDay::source, d -> d.insights().wh())
        .containsExactly(
            tuple(JAN_1, RowSource.BATCH, 4_800L),
            tuple(JAN_2, RowSource.BATCH, 9_600L),
            tuple(JAN_3, RowSource.SPEED, 2_400L),
            tuple(JAN_4, RowSource.SPEED, 480L));
    // 4800 + 9600 + 2400 + 480 = 17280 Wh
    assertThat(answer.total().wh()).isEqualTo(17_280);
  }

  @Test
  void shouldCountALateCorrectionOfABatchDayOnce() {
    MeterDay jan1 = flat(JAN_1, 100);
    publishBatch(V1, jan1, flat(JAN_2, 200));
    // Half-hour 10 of Jan 1 is corrected from 100 to 400 Wh, logged at offset 2000.
    views.putSpeed(row(withLater(jan1, 10, 400, 2000)));

    BlendedDays answer = query.days(range(JAN_1, JAN_2));

    // Jan 1: 47 x 100 + 400 = 5100 Wh (not 4800 + 5100); Jan 2: 9600 Wh; total 14700 Wh.
    assertThat(answer.days())
        .extracting(BlendedDay::date, BlendedDay::source, d -> d.insights().wh())
        .containsExactly(
            tuple(JAN_1, RowSource.SPEED, 5_100L), tuple(JAN_2, RowSource.BATCH, 9_600L));
    assertThat(answer.total().wh()).isEqualTo(14_700);
    // 14.7 kWh x 0.25 = 3.675 EUR
    assertThat(answer.total().costEur()).isEqualTo(3.675);
  }

  @Test
  void shouldLeaveDaysWithoutAnyRowOutRatherThanCountThemAsZero() {
    publishBatch(V1, flat(JAN_1, 100), flat(JAN_4, 100));

    BlendedDays answer = query.days(range(JAN_1, JAN_1.plusDays(9)));

    assertThat(answer.days()).extracting(BlendedDay::date).containsExactly(JAN_1, JAN_4);
    assertThat(answer.byMonth().get(YearMonth.of(2026, 1)).days()).isEqualTo(2);
    assertThat(answer.total().expected()).isEqualTo(96);
  }

  @Test
  void shouldStayOnOneSnapshotWhenABatchIsPublishedDuringTheQuery() {
    views.putBatch(1, List.of(row(flat(JAN_1, 100)), row(flat(JAN_2, 100))));
    views.publish(V1);
    views.putBatch(2, List.of(row(flat(JAN_1, 300)), row(flat(JAN_2, 300))));
    ViewStore publishesOnFirstRead = new PublishingOnFirstRead(bytes, V2);
    BlendingQuery racing =
        new BlendingQuery(
            new TypedViewStore(publishesOnFirstRead), Clock.fixed(NOW, ZoneOffset.UTC));

    BlendedDays answer = racing.days(range(JAN_1, JAN_2));

    assertThat(bytes.pointer().map(p -> p.current().number())).contains(2L);
    assertThat(answer.snapshot().batchVersion()).contains(V1);
    // Both days from version 1: 2 x 4800 Wh, not 4800 + 14400.
    assertThat(answer.days()).extracting(d -> d.insights().wh()).containsExactly(4_800L, 4_800L);
    assertThat(query.days(range(JAN_1, JAN_2)).total().wh()).isEqualTo(2 * 14_400);
  }

  @Test
  void shouldSumMonthsAndYearsFromTheBlendedDays() {
    LocalDate dec31 = LocalDate.of(2025, 12, 31);
    LocalDate jan31 = LocalDate.of(2026, 1, 31);
    LocalDate feb1 = LocalDate.of(2026, 2, 1);
    publishBatch(V1, flat(dec31, 100), flat(JAN_1, 100), flat(jan31, 200));
    views.putSpeed(row(withLater(flat(feb1, 10), 0, 10, 1200)));

    BlendedDays answer = query.days(range(dec31, feb1));

    // Dec: 4800 Wh (1 day); Jan: 4800 + 9600 = 14400 Wh (2 days); Feb: 48 x 10 = 480 Wh (1 day).
    assertThat(answer.byMonth())
        .containsOnlyKeys(YearMonth.of(2025, 12), YearMonth.of(2026, 1), YearMonth.of(2026, 2));
    assertThat(answer.byMonth().values())
        .extracting(PeriodTotals::days, PeriodTotals::wh)
        .containsExactly(tuple(1, 4_800L), tuple(2, 14_400L), tuple(1, 480L));
    // 2025: 4800 Wh; 2026: 14400 + 480 = 14880 Wh, 3.72 EUR at 0.25 EUR/kWh.
    assertThat(answer.byYear().get(Year.of(2025)).wh()).isEqualTo(4_800);
    assertThat(answer.byYear().get(Year.of(2026)).wh()).isEqualTo(14_880);
    assertThat(answer.byYear().get(Year.of(2026)).costEur()).isEqualTo(3.72);
  }

  @Test
  void shouldSayWhichDaysAreFinalProvisionalEstimatedOrIncomplete() {
    MeterDay estimated = TestDays.day(JAN_1).whAll(100).quality(3, Quality.ESTIMATED).build();
    MeterDay incomplete = TestDays.day(JAN_2).whAll(100).missing(0).missing(1).build();
    publishBatch(V1, estimated, incomplete, flat(JAN_3, 100));
    views.putSpeed(row(withLater(TestDays.day(JAN_4).whAll(5).missing(47).build(), 3, 5, 1100)));

    BlendedDays answer = query.days(range(JAN_1, JAN_4));

    assertThat(answer.days())
        .extracting(BlendedDay::status, BlendedDay::statuses, BlendedDay::missingIntervals)
        .containsExactly(
            tuple(DayStatus.ESTIMATED, java.util.Set.of(DayStatus.FINAL, DayStatus.ESTIMATED), 0),
            tuple(DayStatus.INCOMPLETE, java.util.Set.of(DayStatus.INCOMPLETE), 2),
            tuple(DayStatus.FINAL, java.util.Set.of(DayStatus.FINAL), 0),
            tuple(
                DayStatus.INCOMPLETE,
                java.util.Set.of(DayStatus.INCOMPLETE, DayStatus.PROVISIONAL),
                1));
  }

  /** A store that publishes a version just before the first batch read, as a racing batch job. */
  private static final class PublishingOnFirstRead implements ViewStore {
    private final ViewStore inner;
    private BatchVersion toPublish;

    PublishingOnFirstRead(ViewStore inner, BatchVersion toPublish) {
      this.inner = inner;
      this.toPublish = toPublish;
    }

    @Override
    public List<StoredRow> readBatch(long version, DayRange range) {
      if (toPublish != null) {
        inner.publish(toPublish);
        toPublish = null;
      }
      return inner.readBatch(version, range);
    }

    @Override
    public long putBatch(long version, Iterable<StoredRow> rows) {
      return inner.putBatch(version, rows);
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
