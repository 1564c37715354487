package io.gridlens.core.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlens.core.codec.CodecException;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SpeedProgressCodecTest {

  private static final SpeedProgress P =
      new SpeedProgress(3, 1_042_000_000_123L, Instant.parse("2026-03-29T21:14:03.000000456Z"));

  @Test
  void shouldDecodeWhatItEncodesToTheNanosecond() {
    assertThat(SpeedProgressCodec.decode(SpeedProgressCodec.encode(P))).isEqualTo(P);
  }

  @Test
  void shouldEncodeIn25Bytes() {
    // version 1 + partition 4 + offset 8 + epoch second 8 + nanos 4 = 25
    assertThat(SpeedProgressCodec.encode(P)).hasSize(25);
  }

  @Test
  void shouldRefuseATruncatedRecord() {
    byte[] b = Arrays.copyOf(SpeedProgressCodec.encode(P), 20);

    assertThatThrownBy(() -> SpeedProgressCodec.decode(b))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void shouldRefuseAnUnknownFormatVersion() {
    byte[] b = SpeedProgressCodec.encode(P);
    b[0] = 9;

    assertThatThrownBy(() -> SpeedProgressCodec.decode(b))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("version 9");
  }

  @Test
  void shouldRefuseANegativeOffsetNamingTheField() {
    assertThatThrownBy(() -> new SpeedProgress(0, -1, Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nextOffset");
  }
}
