package io.gridlens.speed;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the speed layer has done and how fresh its rows are: counters, the freshness histogram
 * (record timestamp, i.e. when ingest accepted the readings, to the speed row written) and the
 * latest record timestamp processed ({@link #freshAsOf()}).
 *
 * <p>Thread-safe: every stream thread of a {@link SpeedLayer} adds to the same instance.
 */
public final class SpeedMetrics {

  private static final long NONE = Long.MIN_VALUE;

  private final AtomicLong records = new AtomicLong();
  private final AtomicLong readings = new AtomicLong();
  private final AtomicLong recordsBelowCut = new AtomicLong();
  private final AtomicLong rejectedReadings = new AtomicLong();
  private final AtomicLong rowsWritten = new AtomicLong();
  private final AtomicLong rowsDropped = new AtomicLong();
  private final AtomicLong rebases = new AtomicLong();
  private final AtomicLong freshAsOf = new AtomicLong(NONE);
  private final LatencyHistogram freshness = new LatencyHistogram();

  void recordProcessed(int readingCount, long timestampMillis) {
    records.incrementAndGet();
    readings.addAndGet(readingCount);
    freshAsOf.accumulateAndGet(timestampMillis, Math::max);
  }

  void recordBelowCut(long timestampMillis) {
    recordsBelowCut.incrementAndGet();
    freshAsOf.accumulateAndGet(timestampMillis, Math::max);
  }

  void readingRejected() {
    rejectedReadings.incrementAndGet();
  }

  void rowWritten(long latencyMillis) {
    rowsWritten.incrementAndGet();
    freshness.record(latencyMillis);
  }

  void rowRewritten() {
    rowsWritten.incrementAndGet();
  }

  void rowDropped() {
    rowsDropped.incrementAndGet();
  }

  void rebased() {
    rebases.incrementAndGet();
  }

  /** Records of {@code readings} applied to the speed state. */
  public long records() {
    return records.get();
  }

  /** Readings applied to the speed state. */
  public long readings() {
    return readings.get();
  }

  /** Records skipped because the published batch already holds them (offset below the cut). */
  public long recordsBelowCut() {
    return recordsBelowCut.get();
  }

  /**
   * Readings skipped because they cannot belong to a day of their meter (unknown meter, another
   * interval length, not aligned to a slot): ingest rejects them, so this stays 0 in practice.
   */
  public long rejectedReadings() {
    return rejectedReadings.get();
  }

  /** Speed rows written (by records and by rebases). */
  public long rowsWritten() {
    return rowsWritten.get();
  }

  /** Speed rows dropped because a batch absorbed every reading of their day. */
  public long rowsDropped() {
    return rowsDropped.get();
  }

  /** Rebases done (one per stream task and new batch cut). */
  public long rebases() {
    return rebases.get();
  }

  /**
   * The latest ingest time (record timestamp) of a record the speed layer has processed: the speed
   * rows hold every reading of a partition up to there. Empty before the first record.
   */
  public Optional<Instant> freshAsOf() {
    long t = freshAsOf.get();
    return t == NONE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(t));
  }

  /** Freshness: record timestamp to speed row written, one count per row written by a record. */
  public LatencyHistogram freshness() {
    return freshness;
  }

  @Override
  public String toString() {
    return "SpeedMetrics[records="
        + records()
        + ", readings="
        + readings()
        + ", belowCut="
        + recordsBelowCut()
        + ", rejected="
        + rejectedReadings()
        + ", rowsWritten="
        + rowsWritten()
        + ", rowsDropped="
        + rowsDropped()
        + ", rebases="
        + rebases()
        + ", freshness="
        + freshness
        + "]";
  }
}
