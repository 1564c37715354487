package io.gridlens.batch;

import io.gridlens.core.Cut;
import io.gridlens.core.view.BatchVersion;
import io.gridlens.core.view.ViewStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

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
   * By partition of the cut: the newest ingest time among its readings below the cut ({@link
   * BatchVersion#heldUpTo()}); a partition without such readings has no entry.
   */
  Map<Integer, Instant> heldUpTo(Cut cut);

  /**
   * Streams readings below a cut to a sink: each series once, with all its readings in (interval
   * start, position) order; series in an order of the engine's choosing, the same for the same data
   * and cut.
   *
   * @param only null to stream every series; else only the listed series, each from its interval
   *     start (epoch seconds, inclusive)
   */
  void scan(Cut cut, Map<SeriesKey, Long> only, ReadingSink sink);

  /**
   * Runs the work on the series {@link #scan} would stream, where the engine holds the data (one
   * {@link SeriesWork#open sink} per partition, writing into the store as reached from there), and
   * returns the sum of the sinks' outcomes; empty when the engine computes in this process, through
   * {@link #scan} (the default, and the answer when the store cannot be reached from the data or
   * the work cannot travel).
   *
   * @param store the store the job writes to, as this process holds it
   * @param progress called (on the calling thread) with readings done
   */
  default Optional<SeriesWork.Outcome> compute(
      Cut cut, Map<SeriesKey, Long> only, SeriesWork work, ViewStore store, LongConsumer progress) {
    return Optional.empty();
  }

  @Override
  void close();
}
