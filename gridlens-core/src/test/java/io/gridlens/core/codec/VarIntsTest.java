package io.gridlens.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class VarIntsTest {

  @Property
  void shouldReadBackEveryLongInTheSizeItAnnounces(@ForAll long v) {
    ByteBuffer buf = ByteBuffer.allocate(VarInts.MAX_LONG_BYTES);
    VarInts.write(buf, v);
    int written = buf.position();
    buf.flip();

    assertThat(VarInts.read(buf, 0, "v", -1)).isEqualTo(v);
    assertThat(written).isEqualTo(VarInts.size(v));
  }

  @Property
  void shouldReadBackEverySignedLong(@ForAll long v) {
    ByteBuffer buf = ByteBuffer.allocate(VarInts.MAX_LONG_BYTES);
    VarInts.writeSigned(buf, v);
    int written = buf.position();
    buf.flip();

    assertThat(VarInts.readSigned(buf, 0, "v", -1)).isEqualTo(v);
    assertThat(written).isEqualTo(VarInts.sizeSigned(v));
  }

  @Property
  void shouldUndoZigZag(@ForAll long v) {
    assertThat(VarInts.unZigZag(VarInts.zigZag(v))).isEqualTo(v);
  }

  @Test
  void shouldInterleaveSignsInZigZag() {
    // 0, -1, 1, -2, 2 are the 0th to 4th values; -64 and 63 are the last to fit 7 bits.
    assertThat(VarInts.zigZag(0)).isEqualTo(0);
    assertThat(VarInts.zigZag(-1)).isEqualTo(1);
    assertThat(VarInts.zigZag(1)).isEqualTo(2);
    assertThat(VarInts.zigZag(-2)).isEqualTo(3);
    assertThat(VarInts.zigZag(2)).isEqualTo(4);
    assertThat(VarInts.sizeSigned(-64)).isEqualTo(1);
    assertThat(VarInts.sizeSigned(63)).isEqualTo(1);
    assertThat(VarInts.sizeSigned(64)).isEqualTo(2);
  }

  @Test
  void shouldWrite300AsTwoBytesLeastSignificantGroupFirst() {
    // 300 = 0b10_0101100: low group 0101100 with the continuation bit = 0xAC, then 0b10 = 0x02.
    ByteBuffer buf = ByteBuffer.allocate(2);
    VarInts.write(buf, 300);

    assertThat(buf.array()).containsExactly(0xAC, 0x02);
  }

  @Test
  void shouldReadFromASliceAtItsOwnPositionAndLeaveItAfterTheVarint() {
    // Bytes 7, then 300 (0xAC 0x02), then 5; the slice starts at the 300 and has an array offset.
    ByteBuffer whole = ByteBuffer.wrap(new byte[] {7, (byte) 0xAC, 0x02, 5});
    whole.position(1);
    ByteBuffer slice = whole.slice();

    assertThat(VarInts.read(slice, 0, "raw value delta", 0)).isEqualTo(300);
    assertThat(slice.position()).isEqualTo(2);
    assertThat(VarInts.read(slice, 0, "raw value delta", 1)).isEqualTo(5);
  }

  @Test
  void shouldWriteIntoASliceAtItsOwnPosition() {
    byte[] array = new byte[16];
    ByteBuffer whole = ByteBuffer.wrap(array);
    whole.position(3);
    ByteBuffer slice = whole.slice();

    VarInts.write(slice, 300);

    assertThat(slice.position()).isEqualTo(2);
    assertThat(array[3]).isEqualTo((byte) 0xAC);
    assertThat(array[4]).isEqualTo((byte) 0x02);
    assertThat(array[2]).isZero();
  }

  @Test
  void shouldRejectAVarintLongerThanTenBytes() {
    byte[] eleven = new byte[11];
    Arrays.fill(eleven, (byte) 0x80);
    eleven[10] = 0;

    assertThatThrownBy(() -> VarInts.read(ByteBuffer.wrap(eleven), 0, "raw value delta", 3))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("corrupt record at offset 0")
        .hasMessageContaining("raw value delta of slot 3");
  }

  @Test
  void shouldRejectAVarintThatEndsEarlyNamingWhereItStarted() {
    ByteBuffer buf = ByteBuffer.wrap(new byte[] {9, 9, (byte) 0x80, (byte) 0x80});
    buf.position(2);

    assertThatThrownBy(() -> VarInts.read(buf, 1, "flag word", 7))
        .isInstanceOf(CodecException.class)
        .hasMessage(
            "truncated record: input ends at offset 3 inside flag word of slot 7 that starts at"
                + " offset 1");
  }
}
