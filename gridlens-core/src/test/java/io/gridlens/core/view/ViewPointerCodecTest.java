package io.gridlens.core.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlens.core.Cut;
import io.gridlens.core.codec.CodecException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
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
  void shouldDecodeTheIngestTimesAVersionHoldsUpTo() {
    BatchVersion v =
        new BatchVersion(
            13,
            Cut.of(0, 1100, 1, 1000, 2, 0),
            Instant.parse("2026-03-30T02:00:00Z"),
            Map.of(
                0, Instant.parse("2026-03-30T01:59:58.250Z"),
                1, Instant.parse("2026-03-30T01:59:57Z")));
    ViewPointer p = new ViewPointer(v, V12);

    ViewPointer back = ViewPointerCodec.decode(ViewPointerCodec.encode(p));

    assertThat(back).isEqualTo(p);
    assertThat(back.current().heldUpTo())
        .containsExactly(
            Map.entry(0, Instant.parse("2026-03-30T01:59:58.250Z")),
            Map.entry(1, Instant.parse("2026-03-30T01:59:57Z")));
  }

  @Test
  void shouldReadAPointerWrittenInFormatVersionOne() {
    // Version 1, built by hand: no held-up-to part. Version 7, published 100 s + 5 ns after the
    // epoch, cut {3: 42}, no previous version.
    ByteBuffer b = ByteBuffer.allocate(2 + 8 + 8 + 4 + 4 + 12);
    b.put((byte) 1).put((byte) 0);
    b.putLong(7).putLong(100).putInt(5).putInt(1).putInt(3).putLong(42);

    ViewPointer p = ViewPointerCodec.decode(b.array());

    assertThat(p.current())
        .isEqualTo(new BatchVersion(7, Cut.of(3, 42), Instant.ofEpochSecond(100, 5)));
    assertThat(p.current().heldUpTo()).isEmpty();
    assertThat(p.previous()).isNull();
  }

  @Test
  void shouldRejectAHeldUpToPartitionOutsideTheCut() {
    assertThatThrownBy(
            () -> new BatchVersion(5, Cut.of(0, 10), Instant.EPOCH, Map.of(1, Instant.EPOCH)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("partition 1")
        .hasMessageContaining("does not name that partition");
  }

  @Test
  void shouldRejectAnUnknownFormatVersion() {
    byte[] bytes = ViewPointerCodec.encode(new ViewPointer(V12, null));
    bytes[0] = 9;

    assertThatThrownBy(() -> ViewPointerCodec.decode(bytes))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("version 9");
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
