package io.gridlens.core.view;

import java.util.Arrays;
import java.util.Objects;

/**
 * One row of the summary key space of a batch version: per-meter-month and per-cohort-month figures
 * that are not per day (peer comparison, breakdown, bill forecast), and batch run facts.
 *
 * <p>Rows are grouped in partitions read whole ({@link ViewStore#readSummaries}); within a
 * partition they are ordered by the unsigned bytes of their key. Partitions in use: {@code
 * m:<meterId>} (one row per month, {@link SummaryCodec}), {@code c:<tenant>} (one row per
 * cohort-month) and {@code b} (batch runs). The arrays are not copied.
 *
 * @param partition the group the row is read with, non-blank, without U+0000
 * @param key the row's key within the partition, non-empty
 * @param value the encoded row
 */
public record SummaryRow(String partition, byte[] key, byte[] value) {

  /** Longest partition name. */
  public static final int MAX_PARTITION_LENGTH = 256;

  public SummaryRow {
    if (partition == null || partition.isBlank()) {
      throw new IllegalArgumentException("summary partition must not be blank");
    }
    if (partition.length() > MAX_PARTITION_LENGTH || partition.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "summary partition must be at most "
              + MAX_PARTITION_LENGTH
              + " characters without U+0000, was '"
              + partition
              + "'");
    }
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (key.length == 0) {
      throw new IllegalArgumentException("summary key of partition " + partition + " is empty");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SummaryRow r
        && partition.equals(r.partition)
        && Arrays.equals(key, r.key)
        && Arrays.equals(value, r.value);
  }

  @Override
  public int hashCode() {
    return partition.hashCode() * 31 * 31 + 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "SummaryRow[" + partition + ", key " + key.length + " B, value " + value.length + " B]";
  }
}
