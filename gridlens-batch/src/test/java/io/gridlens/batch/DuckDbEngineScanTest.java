package io.gridlens.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlens.core.Channel;
import io.gridlens.core.Cut;
import io.gridlens.core.IngestPosition;
import io.gridlens.core.Quality;
import io.gridlens.core.Reading;
import io.gridlens.core.ValueKind;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The embedded engine's scan, whose grouping and ordering are done in Java: every series streamed
 * exactly once, its readings in (interval start, ingest position) order, whatever the order of
 * arrival, the chunking, or a series spread over two partitions.
 */
class DuckDbEngineScanTest {

  private static final int PARTITIONS = 2;
  private static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");

  @TempDir static Path tmp;
  static DuckDbEngine engine;
  static DuckDbEngine joining;
  static Cut cut;

  /** Per series, the expected readings as {start, wh, packed position}, in expected order. */
  static Map<SeriesKey, List<long[]>> expected =
      new TreeMap<>(
          Comparator.comparing(SeriesKey::meterId).thenComparing(k -> k.channel().name()));

  @BeforeAll
  static void logShuffledReadingsWithDuplicatesAndARepartitionedMeter() throws Exception {
    Random random = new Random(11);
    List<Map.Entry<LocalDate, Reading>> hashed = new ArrayList<>();
    for (int m = 0; m < 9; m++) {
      String meter = "M" + m;
      for (int i = 0; i < 40; i++) {
        Instant start = T0.plusSeconds(1800L * i);
        hashed.add(arrival(random, reading(meter, Channel.IMPORT, start, 100 + i)));
        if (i % 7 == 0) { // a correction of the same interval, logged later or earlier
          hashed.add(arrival(random, reading(meter, Channel.IMPORT, start, 900 + i)));
        }
        if (m == 3 && i < 5) {
          hashed.add(arrival(random, reading(meter, Channel.EXPORT, start, 7)));
        }
      }
    }
    Collections.shuffle(hashed, random);
    List<Map.Entry<LocalDate, Reading>> repartitioned = new ArrayList<>();
    for (int i = 40; i < 50; i++) { // M5 goes on in the other partition
      repartitioned.add(
          arrival(random, reading("M5", Channel.IMPORT, T0.plusSeconds(1800L * i), 500 + i)));
    }
    repartitioned.add(arrival(random, reading("M5", Channel.IMPORT, T0, 1))); // corrects i = 0
    Path data = tmp.resolve("data");
    try (MasterDatasetWriter w = new MasterDatasetWriter(data, PARTITIONS)) {
      // Independently of the engine: the writer gives each reading the next offset of its
      // partition, in the order of the list it is handed: arrival day, then shuffled.
      long[] next = new long[PARTITIONS];
      hashed = byArrivalDay(hashed);
      for (Map.Entry<LocalDate, Reading> a : hashed) {
        expect(a.getValue(), w.partition(a.getValue().meterId()), next);
      }
      w.log(hashed);
      int other = 1 - w.partition("M5");
      repartitioned = byArrivalDay(repartitioned);
      for (Map.Entry<LocalDate, Reading> a : repartitioned) {
        expect(a.getValue(), other, next);
      }
      w.logTo(other, repartitioned);
    }
    for (List<long[]> rs : expected.values()) {
      rs.sort(Comparator.<long[]>comparingLong(r -> r[0]).thenComparingLong(r -> r[2]));
    }
    cut = MasterFiles.cutOnDisk(data);
    // Chunks of at most 7 readings plus one series: one series or two a chunk.
    engine = DuckDbEngine.open(data, new DuckDbEngine.Settings("256MB", 1, 7));
    joining = DuckDbEngine.open(data, new DuckDbEngine.Settings("256MB", 1, 7));
    joining.scanByJoin();
  }

  /**
   * The writer logs a day's arrivals per partition in list order, days in date order: the order in
   * which it hands out offsets.
   */
  private static List<Map.Entry<LocalDate, Reading>> byArrivalDay(
      List<Map.Entry<LocalDate, Reading>> arrivals) {
    List<Map.Entry<LocalDate, Reading>> out = new ArrayList<>(arrivals);
    out.sort(Map.Entry.comparingByKey()); // stable: list order within a day
    return out;
  }

  private static void expect(Reading r, int partition, long[] next) {
    long position = new IngestPosition(partition, next[partition]++).packed();
    expected
        .computeIfAbsent(new SeriesKey(r.meterId(), r.channel()), k -> new ArrayList<>())
        .add(new long[] {r.intervalStart().getEpochSecond(), r.wh(), position});
  }

  private static Map.Entry<LocalDate, Reading> arrival(Random random, Reading r) {
    return new AbstractMap.SimpleEntry<>(LocalDate.of(2026, 2, 2 + random.nextInt(3)), r);
  }

  private static Reading reading(String meter, Channel channel, Instant start, long wh) {
    return new Reading(
        meter, channel, start, 30, ValueKind.INTERVAL, wh, Quality.ACTUAL, "t", null, null);
  }

  @AfterAll
  static void close() {
    engine.close();
    joining.close();
  }

  /** Records what a scan streams, checking the sink protocol. */
  static final class Recorder implements ReadingSink {
    final Map<SeriesKey, List<long[]>> seen = new LinkedHashMap<>();
    final Map<SeriesKey, Integer> starts = new HashMap<>();
    SeriesKey current;

    @Override
    public void startSeries(SeriesKey series) {
      assertThat(current).as("startSeries before the previous series ended").isNull();
      current = series;
      starts.merge(series, 1, Integer::sum);
      seen.computeIfAbsent(series, k -> new ArrayList<>());
    }

    @Override
    public void reading(
        long start, int minutes, boolean register, long wh, byte quality, long position) {
      assertThat(minutes).isEqualTo(30);
      assertThat(register).isFalse();
      assertThat(quality).isEqualTo((byte) Quality.ACTUAL.code());
      seen.get(current).add(new long[] {start, wh, position});
    }

    @Override
    public void endSeries() {
      assertThat(current).isNotNull();
      current = null;
    }
  }

  /** By series hash (the default), or joined to the plan by meter id and channel. */
  @ParameterizedTest(name = "joined to the plan: {0}")
  @ValueSource(booleans = {false, true})
  void shouldStreamEverySeriesOnceInStartThenPositionOrder(boolean byJoin) {
    Recorder r = new Recorder();

    (byJoin ? joining : engine).scan(cut, null, r);

    assertThat(r.current).isNull();
    assertThat(r.starts).allSatisfy((k, n) -> assertThat(n).as("times %s started", k).isOne());
    assertThat(r.seen.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach(
        (series, want) ->
            assertThat(r.seen.get(series))
                .as("readings of %s", series)
                .usingElementComparator(Comparator.comparing(java.util.Arrays::toString))
                .containsExactlyElementsOf(want));
  }

  @ParameterizedTest(name = "joined to the plan: {0}")
  @ValueSource(booleans = {false, true})
  void shouldStreamOnlyTheWantedSeriesFromTheirStart(boolean byJoin) {
    SeriesKey m5 = new SeriesKey("M5", Channel.IMPORT);
    SeriesKey m3export = new SeriesKey("M3", Channel.EXPORT);
    long from = T0.plusSeconds(1800L * 38).getEpochSecond();
    Recorder r = new Recorder();

    (byJoin ? joining : engine).scan(cut, Map.of(m5, from, m3export, T0.getEpochSecond()), r);

    assertThat(r.seen.keySet()).containsExactlyInAnyOrder(m5, m3export);
    List<long[]> m5Tail = new ArrayList<>();
    for (long[] x : expected.get(m5)) {
      if (x[0] >= from) {
        m5Tail.add(x);
      }
    }
    // M5 from interval 38: 38 and 39 from its first partition, 40..49 from the other.
    assertThat(m5Tail).hasSize(12);
    assertThat(r.seen.get(m5))
        .usingElementComparator(Comparator.comparing(java.util.Arrays::toString))
        .containsExactlyElementsOf(m5Tail);
    assertThat(r.seen.get(m3export))
        .usingElementComparator(Comparator.comparing(java.util.Arrays::toString))
        .containsExactlyElementsOf(expected.get(m3export));
  }
}
