package io.gridlens.batch;

import java.util.Arrays;

/**
 * The series numbers of a plan by a 63-bit hash of (meter id, channel) that DuckDB computes per
 * reading: an open-addressing table from hash to series number, so that a scan needs no join to the
 * plan. Built only when the hashes of the plan's series are distinct ({@link #of} returns null
 * otherwise, and the scan joins instead).
 */
final class SeriesHashes {

  private final long[] keys;
  private final int[] sids;
  private final int mask;

  private SeriesHashes(int capacity) {
    keys = new long[capacity];
    sids = new int[capacity];
    Arrays.fill(sids, -1);
    mask = capacity - 1;
  }

  /**
   * The table of a plan's hashes, or null when two series share a hash.
   *
   * @param hashes the hash of series {@code sid} at index {@code sid}, each {@code >= 0}
   */
  static SeriesHashes of(long[] hashes) {
    int need = Math.max(2, hashes.length + hashes.length / 3 + 1); // load at most 3/4
    int capacity = Integer.highestOneBit(need - 1) << 1;
    SeriesHashes t = new SeriesHashes(capacity);
    for (int sid = 0; sid < hashes.length; sid++) {
      if (hashes[sid] < 0) {
        throw new IllegalArgumentException(
            "series hashes must be >= 0 (63 bits), series " + sid + " has " + hashes[sid]);
      }
      int i = t.slot(hashes[sid]);
      if (t.sids[i] >= 0) {
        return null;
      }
      t.keys[i] = hashes[sid];
      t.sids[i] = sid;
    }
    return t;
  }

  /** The series number of a hash, or -1 when no series of the plan has it. */
  int sid(long hash) {
    return sids[slot(hash)];
  }

  /** The slot holding {@code hash}, or the free slot where it would go. */
  private int slot(long hash) {
    int i = (int) (hash ^ (hash >>> 29)) & mask;
    while (sids[i] >= 0 && keys[i] != hash) {
      i = (i + 1) & mask;
    }
    return i;
  }
}
