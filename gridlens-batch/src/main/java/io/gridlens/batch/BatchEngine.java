package io.gridlens.batch;

import io.gridlens.core.Cut;
import java.util.List;
import java.util.Map;

/**
 * The engine-specific steps of a batch run (DESIGN.md section 6), as Beam's runners are to a
 * pipeline: read the master dataset up to a cut, sort and group it by meter and time, and stream
 * each series to the job, which hands it to the core and writes the rows. The embedded engine
 * ({@link DuckDbEngine}) and the Spark engine implement it; neither holds insight logic.
 *
 * <p>Every method reads exactly the readings whose ingest position lies below the cut ({@code
 * log_offset < cut.offset(log_partition)}).
 */
public interface BatchEngine extends AutoCloseable {

  /** A short name for status and logs, e.g. {@code embedded}. */
  String name();

  /** The cut of everything the master dataset holds now (from its file names). */
  Cut cutOnDisk();

  /** Every series with readings below the cut, in (meter id, channel) order. */
  List<SeriesSpan> series(Cut cut);

  /**
   * The series touched by readings logged between two cuts (position at or above {@code from} and
   * below {@code to}), with the earliest interval start (epoch seconds) among those readings.
   */
  Map<SeriesKey, Long> touched(Cut from, Cut to);

  /**
   * Streams readings below a cut to a sink, series in (meter id, channel) order, readings in
   * (interval start, position) order.
   *
   * @param only null to stream every series; else only the listed series, each from its interval
   *     start (epoch seconds, inclusive)
   */
  void scan(Cut cut, Map<SeriesKey, Long> only, ReadingSink sink);

  @Override
  void close();
}
