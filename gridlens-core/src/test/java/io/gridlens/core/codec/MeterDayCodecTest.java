package io.gridlens.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlens.core.Channel;
import io.gridlens.core.DayReadings;
import io.gridlens.core.DaySlots;
import io.gridlens.core.IngestPosition;
import io.gridlens.core.MeterDay;
import io.gridlens.core.MeterDayKey;
import io.gridlens.core.Quality;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MeterDayCodecTest {

  /**
   * A working day of a Paris flat, half-hourly, in Wh: flat at night, a morning bump, an evening
   * peak. Every step between neighbours is at most 50 Wh, so each delta but the first is 1 byte.
   */
  private static final long[] PROFILE = {
    160,
    150,
    150,
    140,
    140,
    140,
    150,
    150,
    160,
    170,
    200,
    250, // 00:00-06:00
    300,
    350,
    380,
    340,
    300,
    260, // 06:00-09:00
    230,
    220,
    210,
    210,
    220,
    240,
    260,
    250,
    230,
    220,
    210,
    220,
    240,
    270,
    310,
    360, // -17:00
    410,
    460,
    500,
    540,
    560,
    540,
    500,
    450,
    400,
    350, // 17:00-22:00
    300,
    250,
    210,
    180 // 22:00-24:00
  };

  @Provide
  Arbitrary<MeterDay> days() {
    return MeterDayArbitraries.days();
  }

  @Property(tries = 200)
  void shouldDecodeWhatItEncodes(@ForAll("days") MeterDay day) {
    byte[] bytes = MeterDayCodec.encode(day);

    assertThat(MeterDayCodec.decode(bytes)).isEqualTo(day);
    assertThat(bytes).hasSize(MeterDayCodec.encodedSize(day));
  }

  @Property(tries = 50)
  void shouldReadOneDayFromABufferAndStopAfterIt(
      @ForAll("days") MeterDay first, @ForAll("days") MeterDay second) {
    ByteBuffer buf =
        ByteBuffer.allocate(MeterDayCodec.encodedSize(first) + MeterDayCodec.encodedSize(second));
    MeterDayCodec.encode(first, buf);
    MeterDayCodec.encode(second, buf);
    buf.flip();

    assertThat(MeterDayCodec.decode(buf)).isEqualTo(first);
    assertThat(MeterDayCodec.decode(buf)).isEqualTo(second);
    assertThat(buf.hasRemaining()).isFalse();
  }

  @Property(tries = 100)
  void shouldRejectEveryTruncation(
      @ForAll("days") MeterDay day, @ForAll @IntRange(max = 10_000) int cut) {
    byte[] bytes = MeterDayCodec.encode(day);
    int length = cut % bytes.length; // a strict prefix, possibly empty
    byte[] truncated = Arrays.copyOf(bytes, length);

    assertThatThrownBy(() -> MeterDayCodec.decode(truncated))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("truncated record")
        .hasMessageContaining("offset")
        .satisfies(e -> assertThat(((CodecException) e).offset()).isBetween(0, length));
  }

  @Test
  void shouldRejectEveryTruncationOfATypicalDay() {
    byte[] bytes = MeterDayCodec.encode(typicalDay());
    for (int length = 0; length < bytes.length; length++) {
      byte[] truncated = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> MeterDayCodec.decode(truncated))
          .isInstanceOf(CodecException.class)
          .hasMessageContaining("truncated record");
    }
  }

  @Test
  void shouldRejectAnUnknownVersion() {
    byte[] bytes = MeterDayCodec.encode(typicalDay());
    bytes[0] = 2;

    assertThatThrownBy(() -> MeterDayCodec.decode(bytes))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("unsupported MeterDay format version 2 at offset 0")
        .hasMessageContaining("reads version 1");
  }

  @Test
  void shouldRejectTrailingBytes() {
    byte[] bytes = Arrays.copyOf(MeterDayCodec.encode(typicalDay()), 308);

    assertThatThrownBy(() -> MeterDayCodec.decode(bytes))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("1 unexpected bytes after the end of the day at offset 307");
  }

  @Test
  void shouldRejectAnUnknownQualityCodeNamingItsOffset() {
    byte[] bytes = MeterDayCodec.encode(typicalDay());
    // Header 42 bytes, raw values 49, positions 48: the first quality byte is at offset 139.
    assertThat(bytes[139]).isEqualTo((byte) Quality.ACTUAL.code());
    bytes[139] = 6;

    assertThatThrownBy(() -> MeterDayCodec.decode(bytes))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("corrupt record at offset 139")
        .hasMessageContaining("raw quality code 0..5")
        .satisfies(e -> assertThat(((CodecException) e).offset()).isEqualTo(139));
  }

  @Test
  void shouldRejectASlotCountThatIsNotTheDays() {
    byte[] bytes = MeterDayCodec.encode(typicalDay());
    // The slot count is at offset 34: 1 version + 15 meter id + 1 channel + 3 date + 13 zone + 1.
    assertThat(bytes[34]).isEqualTo((byte) 48);
    bytes[34] = 46;

    assertThatThrownBy(() -> MeterDayCodec.decode(bytes))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("offset 34: expected slot count 48");
  }

  @Test
  void shouldRejectAMissingIntervalWithEnergy() {
    MeterDay day = typicalDay();
    long[] wh = day.whArray();
    byte[] quality = day.qualityCodes();
    quality[0] = (byte) Quality.MISSING.code();
    wh[0] = 0;
    byte[] bytes = MeterDayCodec.encode(new MeterDay(day.readings(), wh, quality, day.flagWords()));
    // Cleaned deltas start at 42 + 49 + 48 + 48 = 187; slot 0 predicts its raw 160, stores -160.
    assertThat(bytes[187]).isEqualTo((byte) 0xBF); // zigzag(-160) = 319 = 0xBF 0x02
    bytes[187] = (byte) 0xBD; // zigzag 317 = -159: 1 Wh on a MISSING interval

    assertThatThrownBy(() -> MeterDayCodec.decode(bytes))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("do not make a valid day")
        .hasMessageContaining("is MISSING but has 1 Wh");
  }

  @Test
  void shouldEncodeATypicalHalfHourlyDayIn307Bytes() {
    MeterDay day = typicalDay();

    byte[] bytes = MeterDayCodec.encode(day);

    // Header: version 1 + meter id (1 + 14) + channel 1 + epoch day 19738 (zigzag 39476, 16 bits:
    // 3 bytes) + zone (1 + 12) + minutes 1 + count 1 + base position 3 << 47 | 1_000_000
    // (49 bits: 7 bytes) = 42.
    // Slots: raw values 2 + 47 x 1 = 49; positions 48 x 1 (1..48); quality+marks 48;
    // cleaned deltas 48 x 1 (all 0); cleaned qualities 24; flags 48 x 1 (all 0) = 265.
    assertThat(bytes).hasSize(42 + 49 + 48 + 48 + 48 + 24 + 48);
    System.out.printf(
        "MeterDayCodec: typical full 48-slot day = %d bytes (%.1f bytes/slot)%n",
        bytes.length, bytes.length / 48.0);
  }

  @Test
  void shouldRefuseToEncodeAMeterIdThatUtf8CannotCarry() {
    MeterDay day = typicalDay();
    DayReadings raw = day.readings();
    MeterDayKey key = new MeterDayKey("m\uD800x", Channel.IMPORT, day.date());
    MeterDay bad =
        new MeterDay(
            DayReadings.of(
                key,
                day.slots(),
                raw.values(),
                raw.positions(),
                raw.qualityCodes(),
                raw.allMarks()),
            day.whArray(),
            day.qualityCodes(),
            day.flagWords());

    assertThatThrownBy(() -> MeterDayCodec.encode(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unpaired UTF-16 surrogate at index 1");
  }

  @Test
  void shouldRoundTripADayWithoutAnyReading() {
    DaySlots slots = new DaySlots(ZoneId.of("Europe/Paris"), LocalDate.of(2024, 10, 27), 30);
    MeterDayKey key = new MeterDayKey("m-empty", Channel.EXPORT, slots.date());
    int n = slots.count();
    byte[] missing = new byte[n];
    Arrays.fill(missing, (byte) Quality.MISSING.code());
    MeterDay day = new MeterDay(new DayReadings(key, slots), new long[n], missing, new int[n]);

    MeterDay back = MeterDayCodec.decode(MeterDayCodec.encode(day));

    assertThat(back).isEqualTo(day);
    assertThat(back.size()).isEqualTo(50);
    assertThat(back.maxPosition()).isEqualTo(IngestPosition.NONE);
  }

  /** {@link #PROFILE} on 16 January 2024, logged in one batch at offsets 1,000,000..1,000,047. */
  static MeterDay typicalDay() {
    LocalDate date = LocalDate.of(2024, 1, 16);
    DaySlots slots = new DaySlots(ZoneId.of("Europe/Paris"), date, 30);
    MeterDayKey key = new MeterDayKey("12345678901234", Channel.IMPORT, date);
    DayReadings raw = new DayReadings(key, slots);
    for (int i = 0; i < PROFILE.length; i++) {
      raw.add(
          i,
          PROFILE[i],
          new IngestPosition(3, 1_000_000 + i).packed(),
          (byte) Quality.ACTUAL.code(),
          (byte) 0);
    }
    return new MeterDay(raw, PROFILE.clone(), new byte[48], new int[48]);
  }
}
