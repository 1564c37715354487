package io.gridlens.core;

/**
 * Where the platform logged a reading: a partition of the {@code readings} topic and an offset in
 * it.
 *
 * <p>Set by the platform, never by the sender. Positions are totally ordered (partition, then
 * offset); "latest ingest position wins" uses this order. {@link #packed()} gives the same order as
 * a single {@code long} for hot paths: 16 bits of partition, 47 bits of offset.
 */
public record IngestPosition(int partition, long offset) implements Comparable<IngestPosition> {

  /** The largest partition number a position can hold. */
  public static final int MAX_PARTITION = 0xFFFF;

  /** The largest offset a position can hold. */
  public static final long MAX_OFFSET = (1L << 47) - 1;

  /** The packed value that stands for "no position" (below every real position). */
  public static final long NONE = -1L;

  public IngestPosition {
    if (partition < 0 || partition > MAX_PARTITION) {
      throw new IllegalArgumentException(
          "partition must be in 0.." + MAX_PARTITION + ", was " + partition);
    }
    if (offset < 0 || offset > MAX_OFFSET) {
      throw new IllegalArgumentException("offset must be in 0.." + MAX_OFFSET + ", was " + offset);
    }
  }

  /** This position as one {@code long}, ordered as the positions are. */
  public long packed() {
    return ((long) partition << 47) | offset;
  }

  /** The position of a packed value. */
  public static IngestPosition unpack(long packed) {
    if (packed < 0) {
      throw new IllegalArgumentException("not a packed position: " + packed);
    }
    return new IngestPosition((int) (packed >>> 47), packed & MAX_OFFSET);
  }

  /** The partition of a packed position. */
  public static int partitionOf(long packed) {
    return (int) (packed >>> 47);
  }

  /** The offset of a packed position. */
  public static long offsetOf(long packed) {
    return packed & MAX_OFFSET;
  }

  @Override
  public int compareTo(IngestPosition o) {
    return Long.compare(packed(), o.packed());
  }

  @Override
  public String toString() {
    return partition + "@" + offset;
  }
}
