package io.gridlens.core;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A vector of per-partition offsets of the {@code readings} topic: the master dataset "up to" a cut
 * is every reading whose offset is below the cut's offset of its partition (DESIGN.md section 4).
 *
 * <p>Offsets are exclusive bounds; a partition the cut does not name has bound 0 (nothing of it is
 * below the cut).
 *
 * @param offsets exclusive offset bound per partition
 */
public record Cut(Map<Integer, Long> offsets) {

  /** The cut below which nothing lies. */
  public static final Cut EMPTY = new Cut(Map.of());

  public Cut {
    Objects.requireNonNull(offsets, "offsets");
    TreeMap<Integer, Long> sorted = new TreeMap<>();
    for (Map.Entry<Integer, Long> e : offsets.entrySet()) {
      Integer partition = Objects.requireNonNull(e.getKey(), "cut partition");
      Long offset =
          Objects.requireNonNull(e.getValue(), () -> "cut offset of partition " + partition);
      if (partition < 0 || partition > IngestPosition.MAX_PARTITION) {
        throw new IllegalArgumentException(
            "cut partition must be in 0.." + IngestPosition.MAX_PARTITION + ", was " + partition);
      }
      if (offset < 0 || offset > IngestPosition.MAX_OFFSET + 1) {
        throw new IllegalArgumentException(
            "cut offset of partition "
                + partition
                + " must be in 0.."
                + (IngestPosition.MAX_OFFSET + 1)
                + ", was "
                + offset);
      }
      sorted.put(partition, offset);
    }
    offsets = Collections.unmodifiableSortedMap(sorted);
  }

  /**
   * A cut of partition, offset pairs: {@code Cut.of(0, 12, 1, 7)}.
   *
   * @throws IllegalArgumentException on an odd count, a partition out of range or named twice
   */
  public static Cut of(long... partitionOffsetPairs) {
    if (partitionOffsetPairs.length % 2 != 0) {
      throw new IllegalArgumentException(
          "Cut.of takes partition, offset pairs; got "
              + partitionOffsetPairs.length
              + " values (an odd count)");
    }
    TreeMap<Integer, Long> m = new TreeMap<>();
    for (int i = 0; i < partitionOffsetPairs.length; i += 2) {
      long partition = partitionOffsetPairs[i];
      if (partition != (int) partition) {
        throw new IllegalArgumentException("cut partition out of range: " + partition);
      }
      if (m.put((int) partition, partitionOffsetPairs[i + 1]) != null) {
        throw new IllegalArgumentException("cut names partition " + partition + " twice");
      }
    }
    return new Cut(m);
  }

  /** The exclusive offset bound of a partition (0 when the cut does not name it). */
  public long offset(int partition) {
    Long o = offsets.get(partition);
    return o == null ? 0 : o;
  }

  /** Whether a packed position lies below the cut ({@link IngestPosition#NONE} always does). */
  public boolean contains(long packedPosition) {
    if (packedPosition == IngestPosition.NONE) {
      return true;
    }
    return IngestPosition.offsetOf(packedPosition)
        < offset(IngestPosition.partitionOf(packedPosition));
  }

  /** Whether a position lies below the cut. */
  public boolean contains(IngestPosition p) {
    return contains(p.packed());
  }

  /** The offsets in partition order. */
  public SortedMap<Integer, Long> sortedOffsets() {
    return (SortedMap<Integer, Long>) offsets;
  }

  @Override
  public String toString() {
    return "Cut" + offsets;
  }
}
