package io.gridlens.core.view;

import io.gridlens.core.Cut;
import io.gridlens.core.codec.CodecException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The binary form of a {@link ViewPointer}, for stores that keep the pointer as one value (written
 * in one atomic put, so current and previous can never be seen apart).
 *
 * <p>Version 2, big-endian:
 *
 * <pre>
 * byte     format version, 2
 * byte     1 when a previous version follows, else 0
 * version  the current version, then the previous one if present, each:
 *            8 bytes number, 8 bytes published epoch second, 4 bytes nanos,
 *            4 bytes partition count p, p x (4 bytes partition, 8 bytes exclusive end offset),
 *            4 bytes count h, h x (4 bytes partition, 8 bytes epoch second, 4 bytes nanos):
 *            {@link BatchVersion#heldUpTo()}
 * </pre>
 *
 * <p>Version 1 is version 2 without the held-up-to part; it is still read (as a version that
 * records no ingest times), so a store written by an earlier build keeps its pointer.
 *
 * <p>Stateless and thread-safe.
 */
public final class ViewPointerCodec {

  /** The format version this build writes. */
  public static final byte VERSION = 2;

  private static final byte WITHOUT_HELD_UP_TO = 1;

  private ViewPointerCodec() {}

  /** The encoded form of a pointer. */
  public static byte[] encode(ViewPointer pointer) {
    BatchVersion prev = pointer.previous();
    int size = 2 + size(pointer.current()) + (prev == null ? 0 : size(prev));
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put(VERSION).put((byte) (prev == null ? 0 : 1));
    write(out, pointer.current());
    if (prev != null) {
      write(out, prev);
    }
    return out.array();
  }

  /**
   * Decodes a pointer.
   *
   * @throws CodecException when the bytes are truncated, corrupt or of an unknown version
   */
  public static ViewPointer decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      int version = in.get();
      if (version != VERSION && version != WITHOUT_HELD_UP_TO) {
        throw new CodecException(
            0,
            "unsupported view pointer format version "
                + version
                + "; this build reads versions "
                + WITHOUT_HELD_UP_TO
                + " and "
                + VERSION);
      }
      boolean held = version == VERSION;
      int hasPrevious = in.get();
      if (hasPrevious != 0 && hasPrevious != 1) {
        throw new CodecException(
            1, "corrupt view pointer: expected 0 or 1 at offset 1, found " + hasPrevious);
      }
      BatchVersion current = read(in, held);
      BatchVersion previous = hasPrevious == 1 ? read(in, held) : null;
      if (in.hasRemaining()) {
        throw new CodecException(
            in.position(),
            "corrupt view pointer: " + in.remaining() + " unexpected bytes at its end");
      }
      return new ViewPointer(current, previous);
    } catch (BufferUnderflowException e) {
      throw new CodecException(
          in.limit(), "truncated view pointer: input ends at offset " + in.limit());
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new CodecException(
          in.position(), "corrupt view pointer near offset " + in.position() + ": " + e, e);
    }
  }

  private static int size(BatchVersion v) {
    return 8 + 8 + 4 + 4 + v.cut().offsets().size() * 12 + 4 + v.heldUpTo().size() * 16;
  }

  private static void write(ByteBuffer out, BatchVersion v) {
    out.putLong(v.number());
    out.putLong(v.publishedAt().getEpochSecond());
    out.putInt(v.publishedAt().getNano());
    out.putInt(v.cut().offsets().size());
    for (Map.Entry<Integer, Long> e : v.cut().offsets().entrySet()) {
      out.putInt(e.getKey());
      out.putLong(e.getValue());
    }
    out.putInt(v.heldUpTo().size());
    for (Map.Entry<Integer, Instant> e : v.heldUpTo().entrySet()) {
      out.putInt(e.getKey());
      out.putLong(e.getValue().getEpochSecond());
      out.putInt(e.getValue().getNano());
    }
  }

  private static BatchVersion read(ByteBuffer in, boolean withHeldUpTo) {
    long number = in.getLong();
    Instant at = Instant.ofEpochSecond(in.getLong(), in.getInt());
    int p = count(in, "partition", 12);
    Map<Integer, Long> offsets = new TreeMap<>();
    for (int i = 0; i < p; i++) {
      offsets.put(in.getInt(), in.getLong());
    }
    Map<Integer, Instant> held = new TreeMap<>();
    if (withHeldUpTo) {
      int h = count(in, "held-up-to", 16);
      for (int i = 0; i < h; i++) {
        held.put(in.getInt(), Instant.ofEpochSecond(in.getLong(), in.getInt()));
      }
    }
    return new BatchVersion(number, new Cut(offsets), at, held);
  }

  /** Reads a count of entries of {@code bytes} bytes each, checked against what remains. */
  private static int count(ByteBuffer in, String what, int bytes) {
    int n = in.getInt();
    if (n < 0 || n > in.remaining() / bytes) {
      throw new CodecException(
          in.position() - 4,
          "truncated or corrupt view pointer: "
              + what
              + " count "
              + n
              + " at offset "
              + (in.position() - 4)
              + " needs "
              + (long) bytes * n
              + " bytes, "
              + in.remaining()
              + " remain");
    }
    return n;
  }
}
