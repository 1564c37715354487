package io.gridlens.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlens.core.Channel;
import io.gridlens.core.IngestPosition;
import io.gridlens.core.Quality;
import io.gridlens.core.Reading;
import io.gridlens.core.ValueKind;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ReadingBatchCodecTest {

  private static final Instant NEW_YEAR = Instant.parse("2024-01-01T00:00:00Z"); // 1704067200

  @Test
  void shouldEncodeThreeHalfHoursInNineteenHandCountedBytes() {
    List<Reading> readings =
        List.of(
            reading(NEW_YEAR, 120, Quality.ACTUAL),
            reading(NEW_YEAR.plusSeconds(1800), 130, Quality.ACTUAL),
            reading(NEW_YEAR.plusSeconds(3600), 125, Quality.ACTUAL));

    byte[] bytes = ReadingBatchCodec.encode(readings);

    // version 1; flags 0x08 (steps of one interval, import, interval energy, all ACTUAL);
    // 30 min; source "csv" (length 3); count 3;
    // base zz(1704067200) = 3408134400 = varint 80 82 90 D9 0C;
    // reading 0: wh +120 -> zz 240 = F0 01;
    // reading 1: start +1 step -> zz 2; wh +10 -> zz 20 = 0x14;
    // reading 2: start +1 step -> zz 2; wh -5 -> zz 9.
    assertThat(bytes)
        .containsExactly(
            0x01, 0x08, 0x1E, 0x03, 'c', 's', 'v', 0x03, 0x80, 0x82, 0x90, 0xD9, 0x0C, 0xF0, 0x01,
            0x02, 0x14, 0x02, 0x09);
  }

  @Test
  void shouldKeepQualitiesAndSecondStepsWhenStartsAreOffTheIntervalGrid() {
    List<Reading> readings =
        List.of(
            reading(NEW_YEAR, 5, Quality.ESTIMATED),
            reading(NEW_YEAR.plusSeconds(90), 7, Quality.EDITED));

    byte[] bytes = ReadingBatchCodec.encode(readings);

    // flags 0x04 (quality bytes), no 0x08: 90 s is not a multiple of 1800 s, so deltas are seconds.
    assertThat(bytes[1]).isEqualTo((byte) 0x04);
    assertThat(ReadingBatchCodec.decode(bytes).readings("m1", null, null))
        .containsExactlyElementsOf(readings);
  }

  @Test
  void shouldDecodeToReadingsLoggedAtTheRecordsPosition() {
    List<Reading> readings =
        List.of(
            reading(NEW_YEAR, 1, Quality.ACTUAL),
            reading(NEW_YEAR.plusSeconds(1800), 2, Quality.ACTUAL));
    IngestPosition at = new IngestPosition(3, 42);
    Instant when = Instant.parse("2024-01-02T00:00:00Z");

    List<Reading> decoded =
        ReadingBatchCodec.decode(ReadingBatchCodec.encode(readings)).readings("m1", at, when);

    assertThat(decoded).extracting(Reading::position).containsOnly(at);
    assertThat(decoded).extracting(Reading::ingestTime).containsOnly(when);
    assertThat(decoded).extracting(Reading::wh).containsExactly(1L, 2L);
  }

  @Property
  void shouldDecodeWhatItEncodes(@ForAll("batches") List<Reading> readings) {
    byte[] bytes = ReadingBatchCodec.encode(readings);

    List<Reading> back = ReadingBatchCodec.decode(bytes).readings("m1", null, null);

    assertThat(back).containsExactlyElementsOf(readings);
  }

  @Property
  void shouldReuseABatchAcrossRecordsWithoutLeakingReadings(
      @ForAll("batches") List<Reading> first, @ForAll("batches") List<Reading> second) {
    ReadingBatchCodec.Batch batch = new ReadingBatchCodec.Batch(1);

    ReadingBatchCodec.decode(ByteBuffer.wrap(ReadingBatchCodec.encode(first)), batch);
    ReadingBatchCodec.decode(ByteBuffer.wrap(ReadingBatchCodec.encode(second)), batch);

    assertThat(batch.readings("m1", null, null)).containsExactlyElementsOf(second);
  }

  @Property
  void shouldFailWithAnOffsetOnEveryTruncation(@ForAll("batches") List<Reading> readings) {
    byte[] bytes = ReadingBatchCodec.encode(readings);

    for (int cut = 0; cut < bytes.length; cut++) {
      byte[] truncated = Arrays.copyOf(bytes, cut);
      int end = cut;
      assertThatThrownBy(() -> ReadingBatchCodec.decode(truncated))
          .isInstanceOf(CodecException.class)
          .satisfies(e -> assertThat(((CodecException) e).offset()).isBetween(0, end));
    }
  }

  @Test
  void shouldRefuseANewerFormatVersionSayingWhatToDo() {
    byte[] bytes = ReadingBatchCodec.encode(List.of(reading(NEW_YEAR, 1, Quality.ACTUAL)));
    bytes[0] = 2;

    assertThatThrownBy(() -> ReadingBatchCodec.decode(bytes))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("version 2")
        .hasMessageContaining("upgrade");
  }

  @Test
  void shouldRefuseReadingsOfTwoMetersInOneBatch() {
    Reading other =
        new Reading(
            "m2",
            Channel.IMPORT,
            NEW_YEAR,
            30,
            ValueKind.INTERVAL,
            1,
            Quality.ACTUAL,
            "csv",
            null,
            null);

    assertThatThrownBy(
            () -> ReadingBatchCodec.encode(List.of(reading(NEW_YEAR, 1, Quality.ACTUAL), other)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one meter");
  }

  @Test
  void shouldSpendAtMostThreeBytesPerHalfHourlyReadingOfADay() {
    ReadingBatchCodec.Batch batch =
        new ReadingBatchCodec.Batch(48).reset(Channel.IMPORT, ValueKind.INTERVAL, 30, "sim");
    for (int i = 0; i < 48; i++) {
      // A household: 80..4000 Wh a half hour, swings of at most a few hundred Wh.
      batch.add(NEW_YEAR.getEpochSecond() + 1800L * i, 200 + (i * 37) % 900, 0);
    }

    byte[] bytes = ReadingBatchCodec.encode(batch);

    // Per reading: 1 byte start delta + at most 2 bytes of value delta (|delta| < 8192).
    assertThat(bytes.length).isLessThanOrEqualTo(48 * 3 + 16);
  }

  @Provide
  Arbitrary<List<Reading>> batches() {
    Arbitrary<Channel> channel = Arbitraries.of(Channel.class);
    Arbitrary<ValueKind> kind = Arbitraries.of(ValueKind.class);
    Arbitrary<Integer> minutes = Arbitraries.of(5, 10, 15, 30, 60);
    Arbitrary<String> source = Arbitraries.of("", "csv", "greenbutton", "énedis");
    Arbitrary<List<long[]>> rows =
        Combinators.combine(
                Arbitraries.longs().between(-4_000_000_000L, 4_000_000_000L),
                Arbitraries.longs(),
                Arbitraries.integers().between(0, 2))
            .as((s, wh, q) -> new long[] {s, wh, q})
            .list()
            .ofMinSize(1)
            .ofMaxSize(60);
    Arbitrary<Boolean> aligned = Arbitraries.of(true, false);
    return Combinators.combine(channel, kind, minutes, source, rows, aligned)
        .as(
            (c, k, m, src, rs, align) -> {
              List<Reading> out = new ArrayList<>();
              for (long[] r : rs) {
                long start = align ? (r[0] / (m * 60L)) * (m * 60L) : r[0];
                out.add(
                    new Reading(
                        "m1",
                        c,
                        Instant.ofEpochSecond(start),
                        m,
                        k,
                        r[1],
                        Quality.ofCode((int) r[2]),
                        src,
                        null,
                        null));
              }
              return out;
            });
  }

  private static Reading reading(Instant start, long wh, Quality q) {
    return new Reading(
        "m1", Channel.IMPORT, start, 30, ValueKind.INTERVAL, wh, q, "csv", null, null);
  }
}
