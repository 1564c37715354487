package io.gridlens.core.view;

import java.time.Instant;
import java.util.Objects;

/**
 * How far the speed layer has applied one partition of the {@code readings} log to the speed view:
 * the next offset it will process, and the instant up to which the partition is complete.
 *
 * <p>"Complete up to {@code t}" means: every reading of this partition that ingest accepted before
 * {@code t} is applied to the speed rows in the store (or lies below the batch cut). The speed
 * layer writes a record with {@link ViewStore#putSpeedProgress} only AFTER the speed rows it covers
 * are written, so a reader that reads the progress before the speed rows never sees a progress
 * ahead of the rows. Answers derive their freshness from it ({@code
 * io.gridlens.core.blend.Snapshot#of}).
 *
 * @param partition the log partition, {@code >= 0}
 * @param nextOffset the offset of the next record the speed layer will process (every record below
 *     it is applied), {@code >= 0}
 * @param completeUpTo the instant up to which every accepted reading of the partition is applied
 */
public record SpeedProgress(int partition, long nextOffset, Instant completeUpTo) {

  public SpeedProgress {
    if (partition < 0) {
      throw new IllegalArgumentException(
          "speed progress partition must be >= 0, was " + partition + "; use the log partition");
    }
    if (nextOffset < 0) {
      throw new IllegalArgumentException(
          "speed progress of partition "
              + partition
              + " needs nextOffset >= 0, was "
              + nextOffset
              + "; pass the offset of the next record to process");
    }
    Objects.requireNonNull(completeUpTo, "completeUpTo");
  }
}
