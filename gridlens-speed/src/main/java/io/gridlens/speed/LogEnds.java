package io.gridlens.speed;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How far the {@code readings} log reaches, per partition, as last read: what lets an idle speed
 * layer say it is complete up to now rather than up to its last record.
 */
public interface LogEnds {

  /**
   * The end of a partition as read at some instant.
   *
   * @param offset one past the last record of the partition (its log end)
   * @param readAt taken just before the end was asked for: every record acknowledged to its
   *     producer before this instant lies below {@code offset}
   */
  record End(long offset, Instant readAt) {

    public End {
      if (offset < 0) {
        throw new IllegalArgumentException("log end offset must be >= 0, was " + offset);
      }
      Objects.requireNonNull(readAt, "readAt");
    }
  }

  /** The last end read of a partition, if any. */
  Optional<End> end(int partition);

  /** Knows no end: progress stays at the last record applied. */
  LogEnds NONE = partition -> Optional.empty();
}
