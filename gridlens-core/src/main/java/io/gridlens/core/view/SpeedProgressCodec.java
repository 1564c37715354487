package io.gridlens.core.view;

import io.gridlens.core.codec.CodecException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * The binary form of a {@link SpeedProgress}, for stores that keep it as one value per partition.
 *
 * <p>Version 1, big-endian, 25 bytes: format version (1), 4 bytes partition, 8 bytes next offset, 8
 * bytes epoch second and 4 bytes nanos of the complete-up-to instant.
 *
 * <p>Stateless and thread-safe.
 */
public final class SpeedProgressCodec {

  /** The format version this build writes. */
  public static final byte VERSION = 1;

  /** The size of an encoded record. */
  static final int SIZE = 1 + 4 + 8 + 8 + 4;

  private SpeedProgressCodec() {}

  /** The encoded form of a progress record. */
  public static byte[] encode(SpeedProgress p) {
    return ByteBuffer.allocate(SIZE)
        .put(VERSION)
        .putInt(p.partition())
        .putLong(p.nextOffset())
        .putLong(p.completeUpTo().getEpochSecond())
        .putInt(p.completeUpTo().getNano())
        .array();
  }

  /**
   * Decodes a progress record.
   *
   * @throws CodecException when the bytes are truncated, corrupt or of an unknown version
   */
  public static SpeedProgress decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      byte version = in.get();
      if (version != VERSION) {
        throw new CodecException(
            0,
            "unsupported speed progress format version "
                + version
                + "; this build reads version "
                + VERSION);
      }
      SpeedProgress p =
          new SpeedProgress(
              in.getInt(), in.getLong(), Instant.ofEpochSecond(in.getLong(), in.getInt()));
      if (in.hasRemaining()) {
        throw new CodecException(
            in.position(), "corrupt speed progress: " + in.remaining() + " bytes after its end");
      }
      return p;
    } catch (BufferUnderflowException e) {
      throw new CodecException(
          in.limit(), "truncated speed progress of " + bytes.length + " bytes");
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new CodecException(in.position(), "corrupt speed progress: " + e, e);
    }
  }
}
