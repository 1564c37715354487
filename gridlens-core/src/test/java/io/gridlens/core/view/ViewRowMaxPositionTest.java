package io.gridlens.core.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlens.core.DayReadings;
import io.gridlens.core.IngestPosition;
import io.gridlens.core.MeterDay;
import io.gridlens.core.Quality;
import io.gridlens.core.codec.CodecException;
import io.gridlens.core.insight.DayInsights;
import io.gridlens.core.testkit.TestDays;
import io.gridlens.core.testkit.TestTariffs;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link ViewRowCodec#maxPosition}: the highest position of an encoded row, without decoding. */
class ViewRowMaxPositionTest {

  private static final LocalDate JAN_15 = LocalDate.of(2026, 1, 15);

  private static byte[] encoded(MeterDay day, DayHistory history) {
    return ViewRowCodec.encode(
        new ViewRow(day, DayInsights.of(day, TestTariffs.context(day, null)), history));
  }

  @Test
  void shouldReadTheHighestPositionOfTheSlotsThatHoldAReading() {
    // TestDays puts the reading of slot i at position 0@i; slots 46 and 47 are missing, so the
    // highest position is that of slot 45: 0@45, packed (0 << 47) | 45 = 45.
    MeterDay day = TestDays.day(JAN_15).whAll(240).missing(46).missing(47).build();

    assertThat(ViewRowCodec.maxPosition(encoded(day, null))).isEqualTo(45L);
  }

  @Test
  void shouldReadPositionsOfAnyPartitionAndAnyOrder() {
    // Slot 3 at 2@500, slot 7 at 3@12, slot 20 at 1@9000: the highest is 3@12,
    // packed (3 << 47) | 12 = 422,212,465,065,996.
    MeterDay shape = TestDays.day(JAN_15).build();
    DayReadings raw = new DayReadings(shape.key(), shape.readings().slots());
    raw.add(3, 100, new IngestPosition(2, 500).packed(), (byte) Quality.ACTUAL.code(), (byte) 0);
    raw.add(7, 100, new IngestPosition(3, 12).packed(), (byte) Quality.ACTUAL.code(), (byte) 0);
    raw.add(20, 100, new IngestPosition(1, 9000).packed(), (byte) Quality.ACTUAL.code(), (byte) 0);
    long[] wh = new long[48];
    byte[] quality = new byte[48];
    Arrays.fill(quality, (byte) Quality.MISSING.code());
    for (int slot : new int[] {3, 7, 20}) {
      wh[slot] = 100;
      quality[slot] = (byte) Quality.ACTUAL.code();
    }
    MeterDay day = new MeterDay(raw, wh, quality, new int[48]);

    assertThat(ViewRowCodec.maxPosition(encoded(day, null))).isEqualTo(422_212_465_065_996L);
  }

  @Test
  void shouldReadTheHighestPositionOfABatchRowWithHistory() {
    MeterDay day = TestDays.day(JAN_15).whAll(240).build();

    assertThat(ViewRowCodec.maxPosition(encoded(day, new DayHistory(120.0, 0)))).isEqualTo(47L);
  }

  @Test
  void shouldSayNoneForADayWithoutReadings() {
    byte[] none = encoded(withoutReadings(TestDays.day(JAN_15).build()), null);

    assertThat(ViewRowCodec.maxPosition(none)).isEqualTo(IngestPosition.NONE);
  }

  @Test
  void shouldRejectAnUnknownFormatVersion() {
    byte[] bytes = encoded(TestDays.day(JAN_15).whAll(240).build(), null);
    bytes[0] = 9;

    assertThatThrownBy(() -> ViewRowCodec.maxPosition(bytes))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("version 9");
  }

  @Test
  void shouldRejectARowCutBeforeItsPositions() {
    byte[] bytes = encoded(TestDays.day(JAN_15).whAll(240).build(), null);

    assertThatThrownBy(() -> ViewRowCodec.maxPosition(Arrays.copyOf(bytes, 40)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("truncated");
  }

  private static MeterDay withoutReadings(MeterDay shape) {
    byte[] quality = new byte[48];
    Arrays.fill(quality, (byte) Quality.MISSING.code());
    return new MeterDay(
        new DayReadings(shape.key(), shape.readings().slots()), new long[48], quality, new int[48]);
  }
}
