package io.gridlens.core.codec;

import java.nio.ByteBuffer;

/**
 * Variable-length integers as Protocol Buffers writes them: 7 bits a byte, least significant group
 * first, the high bit set on every byte but the last; signed values go through ZigZag first so that
 * small negatives stay short.
 *
 * <p>Reads take the record's start position so that failures name the offset within the record. No
 * method allocates, except on the failure path.
 */
final class VarInts {

  /** The longest varint of a {@code long}: ceil(64 / 7) bytes. */
  static final int MAX_LONG_BYTES = 10;

  private VarInts() {}

  /** ZigZag of a signed value: 0, -1, 1, -2, 2 … become 0, 1, 2, 3, 4 …. */
  static long zigZag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  /** The signed value of a ZigZag. */
  static long unZigZag(long z) {
    return (z >>> 1) ^ -(z & 1);
  }

  /** Number of bytes of the varint of {@code v} (taken as unsigned). */
  static int size(long v) {
    // 1 byte per started group of 7 significant bits; 0 still takes 1 byte.
    int bits = 64 - Long.numberOfLeadingZeros(v | 1);
    return (bits + 6) / 7;
  }

  /** Number of bytes of the ZigZag varint of a signed value. */
  static int sizeSigned(long v) {
    return size(zigZag(v));
  }

  /** Writes {@code v}, taken as unsigned. */
  static void write(ByteBuffer out, long v) {
    if (out.hasArray() && out.remaining() >= MAX_LONG_BYTES) { // fast path: the backing array
      byte[] a = out.array();
      int from = out.arrayOffset() + out.position();
      int i = from;
      while ((v & ~0x7FL) != 0) {
        a[i++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      a[i++] = (byte) v;
      out.position(out.position() + i - from);
      return;
    }
    while ((v & ~0x7FL) != 0) {
      out.put((byte) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.put((byte) v);
  }

  /** Writes a signed value as a ZigZag varint. */
  static void writeSigned(ByteBuffer out, long v) {
    write(out, zigZag(v));
  }

  /**
   * Reads an unsigned varint.
   *
   * @param in positioned on the varint
   * @param start position of the record's first byte in {@code in}, for error offsets
   * @param field what the varint is, for the error message
   * @param slot the slot it belongs to, or -1
   * @throws CodecException when the input ends inside the varint or it is longer than 10 bytes
   */
  static long read(ByteBuffer in, int start, String field, int slot) {
    if (in.hasArray()) { // fast path: the backing array, no per-byte checks; failures below
      byte[] a = in.array();
      int base = in.arrayOffset();
      int end = Math.min(in.limit(), in.position() + MAX_LONG_BYTES);
      long v = 0;
      int shift = 0;
      for (int i = in.position(); i < end; i++, shift += 7) {
        byte b = a[base + i];
        v |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          if (shift == 63 && (b & 0x7E) != 0) {
            break;
          }
          in.position(i + 1);
          return v;
        }
      }
    }
    int at = in.position();
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (!in.hasRemaining()) {
        throw truncated(in, start, at, field, slot);
      }
      byte b = in.get();
      v |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        if (shift == 63 && (b & 0x7E) != 0) {
          break;
        }
        return v;
      }
    }
    throw new CodecException(
        at - start,
        "corrupt record at offset "
            + (at - start)
            + ": expected a varint of "
            + describe(field, slot)
            + ", found more than "
            + MAX_LONG_BYTES
            + " bytes or bits beyond 64");
  }

  /** Reads a ZigZag varint. */
  static long readSigned(ByteBuffer in, int start, String field, int slot) {
    return unZigZag(read(in, start, field, slot));
  }

  /** Reads an unsigned varint that must fit in {@code 0..max}. */
  static int readInt(ByteBuffer in, int start, String field, int max) {
    int at = in.position();
    long v = read(in, start, field, -1);
    if (v < 0 || v > max) {
      throw new CodecException(
          at - start,
          "corrupt record at offset "
              + (at - start)
              + ": expected "
              + field
              + " in 0.."
              + max
              + ", found "
              + Long.toUnsignedString(v));
    }
    return (int) v;
  }

  /** The failure of an input that ends before {@code field} is complete. */
  static CodecException truncated(ByteBuffer in, int start, int at, String field, int slot) {
    return new CodecException(
        in.position() - start,
        "truncated record: input ends at offset "
            + (in.position() - start)
            + " inside "
            + describe(field, slot)
            + " that starts at offset "
            + (at - start));
  }

  static String describe(String field, int slot) {
    return slot < 0 ? field : field + " of slot " + slot;
  }
}
