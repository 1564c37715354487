package io.gridlens.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlens.core.Channel;
import io.gridlens.core.Cut;
import io.gridlens.core.MeterDayKey;
import io.gridlens.core.codec.MeterDayKeyCodec;
import io.gridlens.core.view.BatchVersion;
import io.gridlens.core.view.DayRange;
import io.gridlens.core.view.SpeedProgress;
import io.gridlens.core.view.StoredRow;
import io.gridlens.core.view.SummaryRow;
import io.gridlens.core.view.ViewPointer;
import io.gridlens.core.view.ViewStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ViewStore} backend passes: extend it and say how to open a fresh store
 * and how to open the same data again (Debezium's {@code Abstract*Test} pattern).
 *
 * <p>The store is a bytes store, so rows here are sort keys with readable values ({@code
 * "v3|M1|IMPORT|2026-01-05"}): a wrong row shows in a failure message.
 */
public abstract class ViewStoreContractTest {

  protected static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);

  /** The store under test, opened fresh and empty before each test. */
  protected ViewStore store;

  /** A new, empty store. */
  protected abstract ViewStore openEmpty() throws Exception;

  /** The same data as the store just closed, opened again (a process restart). */
  protected abstract ViewStore reopen() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = openEmpty();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  // --- fixtures ------------------------------------------------------------------------------

  protected static byte[] key(String meter, Channel channel, LocalDate date) {
    return MeterDayKeyCodec.encode(new MeterDayKey(meter, channel, date));
  }

  protected static String label(String layer, String meter, Channel channel, LocalDate date) {
    return layer + "|" + meter + "|" + channel + "|" + date;
  }

  protected static StoredRow row(String layer, String meter, Channel channel, LocalDate date) {
    return new StoredRow(
        key(meter, channel, date),
        label(layer, meter, channel, date).getBytes(StandardCharsets.UTF_8));
  }

  protected static StoredRow batchRow(long version, String meter, LocalDate date) {
    return row("v" + version, meter, Channel.IMPORT, date);
  }

  protected static StoredRow speedRow(String meter, LocalDate date) {
    return row("speed", meter, Channel.IMPORT, date);
  }

  protected static List<String> values(List<StoredRow> rows) {
    List<String> out = new ArrayList<>();
    for (StoredRow r : rows) {
      out.add(new String(r.value(), StandardCharsets.UTF_8));
    }
    return out;
  }

  protected static BatchVersion version(long n) {
    // Version n has cut {0: 100 n, 1: 100 n + 1}, published at second n: a reader can check a
    // pointer is whole by recomputing these from the number.
    return new BatchVersion(n, Cut.of(0, 100 * n, 1, 100 * n + 1), Instant.ofEpochSecond(n));
  }

  private static DayRange m1(LocalDate from, LocalDate to) {
    return DayRange.imports("M1", from, to);
  }

  /** Days 1..n of January for M1 in a shuffled order, with neighbouring keys around them. */
  private static List<StoredRow> januaryWithNeighbours(long version, int n) {
    List<StoredRow> rows = new ArrayList<>();
    for (int d = 0; d < n; d++) {
      LocalDate date = JAN_1.plusDays(d);
      rows.add(batchRow(version, "M1", date));
      // "M10" has "M1" as a prefix; "M0"/"M2" sort around it; EXPORT follows IMPORT.
      rows.add(batchRow(version, "M10", date));
      rows.add(batchRow(version, "M0", date));
      rows.add(batchRow(version, "M2", date));
      rows.add(row("v" + version, "M1", Channel.EXPORT, date));
    }
    rows.add(batchRow(version, "M1", JAN_1.minusDays(1)));
    Collections.shuffle(rows, new Random(42));
    return rows;
  }

  // --- empty store ---------------------------------------------------------------------------

  @Test
  void shouldHaveNoPointerWhenEmpty() {
    assertThat(store.pointer()).isEmpty();
  }

  @Test
  void shouldReadNoRowsWhenEmpty() {
    DayRange range = m1(JAN_1, JAN_1.plusDays(30));

    assertThat(store.readBatch(1, range)).isEmpty();
    assertThat(store.readSpeed(range)).isEmpty();
    assertThat(store.readCurrent(range)).isEmpty();
  }

  // --- batch rows and ranges -----------------------------------------------------------------

  @Test
  void shouldReadTheDaysOfARangeInDateOrderWithBothEndsIncluded() {
    store.putBatch(1, januaryWithNeighbours(1, 10));

    List<StoredRow> rows = store.readBatch(1, m1(JAN_1.plusDays(2), JAN_1.plusDays(6)));

    assertThat(values(rows))
        .containsExactly(
            "v1|M1|IMPORT|2026-01-03",
            "v1|M1|IMPORT|2026-01-04",
            "v1|M1|IMPORT|2026-01-05",
            "v1|M1|IMPORT|2026-01-06",
            "v1|M1|IMPORT|2026-01-07");
  }

  @Test
  void shouldReturnTheSortKeyOfEveryRow() {
    store.putBatch(1, januaryWithNeighbours(1, 3));

    List<StoredRow> rows = store.readBatch(1, m1(JAN_1, JAN_1.plusDays(1)));

    assertThat(rows)
        .containsExactly(batchRow(1, "M1", JAN_1), batchRow(1, "M1", JAN_1.plusDays(1)));
  }

  @Test
  void shouldReadOneDayRange() {
    store.putBatch(1, januaryWithNeighbours(1, 5));

    assertThat(values(store.readBatch(1, m1(JAN_1.plusDays(4), JAN_1.plusDays(4)))))
        .containsExactly("v1|M1|IMPORT|2026-01-05");
  }

  @Test
  void shouldReadTheOtherChannelApart() {
    store.putBatch(1, januaryWithNeighbours(1, 3));

    List<StoredRow> rows =
        store.readBatch(1, new DayRange("M1", Channel.EXPORT, JAN_1, JAN_1.plusDays(9)));

    assertThat(values(rows))
        .containsExactly(
            "v1|M1|EXPORT|2026-01-01", "v1|M1|EXPORT|2026-01-02", "v1|M1|EXPORT|2026-01-03");
  }

  @Test
  void shouldReplaceARowOfTheSameKeyWithinAVersion() {
    store.putBatch(1, List.of(batchRow(1, "M1", JAN_1)));
    StoredRow replacement =
        new StoredRow(key("M1", Channel.IMPORT, JAN_1), "again".getBytes(StandardCharsets.UTF_8));

    store.putBatch(1, List.of(replacement));

    assertThat(values(store.readBatch(1, m1(JAN_1, JAN_1)))).containsExactly("again");
  }

  @Test
  void shouldLoadEveryRowOfABulkLoadLargerThanOneWriteGroup() {
    // 2,500 rows: more than two groups of 1,000, and a partial last group.
    List<StoredRow> rows = new ArrayList<>();
    for (int m = 0; m < 25; m++) {
      for (int d = 0; d < 100; d++) {
        rows.add(batchRow(1, String.format("M%03d", m), JAN_1.plusDays(d)));
      }
    }

    long written = store.putBatch(1, rows);

    assertThat(written).isEqualTo(2_500);
    assertThat(store.readBatch(1, DayRange.imports("M007", JAN_1, JAN_1.plusDays(99))))
        .hasSize(100)
        .first()
        .isEqualTo(batchRow(1, "M007", JAN_1));
    assertThat(store.readBatch(1, DayRange.imports("M024", JAN_1.plusDays(99), JAN_1.plusDays(99))))
        .containsExactly(batchRow(1, "M024", JAN_1.plusDays(99)));
  }

  @Test
  void shouldKeepVersionsApart() {
    store.putBatch(1, januaryWithNeighbours(1, 3));
    store.putBatch(2, List.of(batchRow(2, "M1", JAN_1.plusDays(1))));
    DayRange range = m1(JAN_1, JAN_1.plusDays(2));

    assertThat(values(store.readBatch(1, range)))
        .containsExactly(
            "v1|M1|IMPORT|2026-01-01", "v1|M1|IMPORT|2026-01-02", "v1|M1|IMPORT|2026-01-03");
    assertThat(values(store.readBatch(2, range))).containsExactly("v2|M1|IMPORT|2026-01-02");
    assertThat(store.readBatch(3, range)).isEmpty();
  }

  // --- publish, rollback, drop ---------------------------------------------------------------

  @Test
  void shouldPointAtThePublishedVersion() {
    store.putBatch(1, januaryWithNeighbours(1, 2));

    store.publish(version(1));

    assertThat(store.pointer()).contains(new ViewPointer(version(1), null));
    assertThat(values(store.readCurrent(m1(JAN_1, JAN_1))))
        .containsExactly("v1|M1|IMPORT|2026-01-01");
  }

  @Test
  void shouldKeepThePreviousVersionWhenPublishing() {
    store.publish(version(1));

    store.publish(version(2));

    assertThat(store.pointer()).contains(new ViewPointer(version(2), version(1)));
  }

  @Test
  void shouldRollBackToThePreviousVersionAndForwardAgain() {
    store.putBatch(1, januaryWithNeighbours(1, 2));
    store.putBatch(2, januaryWithNeighbours(2, 2));
    store.publish(version(1));
    store.publish(version(2));

    ViewPointer back = store.rollback();

    assertThat(back).isEqualTo(new ViewPointer(version(1), version(2)));
    assertThat(store.pointer()).contains(back);
    assertThat(values(store.readCurrent(m1(JAN_1, JAN_1))))
        .containsExactly("v1|M1|IMPORT|2026-01-01");
    assertThat(store.rollback()).isEqualTo(new ViewPointer(version(2), version(1)));
  }

  @Test
  void shouldRefuseToRollBackWithoutAPreviousVersion() {
    store.publish(version(1));

    assertThatThrownBy(() -> store.rollback())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no previous version");
  }

  @Test
  void shouldRefuseToPublishTheCurrentVersionAgain() {
    store.publish(version(1));

    assertThatThrownBy(() -> store.publish(version(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already the current");
    assertThat(store.pointer()).contains(new ViewPointer(version(1), null));
  }

  @Test
  void shouldRefuseToChangeRowsOfAPublishedVersion() {
    store.publish(version(1));
    store.publish(version(2));

    assertThatThrownBy(() -> store.putBatch(2, List.of(batchRow(2, "M1", JAN_1))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("published");
    assertThatThrownBy(() -> store.putBatch(1, List.of(batchRow(1, "M1", JAN_1))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("published");
    assertThat(store.readBatch(2, m1(JAN_1, JAN_1))).isEmpty();
  }

  @Test
  void shouldDropOnlyTheRowsOfTheDroppedVersion() {
    for (long v = 1; v <= 3; v++) {
      store.putBatch(v, januaryWithNeighbours(v, 3));
    }
    store.publish(version(2));
    store.publish(version(3));

    store.dropVersion(1);

    DayRange range = m1(JAN_1, JAN_1.plusDays(2));
    assertThat(store.readBatch(1, range)).isEmpty();
    assertThat(store.readBatch(1, DayRange.imports("M10", JAN_1, JAN_1))).isEmpty();
    assertThat(store.readBatch(2, range)).hasSize(3);
    assertThat(store.readBatch(3, range)).hasSize(3);
  }

  @Test
  void shouldRefuseToDropTheCurrentOrPreviousVersion() {
    store.putBatch(1, januaryWithNeighbours(1, 1));
    store.putBatch(2, januaryWithNeighbours(2, 1));
    store.publish(version(1));
    store.publish(version(2));

    assertThatThrownBy(() -> store.dropVersion(2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("current");
    assertThatThrownBy(() -> store.dropVersion(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("previous");
    assertThat(store.readBatch(1, m1(JAN_1, JAN_1))).hasSize(1);
  }

  // --- speed rows ----------------------------------------------------------------------------

  @Test
  void shouldReadSpeedRowsOfARangeInDateOrder() {
    store.putSpeed(speedRow("M1", JAN_1.plusDays(3)));
    store.putSpeed(speedRow("M1", JAN_1));
    store.putSpeed(speedRow("M10", JAN_1));
    store.putSpeed(speedRow("M1", JAN_1.plusDays(5)));

    assertThat(values(store.readSpeed(m1(JAN_1, JAN_1.plusDays(3)))))
        .containsExactly("speed|M1|IMPORT|2026-01-01", "speed|M1|IMPORT|2026-01-04");
  }

  @Test
  void shouldReplaceASpeedRow() {
    store.putSpeed(speedRow("M1", JAN_1));

    store.putSpeed(
        new StoredRow(key("M1", Channel.IMPORT, JAN_1), "newer".getBytes(StandardCharsets.UTF_8)));

    assertThat(values(store.readSpeed(m1(JAN_1, JAN_1)))).containsExactly("newer");
  }

  @Test
  void shouldDeleteASpeedRow() {
    store.putSpeed(speedRow("M1", JAN_1));
    store.putSpeed(speedRow("M1", JAN_1.plusDays(1)));

    store.deleteSpeed(key("M1", Channel.IMPORT, JAN_1));
    store.deleteSpeed(key("M1", Channel.IMPORT, JAN_1.plusDays(7)));

    assertThat(values(store.readSpeed(m1(JAN_1, JAN_1.plusDays(9)))))
        .containsExactly("speed|M1|IMPORT|2026-01-02");
  }

  @Test
  void shouldKeepSpeedRowsApartFromBatchRows() {
    store.putBatch(1, januaryWithNeighbours(1, 2));
    store.publish(version(1));
    store.putSpeed(speedRow("M1", JAN_1));

    assertThat(values(store.readBatch(1, m1(JAN_1, JAN_1))))
        .containsExactly("v1|M1|IMPORT|2026-01-01");
    assertThat(values(store.readSpeed(m1(JAN_1, JAN_1.plusDays(1)))))
        .containsExactly("speed|M1|IMPORT|2026-01-01");
  }

  // --- lifecycle -----------------------------------------------------------------------------

  @Test
  void shouldKeepEverythingAfterClosingAndReopening() throws Exception {
    store.putBatch(1, januaryWithNeighbours(1, 3));
    store.putBatch(2, januaryWithNeighbours(2, 3));
    store.publish(version(1));
    store.publish(version(2));
    store.putSpeed(speedRow("M1", JAN_1.plusDays(3)));
    store.close();

    store = reopen();

    assertThat(store.pointer()).contains(new ViewPointer(version(2), version(1)));
    assertThat(values(store.readBatch(1, m1(JAN_1, JAN_1))))
        .containsExactly("v1|M1|IMPORT|2026-01-01");
    assertThat(store.readBatch(2, m1(JAN_1, JAN_1.plusDays(9)))).hasSize(3);
    assertThat(values(store.readSpeed(m1(JAN_1, JAN_1.plusDays(9)))))
        .containsExactly("speed|M1|IMPORT|2026-01-04");
  }

  @Test
  void shouldRefuseCallsAfterClose() {
    store.close();

    assertThatThrownBy(() -> store.pointer()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.readSpeed(m1(JAN_1, JAN_1)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.putSpeed(speedRow("M1", JAN_1)))
        .isInstanceOf(IllegalStateException.class);
    store.close(); // idempotent
  }

  // --- atomicity -----------------------------------------------------------------------------

  @Test
  void shouldShowConcurrentReadersTheOldOrTheNewPointerNeverAMix() throws Exception {
    int publishes = 60;
    AtomicBoolean done = new AtomicBoolean();
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    AtomicInteger observed = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(2);
    List<Thread> readers = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      Thread reader =
          new Thread(
              () -> {
                started.countDown();
                long last = 0;
                while (!done.get()) {
                  ViewPointer p = store.pointer().orElse(null);
                  if (p == null) {
                    continue;
                  }
                  observed.incrementAndGet();
                  long n = p.current().number();
                  BatchVersion expectedPrevious = n == 1 ? null : version(n - 1);
                  if (!p.current().equals(version(n))
                      || !p.equals(new ViewPointer(version(n), expectedPrevious))) {
                    problems.add("mixed pointer " + p);
                  }
                  if (n < last) {
                    problems.add("pointer went back from " + last + " to " + n);
                  }
                  last = n;
                }
              });
      reader.start();
      readers.add(reader);
    }
    started.await();
    for (long v = 1; v <= publishes; v++) {
      store.putBatch(v, List.of(batchRow(v, "M1", JAN_1)));
      store.publish(version(v));
    }
    done.set(true);
    for (Thread r : readers) {
      r.join();
    }

    assertThat(problems).isEmpty();
    assertThat(observed.get()).isPositive();
    assertThat(store.pointer())
        .contains(new ViewPointer(version(publishes), version(publishes - 1)));
  }

  // --- summary rows --------------------------------------------------------------------------

  protected static SummaryRow summary(long version, String partition, int key) {
    return new SummaryRow(
        partition,
        new byte[] {(byte) key},
        ("v" + version + "|" + partition + "|" + key).getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> summaryValues(List<SummaryRow> rows) {
    List<String> out = new ArrayList<>();
    for (SummaryRow r : rows) {
      out.add(new String(r.value(), StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void shouldReadTheSummariesOfOnePartitionInKeyOrder() {
    // "m:M1" is a prefix of "m:M10": the neighbour partition must not leak in.
    store.putSummaries(
        1,
        List.of(
            summary(1, "m:M1", 0x82),
            summary(1, "m:M10", 1),
            summary(1, "m:M1", 2),
            summary(1, "m:M0", 3),
            summary(1, "m:M2x", 9)));

    assertThat(summaryValues(store.readSummaries(1, "m:M1")))
        .containsExactly("v1|m:M1|2", "v1|m:M1|130");
    assertThat(store.readSummaries(1, "m:M2")).isEmpty();
  }

  @Test
  void shouldDropTheSummariesOfADroppedVersion() {
    store.putSummaries(1, List.of(summary(1, "c:t1", 1)));
    store.putSummaries(2, List.of(summary(2, "c:t1", 1)));

    store.dropVersion(1);

    assertThat(store.readSummaries(1, "c:t1")).isEmpty();
    assertThat(summaryValues(store.readSummaries(2, "c:t1"))).containsExactly("v2|c:t1|1");
  }

  @Test
  void shouldRefuseSummariesOfAPublishedVersion() {
    store.putBatch(1, List.of(batchRow(1, "M1", JAN_1)));
    store.publish(version(1));

    assertThatThrownBy(() -> store.putSummaries(1, List.of(summary(1, "c:t1", 1))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("version 1");
  }

  @Test
  void shouldKeepPublishedSummariesAcrossARestart() throws Exception {
    store.putSummaries(1, List.of(summary(1, "b", 1)));
    store.putBatch(1, List.of(batchRow(1, "M1", JAN_1)));
    store.publish(version(1));
    store.close();

    store = reopen();

    assertThat(summaryValues(store.readSummaries(1, "b"))).containsExactly("v1|b|1");
  }

  // --- speed progress ------------------------------------------------------------------------

  private static SpeedProgress progress(int partition, long next, String completeUpTo) {
    return new SpeedProgress(partition, next, Instant.parse(completeUpTo));
  }

  @Test
  void shouldHaveNoSpeedProgressWhenEmpty() {
    assertThat(store.speedProgress()).isEmpty();
  }

  @Test
  void shouldKeepTheLatestSpeedProgressOfEachPartitionInPartitionOrder() {
    store.putSpeedProgress(progress(2, 50, "2026-01-05T10:00:00Z"));
    store.putSpeedProgress(progress(0, 10, "2026-01-05T09:00:00Z"));
    store.putSpeedProgress(progress(0, 12, "2026-01-05T09:00:01.000000123Z"));

    assertThat(store.speedProgress())
        .containsExactly(
            progress(0, 12, "2026-01-05T09:00:01.000000123Z"),
            progress(2, 50, "2026-01-05T10:00:00Z"));
  }

  @Test
  void shouldKeepSpeedProgressAcrossARestart() throws Exception {
    store.putSpeedProgress(progress(1, 7, "2026-01-05T09:30:00Z"));
    store.close();

    store = reopen();

    assertThat(store.speedProgress()).containsExactly(progress(1, 7, "2026-01-05T09:30:00Z"));
  }

  @Test
  void shouldRefuseSpeedProgressAfterClose() {
    store.close();

    assertThatThrownBy(() -> store.speedProgress()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.putSpeedProgress(progress(0, 1, "2026-01-05T09:00:00Z")))
        .isInstanceOf(IllegalStateException.class);
  }
}
