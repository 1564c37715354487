package io.gridlens.speed;

import io.gridlens.core.Cut;
import io.gridlens.core.DayReadings;
import io.gridlens.core.IngestPosition;
import io.gridlens.core.codec.CodecException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The raw readings of one meter-day that the speed layer holds: every reading at or after the batch
 * cut it was last rebased on, in arrival order, as the value of its state store.
 *
 * <p>Design note. The readings are kept raw (slot, value, packed ingest position, quality, kind),
 * not folded, so that a rebase can drop exactly those below a new cut and a recompute can fold the
 * rest into any batch base by {@link DayReadings}'s rule. A reading already held (same slot, same
 * position: a redelivery after a restart) is not added twice; the fold would ignore it anyway.
 *
 * <p>Binary form, version 1, big-endian: {@code byte 1}, {@code int count}, then per reading {@code
 * short slot, long wh, long packed position, byte quality code | 0x40 when a register index}: 19
 * bytes a reading, about 0.9 KB for a full half-hourly day.
 *
 * <p>Mutable, not thread-safe: one instance lives for one record or one rebase.
 */
final class PendingDay {

  static final byte VERSION = 1;

  private static final int HEADER = 5;
  private static final int ENTRY = 19;
  private static final byte REGISTER_BIT = 0x40;

  private int size;
  private short[] slot;
  private long[] wh;
  private long[] position;
  private byte[] qualityAndKind;

  PendingDay() {
    this(8);
  }

  private PendingDay(int capacity) {
    int c = Math.max(1, capacity);
    slot = new short[c];
    wh = new long[c];
    position = new long[c];
    qualityAndKind = new byte[c];
  }

  /**
   * Decodes a state value.
   *
   * @throws CodecException when the bytes are truncated, corrupt or of another version
   */
  static PendingDay decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      byte version = in.get();
      if (version != VERSION) {
        throw new CodecException(
            0,
            "speed state of format version " + version + "; this build reads version " + VERSION);
      }
      int n = in.getInt();
      if (n < 0 || n > in.remaining() / ENTRY || in.remaining() != n * ENTRY) {
        throw new CodecException(
            1,
            "corrupt speed state: count "
                + n
                + " needs "
                + (long) n * ENTRY
                + " bytes, "
                + in.remaining()
                + " follow");
      }
      // Room for one more record's readings (8 in a typical record) without growing.
      PendingDay d = new PendingDay(n + 8);
      for (int i = 0; i < n; i++) {
        d.slot[i] = in.getShort();
        d.wh[i] = in.getLong();
        d.position[i] = in.getLong();
        d.qualityAndKind[i] = in.get();
      }
      d.size = n;
      return d;
    } catch (BufferUnderflowException e) {
      throw new CodecException(in.limit(), "truncated speed state of " + bytes.length + " bytes");
    }
  }

  /** The state value of these readings. */
  byte[] encode() {
    ByteBuffer out = ByteBuffer.allocate(HEADER + size * ENTRY);
    out.put(VERSION).putInt(size);
    for (int i = 0; i < size; i++) {
      out.putShort(slot[i]).putLong(wh[i]).putLong(position[i]).put(qualityAndKind[i]);
    }
    return out.array();
  }

  /**
   * Adds a reading unless one of the same slot and position is already held.
   *
   * @param kindMark {@link DayReadings#REGISTER} for a register index, else 0
   * @return whether it was added
   */
  boolean add(int slotIndex, long value, long packedPosition, byte qualityCode, byte kindMark) {
    if (slotIndex < 0 || slotIndex > Short.MAX_VALUE) {
      throw new IllegalArgumentException(
          "slot must be in 0.." + Short.MAX_VALUE + ": " + slotIndex);
    }
    if (packedPosition < 0) {
      throw new IllegalArgumentException("a pending reading needs a position: " + packedPosition);
    }
    for (int i = 0; i < size; i++) {
      if (slot[i] == slotIndex && position[i] == packedPosition) {
        return false;
      }
    }
    if (size == slot.length) {
      int c = size * 2;
      slot = Arrays.copyOf(slot, c);
      wh = Arrays.copyOf(wh, c);
      position = Arrays.copyOf(position, c);
      qualityAndKind = Arrays.copyOf(qualityAndKind, c);
    }
    slot[size] = (short) slotIndex;
    wh[size] = value;
    position[size] = packedPosition;
    qualityAndKind[size] =
        (byte) (qualityCode | (kindMark == DayReadings.REGISTER ? REGISTER_BIT : 0));
    size++;
    return true;
  }

  /**
   * Drops the readings a batch of {@code cut} has absorbed (position below the cut).
   *
   * @return number dropped
   */
  int dropBelow(Cut cut) {
    int kept = 0;
    for (int i = 0; i < size; i++) {
      if (!cut.contains(position[i])) {
        slot[kept] = slot[i];
        wh[kept] = wh[i];
        position[kept] = position[i];
        qualityAndKind[kept] = qualityAndKind[i];
        kept++;
      }
    }
    int dropped = size - kept;
    size = kept;
    return dropped;
  }

  /** Folds every held reading into a day's fold (the batch base); returns it. */
  DayReadings foldInto(DayReadings base) {
    for (int i = 0; i < size; i++) {
      byte qk = qualityAndKind[i];
      base.add(
          slot[i],
          wh[i],
          position[i],
          (byte) (qk & ~REGISTER_BIT),
          (qk & REGISTER_BIT) != 0 ? DayReadings.REGISTER : 0);
    }
    return base;
  }

  /** Number of readings held. */
  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The highest packed position held, or {@link IngestPosition#NONE}. */
  long maxPosition() {
    long max = IngestPosition.NONE;
    for (int i = 0; i < size; i++) {
      max = Math.max(max, position[i]);
    }
    return max;
  }

  /** Slot of reading {@code i}, in arrival order (for tests and diagnostics). */
  int slot(int i) {
    return slot[i];
  }

  /** Packed position of reading {@code i}. */
  long position(int i) {
    return position[i];
  }

  long wh(int i) {
    return wh[i];
  }

  @Override
  public String toString() {
    return "PendingDay[" + size + " readings]";
  }
}
