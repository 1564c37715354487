package io.gridlens.batch.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlens.batch.ReadingSink;
import io.gridlens.batch.SeriesKey;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class SeriesBlocksTest {

  /** A sink that writes down what it is told, one line per call. */
  static final class Recorder implements ReadingSink {
    final List<String> calls = new ArrayList<>();

    @Override
    public void startSeries(SeriesKey series) {
      calls.add("start " + series.meterId() + " " + series.channel());
    }

    @Override
    public void reading(
        long start, int minutes, boolean register, long wh, byte quality, long position) {
      calls.add(start + " " + minutes + " " + register + " " + wh + " " + quality + " " + position);
    }

    @Override
    public void endSeries() {
      calls.add("end");
    }
  }

  static Row row(String meter, String channel, long start, long wh, int partition, long offset) {
    return RowFactory.create(meter, channel, start, 30, false, wh, 0, partition, offset, 0);
  }

  static List<byte[]> encode(int maxReadings, List<Row> rows) {
    List<byte[]> out = new ArrayList<>();
    Iterator<byte[]> it = new SeriesBlocks.Encode(maxReadings).call(rows.iterator());
    it.forEachRemaining(out::add);
    return out;
  }

  @Test
  void shouldPackTheWorkedExampleInto25Bytes() {
    // Header 2 + 2 ("m1") + 1 + 4 = 9; each reading: start delta 1800 -> zz 3600 (2 bytes),
    // minutes, register, quality (3), wh 120 -> zz 240 (2) or 80 -> zz 160 (2), position delta
    // 5 -> zz 10 (1) or 1 -> zz 2 (1): 8 bytes each; 9 + 8 + 8 = 25.
    List<byte[]> blocks =
        encode(
            10, List.of(row("m1", "IMPORT", 1800, 120, 0, 5), row("m1", "IMPORT", 3600, 80, 0, 6)));

    assertThat(blocks).hasSize(1);
    assertThat(blocks.get(0)).hasSize(25);
  }

  @Test
  void shouldReplayASeriesSplitOverBlocksAsOneSeries() {
    List<byte[]> blocks =
        encode(
            2,
            List.of(
                row("m1", "IMPORT", 0, 1, 0, 10),
                row("m1", "IMPORT", 1800, 2, 0, 11),
                row("m1", "IMPORT", 3600, 3, 0, 12),
                row("m2", "EXPORT", 0, 4, 1, 7)));
    Recorder sink = new Recorder();
    SeriesBlocks.Replay replay = new SeriesBlocks.Replay(sink);

    blocks.forEach(replay::block);
    replay.finish();

    long p1 = 1L << 47; // partition 1, offset 0
    assertThat(blocks).hasSize(3);
    assertThat(sink.calls)
        .containsExactly(
            "start m1 IMPORT",
            "0 30 false 1 0 10",
            "1800 30 false 2 0 11",
            "3600 30 false 3 0 12",
            "end",
            "start m2 EXPORT",
            "0 30 false 4 0 " + (p1 + 7),
            "end");
    assertThat(replay.readings).isEqualTo(4);
  }

  @Test
  void shouldRejectAPositionOutsideTheLog() {
    assertThatThrownBy(() -> encode(10, List.of(row("m9", "IMPORT", 0, 1, -1, 0))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("m9")
        .hasMessageContaining("-1@0");
  }

  /** Law: whatever the values and block size, replaying the blocks gives back every reading. */
  @Property(tries = 200)
  void shouldReplayEveryReadingUnchanged(
      @ForAll("readings") List<long[]> readings, @ForAll @IntRange(min = 1, max = 7) int max) {
    List<Row> rows = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    String open = null;
    for (long[] r : readings) {
      String meter = "m" + r[0];
      if (!meter.equals(open)) {
        if (open != null) {
          expected.add("end");
        }
        expected.add("start " + meter + " IMPORT");
        open = meter;
      }
      boolean register = r[3] != 0;
      rows.add(
          RowFactory.create(
              meter, "IMPORT", r[1], (int) r[2], register, r[4], (int) r[5], (int) r[6], r[7], 0));
      expected.add(
          r[1]
              + " "
              + r[2]
              + " "
              + register
              + " "
              + r[4]
              + " "
              + r[5]
              + " "
              + (((long) r[6] << 47) | r[7]));
    }
    if (open != null) {
      expected.add("end");
    }
    Recorder sink = new Recorder();
    SeriesBlocks.Replay replay = new SeriesBlocks.Replay(sink);

    encode(max, rows).forEach(replay::block);
    replay.finish();

    assertThat(sink.calls).isEqualTo(expected);
  }

  @Provide
  Arbitrary<List<long[]>> readings() {
    Arbitrary<long[]> one =
        Combinators.combine(
                Arbitraries.longs().between(0, 3), // meter, sorted below
                Arbitraries.longs().between(-4_000_000_000L, 4_000_000_000L),
                Arbitraries.of(5L, 15L, 30L, 60L),
                Arbitraries.longs().between(0, 1),
                Arbitraries.longs(), // wh: any value, negative and extreme too
                Arbitraries.longs().between(-128, 127),
                Arbitraries.longs().between(0, 65_535),
                Arbitraries.longs().between(0, (1L << 47) - 1))
            .as((m, s, min, reg, wh, q, p, o) -> new long[] {m, s, min, reg, wh, q, p, o});
    return one.list()
        .ofMaxSize(40)
        .map(
            l -> {
              List<long[]> sorted = new ArrayList<>(l);
              sorted.sort((a, b) -> Long.compare(a[0], b[0]));
              return sorted;
            });
  }
}
