package io.gridlens.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlens.core.Channel;
import io.gridlens.core.MeterDayKey;
import java.time.LocalDate;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class MeterDayKeyCodecTest {

  /**
   * Keys over a tiny alphabet so that equal ids, prefixes and shared prefixes are frequent; the
   * alphabet has 1-, 2- and 3-byte UTF-8 characters (none above U+FFFF, where UTF-16 order and code
   * point order part).
   */
  @Provide
  Arbitrary<MeterDayKey> keys() {
    Arbitrary<String> id =
        Arbitraries.strings()
            .withChars('a', 'b', 'z', '\u0001', 'é', '中')
            .ofMinLength(1)
            .ofMaxLength(4)
            .filter(s -> !s.isBlank());
    Arbitrary<LocalDate> date =
        Arbitraries.oneOf(
                Arbitraries.longs().between(-3, 3),
                Arbitraries.longs()
                    .between(
                        LocalDate.of(1900, 1, 1).toEpochDay(),
                        LocalDate.of(2100, 1, 1).toEpochDay()))
            .map(LocalDate::ofEpochDay);
    return Combinators.combine(id, Arbitraries.of(Channel.class), date).as(MeterDayKey::new);
  }

  @Property(tries = 2000)
  void shouldOrderBytesAsKeys(@ForAll("keys") MeterDayKey a, @ForAll("keys") MeterDayKey b) {
    int bytes = Arrays.compareUnsigned(MeterDayKeyCodec.encode(a), MeterDayKeyCodec.encode(b));

    assertThat(Integer.signum(bytes)).isEqualTo(Integer.signum(a.compareTo(b)));
  }

  @Property
  void shouldDecodeWhatItEncodes(@ForAll("keys") MeterDayKey key) {
    assertThat(MeterDayKeyCodec.decode(MeterDayKeyCodec.encode(key))).isEqualTo(key);
  }

  @Property
  void shouldStartWithItsMeterPrefixAndOnlyItsOwn(
      @ForAll("keys") MeterDayKey key, @ForAll("keys") MeterDayKey other) {
    byte[] encoded = MeterDayKeyCodec.encode(other);
    byte[] prefix = MeterDayKeyCodec.meterPrefix(key.meterId());
    boolean starts =
        encoded.length >= prefix.length
            && Arrays.equals(encoded, 0, prefix.length, prefix, 0, prefix.length);

    assertThat(starts).isEqualTo(other.meterId().equals(key.meterId()));
  }

  @Property
  void shouldStartWithItsChannelPrefixAndOnlyItsOwn(
      @ForAll("keys") MeterDayKey key, @ForAll("keys") MeterDayKey other) {
    byte[] encoded = MeterDayKeyCodec.encode(other);
    byte[] prefix = MeterDayKeyCodec.channelPrefix(key.meterId(), key.channel());
    boolean starts =
        encoded.length >= prefix.length
            && Arrays.equals(encoded, 0, prefix.length, prefix, 0, prefix.length);

    assertThat(starts)
        .isEqualTo(other.meterId().equals(key.meterId()) && other.channel() == key.channel());
  }

  @Test
  void shouldLayOutIdSeparatorChannelAndFlippedBigEndianDay() {
    // 1970-01-02 is epoch day 1: 0x00000001 with the sign bit flipped = 80 00 00 01.
    byte[] key =
        MeterDayKeyCodec.encode(new MeterDayKey("m1", Channel.EXPORT, LocalDate.of(1970, 1, 2)));

    assertThat(key).containsExactly('m', '1', 0x00, 0x01, 0x80, 0x00, 0x00, 0x01);
  }

  @Test
  void shouldRejectAMeterIdWithNul() {
    assertThatThrownBy(
            () ->
                MeterDayKeyCodec.encode(
                    new MeterDayKey("a\0b", Channel.IMPORT, LocalDate.of(2024, 1, 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contains U+0000");
  }

  @Test
  void shouldRejectBytesThatAreNotASortKey() {
    assertThatThrownBy(() -> MeterDayKeyCodec.decode(new byte[] {'m', 1, 0, 0, 0, 0}))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("expected a meter id, a 0x00 separator");
  }
}
