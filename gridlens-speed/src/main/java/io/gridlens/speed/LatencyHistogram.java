package io.gridlens.speed;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A histogram of latencies in whole milliseconds, from 0 to {@value #MAX_MILLIS} ms at 1 ms
 * resolution (longer ones count in one overflow bucket), for freshness figures an application can
 * export.
 *
 * <p>Thread-safe and lock-free: writers add to atomic counters; a reader sees counts that may be a
 * few records apart from each other while writers run.
 */
public final class LatencyHistogram {

  /** The largest latency with a bucket of its own. */
  public static final int MAX_MILLIS = 60_000;

  private final AtomicLongArray buckets = new AtomicLongArray(MAX_MILLIS + 2);
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong max = new AtomicLong();

  /** Counts one latency; a negative one (clock skew) counts as 0. */
  public void record(long millis) {
    long m = Math.max(0, millis);
    buckets.incrementAndGet((int) Math.min(m, MAX_MILLIS + 1));
    count.incrementAndGet();
    max.accumulateAndGet(m, Math::max);
  }

  /** Number of latencies counted. */
  public long count() {
    return count.get();
  }

  /** The largest latency counted, in ms (0 when none). */
  public long max() {
    return max.get();
  }

  /**
   * The latency at or below which a fraction of the counted ones lie, in ms: {@code
   * percentile(0.99)} is the p99. Returns {@link #MAX_MILLIS} + 1 when it lies in the overflow
   * bucket, and 0 when nothing was counted.
   *
   * @throws IllegalArgumentException when the fraction is not in (0, 1]
   */
  public long percentile(double fraction) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be in (0, 1], was " + fraction);
    }
    long total = 0;
    long[] snapshot = new long[buckets.length()];
    for (int i = 0; i < snapshot.length; i++) {
      snapshot[i] = buckets.get(i);
      total += snapshot[i];
    }
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(fraction * total);
    long seen = 0;
    for (int i = 0; i < snapshot.length; i++) {
      seen += snapshot[i];
      if (seen >= rank) {
        return i;
      }
    }
    return MAX_MILLIS + 1;
  }

  @Override
  public String toString() {
    return "LatencyHistogram[n="
        + count()
        + ", p50="
        + percentile(0.5)
        + " ms, p99="
        + percentile(0.99)
        + " ms, max="
        + max()
        + " ms]";
  }
}
