package io.gridlens.batch;

/**
 * Where a {@link BatchEngine} streams the readings of a scan: series after series, each one's
 * readings in (interval start, ingest position) order, as primitives (no object per reading).
 *
 * <p>Calls come from one thread: {@code startSeries}, any number of {@code reading}, {@code
 * endSeries}, then the next series.
 */
public interface ReadingSink {

  /**
   * A new series starts. Each series comes once, with all its readings; series come in the engine's
   * order (the embedded engine: partition by partition, (meter id, channel) order within one), the
   * same for the same data and cut.
   */
  void startSeries(SeriesKey series);

  /**
   * One reading of the current series.
   *
   * @param intervalStart epoch seconds
   * @param intervalMinutes its interval length
   * @param register whether the value is a cumulative register index
   * @param wh the value
   * @param qualityCode {@link io.gridlens.core.Quality#code()}
   * @param packedPosition {@link io.gridlens.core.IngestPosition#packed()}
   */
  void reading(
      long intervalStart,
      int intervalMinutes,
      boolean register,
      long wh,
      byte qualityCode,
      long packedPosition);

  /** The current series has no more readings. */
  void endSeries();
}
