package io.gridlens.speed;

import static io.gridlens.speed.SpeedFixtures.JAN_1;
import static io.gridlens.speed.SpeedFixtures.ingestedFrom;
import static io.gridlens.speed.SpeedFixtures.reading;
import static io.gridlens.speed.SpeedFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridlens.core.Cut;
import io.gridlens.core.Flag;
import io.gridlens.core.IngestPosition;
import io.gridlens.core.MeterDayKey;
import io.gridlens.core.Quality;
import io.gridlens.core.Reading;
import io.gridlens.core.blend.BlendedDay;
import io.gridlens.core.blend.BlendingQuery;
import io.gridlens.core.blend.RowSource;
import io.gridlens.core.codec.MeterDayKeyCodec;
import io.gridlens.core.reference.ReferenceData;
import io.gridlens.core.vee.VeeConfig;
import io.gridlens.core.view.BatchVersion;
import io.gridlens.core.view.DayRange;
import io.gridlens.core.view.SpeedProgress;
import io.gridlens.core.view.TypedViewStore;
import io.gridlens.core.view.ViewRow;
import io.gridlens.serving.RocksDbViewStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each rule of the speed layer on the real topology ({@link TopologyTestDriver}: one partition, 0,
 * offsets from 0) and a real RocksDB view store.
 *
 * <p>World: meter M1, Paris, half-hourly; BASE 0.25 EUR/kWh without standing charge (cost = kWh /
 * 4), 50 g CO2/kWh (carbon = kWh × 50 g). VEE defaults: gaps up to 120 min (4 slots) between two
 * values are interpolated, longer ones stay missing.
 */
class SpeedTopologyTest {

  private static final String M1 = "M1";
  private static final LocalDate JAN_2 = JAN_1.plusDays(1);
  private static final Instant NOW = Instant.parse("2026-01-03T12:00:00Z");
  private static final ReferenceData REF = SpeedFixtures.reference(List.of(M1));

  @TempDir Path tmp;

  private RocksDbViewStore bytes;
  private TypedViewStore views;
  private SpeedMetrics metrics;
  private TopologyTestDriver driver;

  /** The log ends the processor sees, by partition; none unless a test puts one. */
  private final java.util.Map<Integer, LogEnds.End> logEnds =
      new java.util.concurrent.ConcurrentHashMap<>();

  private TestInputTopic<String, byte[]> readings;

  @BeforeEach
  void start() {
    bytes = RocksDbViewStore.open(tmp.resolve("views"));
    views = new TypedViewStore(bytes);
    metrics = new SpeedMetrics();
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "speed-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9");
    p.put(StreamsConfig.STATE_DIR_CONFIG, tmp.resolve("state").toString());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    driver =
        new TopologyTestDriver(
            SpeedTopology.build(
                "readings",
                REF,
                bytes,
                VeeConfig.DEFAULTS,
                Duration.ofSeconds(1),
                Clock.fixed(NOW, ZoneOffset.UTC),
                metrics,
                partition -> java.util.Optional.ofNullable(logEnds.get(partition))),
            p,
            NOW);
    readings =
        driver.createInputTopic("readings", new StringSerializer(), new ByteArraySerializer());
  }

  @AfterEach
  void stop() {
    driver.close();
    views.close();
  }

  /** Records at offsets 0, 1, 2 of partition 0, the last two stamped NOW - 100 ms. */
  private void sendThreeRecords() {
    send(reading(M1, JAN_1, 0, 100));
    readings.pipeInput(M1, record(reading(M1, JAN_1, 1, 200)), NOW.minusMillis(100));
    readings.pipeInput(M1, record(reading(M1, JAN_1, 2, 300)), NOW.minusMillis(100));
  }

  private void send(Reading... rs) {
    readings.pipeInput(M1, record(rs), NOW.minusMillis(250));
  }

  private Optional<ViewRow> speedRow(LocalDate date) {
    List<ViewRow> rows = views.readSpeed(DayRange.imports(M1, date, date));
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  private static long at(long offset) {
    return new IngestPosition(0, offset).packed();
  }

  private void publish(long version, long cutOffset, List<Reading> ingestedBelowCut) {
    List<ViewRow> rows = new ArrayList<>(SpeedFixtures.batch(ingestedBelowCut, REF).values());
    views.putBatch(version, rows);
    views.publish(new BatchVersion(version, Cut.of(0, cutOffset), NOW));
  }

  private PendingDayView pending(LocalDate date) {
    KeyValueStore<Bytes, byte[]> store = driver.getKeyValueStore(SpeedTopology.STORE);
    byte[] v =
        store.get(
            Bytes.wrap(
                MeterDayKeyCodec.encode(
                    new MeterDayKey(M1, io.gridlens.core.Channel.IMPORT, date))));
    return v == null ? null : new PendingDayView(PendingDay.decode(v));
  }

  private record PendingDayView(PendingDay day) {
    List<Long> offsets() {
      List<Long> out = new ArrayList<>();
      for (int i = 0; i < day.size(); i++) {
        out.add(IngestPosition.offsetOf(day.position(i)));
      }
      return out;
    }
  }

  @Test
  void shouldCreateASpeedRowForTheFirstReadingOfADay() {
    send(reading(M1, JAN_1, 10, 1200));

    ViewRow row = speedRow(JAN_1).orElseThrow();
    // One slot of 1200 Wh, 47 slots missing (no neighbour on both sides: nothing to interpolate).
    assertThat(row.insights().wh()).isEqualTo(1200);
    assertThat(row.insights().actual()).isEqualTo(1);
    assertThat(row.insights().missing()).isEqualTo(47);
    assertThat(row.insights().energyCostEur()).isCloseTo(0.30, within(1e-9)); // 1.2 kWh × 0.25
    assertThat(row.insights().co2G()).isCloseTo(60.0, within(1e-9)); // 1.2 kWh × 50 g
    assertThat(row.maxPosition()).isEqualTo(at(0));
  }

  @Test
  void shouldCountADuplicateOnceAndFlagIt() {
    send(reading(M1, JAN_1, 10, 1200));
    send(reading(M1, JAN_1, 10, 1200));

    ViewRow row = speedRow(JAN_1).orElseThrow();
    assertThat(row.insights().wh()).isEqualTo(1200);
    assertThat(Flag.DUPLICATE.in(row.day().flags(10))).isTrue();
    assertThat(row.maxPosition()).isEqualTo(at(1));
  }

  @Test
  void shouldLetALaterCorrectionWin() {
    send(reading(M1, JAN_1, 10, 1200));
    send(reading(M1, JAN_1, 10, 900));

    ViewRow row = speedRow(JAN_1).orElseThrow();
    assertThat(row.insights().wh()).isEqualTo(900);
    assertThat(Flag.CORRECTED.in(row.day().flags(10))).isTrue();
    assertThat(row.insights().energyCostEur()).isCloseTo(0.225, within(1e-9)); // 0.9 kWh / 4
  }

  @Test
  void shouldApplyOutOfOrderAndLateReadingsToTheirOwnDays() {
    send(reading(M1, JAN_2, 20, 500), reading(M1, JAN_2, 21, 700)); // offset 0
    send(reading(M1, JAN_2, 5, 300)); // offset 1: an earlier interval, arriving later
    LocalDate dec1 = LocalDate.of(2025, 12, 1);
    send(reading(M1, dec1, 0, 250)); // offset 2: a month late

    ViewRow jan2 = speedRow(JAN_2).orElseThrow();
    // 500 + 700 + 300; the gap 6..19 (14 slots = 420 min > 120) stays missing.
    assertThat(jan2.insights().wh()).isEqualTo(1500);
    assertThat(jan2.insights().missing()).isEqualTo(45);
    assertThat(jan2.maxPosition()).isEqualTo(at(1));
    ViewRow late = speedRow(dec1).orElseThrow();
    assertThat(late.insights().wh()).isEqualTo(250);
    assertThat(late.maxPosition()).isEqualTo(at(2));
  }

  @Test
  void shouldIgnoreReadingsBelowThePublishedCut() {
    List<Reading> batched = ingestedFrom(0, reading(M1, JAN_1, 0, 100), reading(M1, JAN_1, 1, 200));
    publish(1, 2, batched);

    send(reading(M1, JAN_1, 0, 100)); // offset 0: in the batch
    send(reading(M1, JAN_1, 1, 200)); // offset 1: in the batch

    assertThat(speedRow(JAN_1)).isEmpty();
    assertThat(pending(JAN_1)).isNull();
    assertThat(metrics.recordsBelowCut()).isEqualTo(2);

    send(reading(M1, JAN_1, 1, 250)); // offset 2: a correction after the cut

    ViewRow row = speedRow(JAN_1).orElseThrow();
    // Base 100 + 200, slot 1 corrected to 250: 350 Wh.
    assertThat(row.insights().wh()).isEqualTo(350);
    assertThat(Flag.CORRECTED.in(row.day().flags(1))).isTrue();
    assertThat(pending(JAN_1).offsets()).containsExactly(2L);
  }

  /**
   * Progress: three records (offsets 0..2) piped at NOW - 250 ms, NOW - 100 ms and NOW - 100 ms;
   * the punctuation (every second of wall clock) reports next offset 3, complete up to NOW - 100
   * ms, and reports nothing new while no record arrives.
   */
  @Test
  void shouldReportThePartitionsProgressAtThePunctuation() {
    sendThreeRecords();
    assertThat(views.speedProgress()).as("nothing before the punctuation").isEmpty();

    driver.advanceWallClockTime(Duration.ofSeconds(1));

    assertThat(views.speedProgress())
        .containsExactly(new SpeedProgress(0, 3, NOW.minusMillis(100)));
    views.putSpeedProgress(new SpeedProgress(0, 3, NOW.minusSeconds(60))); // a marker
    driver.advanceWallClockTime(Duration.ofSeconds(1));
    assertThat(views.speedProgress())
        .as("unchanged progress is not written again")
        .containsExactly(new SpeedProgress(0, 3, NOW.minusSeconds(60)));
  }

  /**
   * An idle partition: its 3 records applied (last timestamp NOW - 100 ms) and its end read at NOW
   * + 2 s at offset 3, so every record acknowledged before NOW + 2 s is applied: complete up to NOW
   * + 2 s. The next read of the end, at NOW + 3 s, moves it again.
   */
  @Test
  void shouldReportAnIdlePartitionCompleteUpToTheLastReadOfItsEnd() {
    sendThreeRecords();
    logEnds.put(0, new LogEnds.End(3, NOW.plusSeconds(2)));

    driver.advanceWallClockTime(Duration.ofSeconds(1));
    assertThat(views.speedProgress()).containsExactly(new SpeedProgress(0, 3, NOW.plusSeconds(2)));

    logEnds.put(0, new LogEnds.End(3, NOW.plusSeconds(3)));
    driver.advanceWallClockTime(Duration.ofSeconds(1));
    assertThat(views.speedProgress()).containsExactly(new SpeedProgress(0, 3, NOW.plusSeconds(3)));
  }

  /**
   * The log reaches offset 4 but only 3 records are applied: the fourth may hold a reading accepted
   * before the read, so the progress stays at the last record applied (NOW - 100 ms).
   */
  @Test
  void shouldNotClaimTheLogsEndBeforeReachingIt() {
    sendThreeRecords();
    logEnds.put(0, new LogEnds.End(4, NOW.plusSeconds(2)));

    driver.advanceWallClockTime(Duration.ofSeconds(1));

    assertThat(views.speedProgress())
        .containsExactly(new SpeedProgress(0, 3, NOW.minusMillis(100)));
  }

  /**
   * The pointer is read once, then at each punctuation: a version published between two records
   * applies from the next punctuation on, and the row stays exact either way (the record below the
   * new cut is folded onto the old base, then dropped on rebase as the batch holds it).
   */
  @Test
  void shouldApplyANewlyPublishedCutFromTheNextPunctuation() {
    send(reading(M1, JAN_1, 0, 100)); // offset 0, no batch yet
    List<Reading> batched = ingestedFrom(0, reading(M1, JAN_1, 0, 100), reading(M1, JAN_1, 1, 200));
    publish(1, 2, batched);

    send(reading(M1, JAN_1, 1, 200)); // offset 1: below the new cut, not yet known here
    assertThat(metrics.recordsBelowCut()).isZero();
    assertThat(speedRow(JAN_1).orElseThrow().insights().wh()).isEqualTo(300);

    driver.advanceWallClockTime(Duration.ofSeconds(1));

    assertThat(speedRow(JAN_1)).as("absorbed by batch 1").isEmpty();
    send(reading(M1, JAN_1, 2, 50)); // offset 2, at the cut: on the base of batch 1
    // Base 100 + 200 from batch 1, plus 50: 350 Wh, one pending reading.
    assertThat(speedRow(JAN_1).orElseThrow().insights().wh()).isEqualTo(350);
    assertThat(pending(JAN_1).offsets()).containsExactly(2L);
  }

  @Test
  void shouldFoldSpeedReadingsOntoTheBatchRowOfTheirDay() {
    // The batch: Jan 1, 100 Wh in every slot but 10 and 11, at offsets 0..45; cut 46.
    List<Reading> sent = new ArrayList<>();
    for (int s = 0; s < 48; s++) {
      if (s != 10 && s != 11) {
        sent.add(reading(M1, JAN_1, s, 100));
      }
    }
    List<Reading> batched = ingestedFrom(0, sent.toArray(Reading[]::new));
    publish(1, 46, batched);
    for (Reading r : sent) {
      send(r);
    }
    assertThat(speedRow(JAN_1)).isEmpty();

    send(reading(M1, JAN_1, 10, 40), reading(M1, JAN_1, 3, 160)); // offset 46

    ViewRow row = speedRow(JAN_1).orElseThrow();
    // 45 slots × 100 = 4500, slot 3 corrected to 160, slot 10 = 40, slot 11 interpolated between
    // 40 and 100: 40 + 60 × 1/2 = 70. Total 4500 + 160 + 40 + 70 = 4770 Wh.
    assertThat(row.insights().wh()).isEqualTo(4770);
    assertThat(row.day().wh(11)).isEqualTo(70);
    assertThat(row.day().quality(11)).isEqualTo(Quality.INTERPOLATED);
    assertThat(row.insights().missing()).isZero();
    assertThat(row.insights().energyCostEur()).isCloseTo(1.1925, within(1e-9)); // 4.77 / 4
    assertThat(row.insights().co2G()).isCloseTo(238.5, within(1e-9)); // 4.77 × 50
    assertThat(row.maxPosition()).isEqualTo(at(46));
    List<BlendedDay> blended =
        new BlendingQuery(views, Clock.fixed(NOW, ZoneOffset.UTC))
            .days(DayRange.imports(M1, JAN_1, JAN_1))
            .days();
    assertThat(blended).singleElement().extracting(BlendedDay::source).isEqualTo(RowSource.SPEED);
  }

  @Test
  void shouldDropAbsorbedDaysAndRecomputeTheRestOnRebase() {
    send(reading(M1, JAN_1, 0, 100)); // offset 0
    send(reading(M1, JAN_1, 1, 200)); // offset 1
    send(reading(M1, JAN_2, 0, 300)); // offset 2
    send(reading(M1, JAN_2, 1, 400)); // offset 3
    assertThat(speedRow(JAN_1).orElseThrow().insights().wh()).isEqualTo(300);
    assertThat(speedRow(JAN_2).orElseThrow().insights().wh()).isEqualTo(700);

    publish(
        1,
        3,
        ingestedFrom(
            0, reading(M1, JAN_1, 0, 100), reading(M1, JAN_1, 1, 200), reading(M1, JAN_2, 0, 300)));
    driver.advanceWallClockTime(Duration.ofSeconds(1));

    // Jan 1: every reading below the cut: state and speed row gone, the batch row answers.
    assertThat(pending(JAN_1)).isNull();
    assertThat(speedRow(JAN_1)).isEmpty();
    // Jan 2: offset 2 absorbed, offset 3 kept; the row is base (300) + 400 = 700 Wh.
    assertThat(pending(JAN_2).offsets()).containsExactly(3L);
    ViewRow jan2 = speedRow(JAN_2).orElseThrow();
    assertThat(jan2.insights().wh()).isEqualTo(700);
    assertThat(jan2.maxPosition()).isEqualTo(at(3));
    List<BlendedDay> blended =
        new BlendingQuery(views, Clock.fixed(NOW, ZoneOffset.UTC))
            .days(DayRange.imports(M1, JAN_1, JAN_2))
            .days();
    assertThat(blended)
        .extracting(d -> d.insights().wh(), BlendedDay::source)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(300L, RowSource.BATCH),
            org.assertj.core.groups.Tuple.tuple(700L, RowSource.SPEED));
    assertThat(metrics.rowsDropped()).isEqualTo(1);
  }

  @Test
  void shouldNeverDropADayByAge() {
    send(reading(M1, JAN_1, 0, 100));

    driver.advanceWallClockTime(Duration.ofDays(40));

    assertThat(speedRow(JAN_1).orElseThrow().insights().wh()).isEqualTo(100);
    assertThat(pending(JAN_1).offsets()).containsExactly(0L);
  }

  @Test
  void shouldPutTheReadingsOfARecordSpanningMidnightInTheirOwnDays() {
    // One record: the last half-hour of Jan 1 (slot 47) and the first two of Jan 2 (slots 0, 1).
    send(reading(M1, JAN_1, 47, 400), reading(M1, JAN_2, 0, 150), reading(M1, JAN_2, 1, 250));

    ViewRow jan1 = speedRow(JAN_1).orElseThrow();
    assertThat(jan1.insights().wh()).isEqualTo(400);
    assertThat(jan1.day().quality(47)).isEqualTo(Quality.ACTUAL);
    ViewRow jan2 = speedRow(JAN_2).orElseThrow();
    // 150 + 250
    assertThat(jan2.insights().wh()).isEqualTo(400);
    assertThat(jan2.day().quality(0)).isEqualTo(Quality.ACTUAL);
    assertThat(jan2.day().quality(1)).isEqualTo(Quality.ACTUAL);
    assertThat(pending(JAN_1).offsets()).containsExactly(0L);
    assertThat(pending(JAN_2).offsets()).containsExactly(0L, 0L);
  }

  @Test
  void shouldNotReplaceAStoredRowThatHoldsAHigherPosition() {
    // A newer owner of the partition already wrote Jan 1 up to offset 7 (900 Wh in slot 3); this
    // instance, a zombie, still processes offset 0.
    ViewRow newer =
        SpeedFixtures.batch(ingestedFrom(7, reading(M1, JAN_1, 3, 900)), REF)
            .values()
            .iterator()
            .next();
    views.putSpeed(newer);

    send(reading(M1, JAN_1, 0, 100)); // offset 0

    ViewRow stored = speedRow(JAN_1).orElseThrow();
    assertThat(stored.maxPosition()).isEqualTo(at(7));
    assertThat(stored.insights().wh()).isEqualTo(900);
    assertThat(metrics.rowsWritten()).isZero();
  }

  @Test
  void shouldSkipReadingsOfAnUnknownMeter() {
    readings.pipeInput("M9", record(reading("M9", JAN_1, 0, 100)), NOW);

    assertThat(views.readSpeed(DayRange.imports("M9", JAN_1, JAN_1))).isEmpty();
    assertThat(metrics.rejectedReadings()).isEqualTo(1);
  }

  @Test
  void shouldMeasureFreshnessFromTheRecordTimestamp() {
    send(reading(M1, JAN_1, 10, 1200)); // stamped 250 ms before the fixed clock

    assertThat(metrics.freshness().count()).isEqualTo(1);
    assertThat(metrics.freshness().max()).isEqualTo(250);
    assertThat(metrics.freshAsOf()).contains(NOW.minusMillis(250));
  }
}
