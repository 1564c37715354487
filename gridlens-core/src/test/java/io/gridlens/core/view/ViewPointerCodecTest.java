package io.gridlens.core.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlens.core.Cut;
import io.gridlens.core.codec.CodecException;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ViewPointerCodecTest {

  private static final BatchVersion V11 =
      new BatchVersion(11, Cut.of(0, 1000, 1, 950), Instant.parse("2026-03-28T02:00:00.123Z"));
  private static final BatchVersion V12 =
      new BatchVersion(12, Cut.of(0, 1042, 1, 998), Instant.parse("2026-03-29T02:00:00Z"));

  @Test
  void shouldDecodeAPointerWithItsPreviousVersion() {
    ViewPointer p = new ViewPointer(V12, V11);

    assertThat(ViewPointerCodec.decode(ViewPointerCodec.encode(p))).isEqualTo(p);
  }

  @Test
  void shouldDecodeAFirstPointer() {
    ViewPointer p = new ViewPointer(V11, null);

    assertThat(ViewPointerCodec.decode(ViewPointerCodec.encode(p))).isEqualTo(p);
  }

  @Test
  void shouldDecodeAnEmptyCut() {
    ViewPointer p = new ViewPointer(new BatchVersion(1, Cut.EMPTY, Instant.EPOCH), null);

    assertThat(ViewPointerCodec.decode(ViewPointerCodec.encode(p))).isEqualTo(p);
  }

  @Test
  void shouldRejectATruncatedPointer() {
    byte[] bytes = ViewPointerCodec.encode(new ViewPointer(V12, V11));

    assertThatThrownBy(() -> ViewPointerCodec.decode(Arrays.copyOf(bytes, bytes.length - 1)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void shouldRejectAPointerWhosePreviousIsItsCurrent() {
    assertThatThrownBy(() -> new ViewPointer(V12, V12))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("12");
  }
}
