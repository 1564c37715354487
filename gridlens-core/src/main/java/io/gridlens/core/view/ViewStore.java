package io.gridlens.core.view;

import java.util.List;
import java.util.Optional;

/**
 * Where the batch and speed views are kept for the blending query: a store of byte rows keyed by
 * meter-day, with versioned batch rows, unversioned speed rows and a published-version pointer.
 *
 * <p>Design note. Like Kafka Streams' {@code KeyValueStore<Bytes, byte[]>}, a backend (RocksDB,
 * Cassandra) stores bytes only: keys are {@link io.gridlens.core.codec.MeterDayKeyCodec sort keys},
 * values are {@link ViewRowCodec encoded rows}. Typing ({@link TypedViewStore}), metrics and
 * caching are decorators in core, so every backend gets them for free and the shared contract test
 * covers each backend through this interface alone.
 *
 * <p><b>Model.</b> Batch rows belong to a version: the batch layer loads version N with {@link
 * #putBatch} (any number of calls), then makes it visible with one {@link #publish}. Rows of an
 * unpublished version are readable (for checks) but no query reads them, because queries read the
 * version named by {@link #pointer()}. Speed rows have no version: one row per meter-day, replaced
 * by {@link #putSpeed}, dropped by {@link #deleteSpeed} once a batch has absorbed it.
 *
 * <p><b>Atomicity.</b> {@link #publish} replaces the pointer (current and previous version, with
 * their cuts) in one atomic step: a concurrent {@link #pointer()} returns the old pointer or the
 * new one, never a mix of the two, and never a version whose rows are not all loaded. Each single
 * row read or write is atomic. A {@link #readBatch} of a published version is stable (its rows
 * never change); a {@link #readSpeed} reflects speed writes as they land. A query that needs one
 * consistent answer reads {@link #pointer()} once and then reads that version (see the blending
 * query).
 *
 * <p><b>Durability.</b> When {@link #publish} returns, the version's rows and the pointer survive a
 * crash of the process. Rows of a version that was never published may be lost in a crash: the
 * batch run that wrote them must load them again.
 *
 * <p><b>Lifecycle.</b> A factory (or constructor) returns an open store; the caller closes it.
 * Calls after {@link #close()} throw {@link IllegalStateException}. Closing waits for calls in
 * progress.
 *
 * <p><b>Thread-safety.</b> Implementations are safe for concurrent use by any number of threads.
 * {@link #publish} calls are serialized by the store. One batch run loads a given version: two
 * concurrent loaders of the same version are not supported.
 *
 * <p><b>Nullness.</b> No argument may be null; no method returns null.
 */
public interface ViewStore extends AutoCloseable {

  /**
   * Adds rows to a batch version that is not published yet, replacing rows of the same key.
   *
   * <p>Meant for bulk loads: implementations write in large asynchronous or batched groups and may
   * reorder writes within a call. May be called any number of times for one version.
   *
   * @param version the batch version, {@code >= 1}
   * @param rows sort keys and encoded rows, consumed once, in any order
   * @return number of rows written
   * @throws IllegalStateException when the version is the current or previous published one
   *     (published rows never change: load a new version instead)
   */
  long putBatch(long version, Iterable<StoredRow> rows);

  /** Writes the speed row of a meter-day, replacing the previous one. */
  void putSpeed(StoredRow row);

  /** Drops the speed row of a meter-day (no effect when there is none). */
  void deleteSpeed(byte[] key);

  /**
   * The rows of a batch version in a day range, in ascending key order (hence date order); empty
   * when the version has no rows there or does not exist.
   */
  List<StoredRow> readBatch(long version, DayRange range);

  /** The speed rows in a day range, in ascending key order (hence date order). */
  List<StoredRow> readSpeed(DayRange range);

  /**
   * Makes a loaded batch version the one queries read, atomically, and keeps the version it
   * replaces as the previous one (for rollback). Publishing the previous version again is a
   * rollback: it becomes current and the replaced version becomes previous.
   *
   * @throws IllegalArgumentException when the version is already the current one
   */
  void publish(BatchVersion version);

  /** The published pointer, or empty when no version was ever published. */
  Optional<ViewPointer> pointer();

  /**
   * Deletes every row of a batch version, typically an old one no query reads any more.
   *
   * @throws IllegalStateException when the version is the current or the previous one
   */
  void dropVersion(long version);

  /** Releases the store's resources; waits for calls in progress. Idempotent. */
  @Override
  void close();

  /**
   * Returns to the previous version: publishes it again, and keeps the version it replaces as the
   * previous one (so a second rollback undoes the first).
   *
   * @return the pointer after the rollback
   * @throws IllegalStateException when nothing was published, or there is no previous version
   */
  default ViewPointer rollback() {
    ViewPointer p =
        pointer()
            .orElseThrow(
                () -> new IllegalStateException("cannot roll back: no version was ever published"));
    BatchVersion target =
        p.rollbackTarget()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "cannot roll back from version "
                            + p.current().number()
                            + ": there is no previous version"));
    publish(target);
    return pointer().orElseThrow();
  }

  /**
   * Adds rows to the summary key space of a batch version that is not published yet, replacing rows
   * of the same partition and key. Published, dropped and loaded with the version's day rows:
   * {@link #publish} makes both visible at once, {@link #dropVersion} deletes both.
   *
   * @return number of rows written
   * @throws IllegalStateException when the version is the current or previous published one
   * @throws UnsupportedOperationException when the backend keeps no summaries
   */
  default long putSummaries(long version, Iterable<SummaryRow> rows) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " keeps no summary rows; use a store that implements them");
  }

  /**
   * The summary rows of one partition of a batch version, in ascending unsigned key order; empty
   * when there are none.
   *
   * @throws UnsupportedOperationException when the backend keeps no summaries
   */
  default List<SummaryRow> readSummaries(long version, String partition) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " keeps no summary rows; use a store that implements them");
  }

  /**
   * Records how far the speed layer has got in one log partition, replacing the partition's
   * previous record (last writer wins: the speed layer instance that owns the partition writes it).
   *
   * <p>The speed layer calls it after the speed rows the record covers are written ({@link
   * #putSpeed} returned), typically once per commit of the partition. Durable like a speed row.
   *
   * @throws UnsupportedOperationException when the backend keeps no speed progress
   */
  default void putSpeedProgress(SpeedProgress progress) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " keeps no speed progress; use a store that implements it");
  }

  /**
   * The speed progress of every partition that has one, in partition order; empty when the speed
   * layer never wrote any (or the backend keeps none: answers then fall back to the batch's publish
   * time, see {@code io.gridlens.core.blend.Snapshot#of}).
   */
  default List<SpeedProgress> speedProgress() {
    return List.of();
  }

  /** The rows of the current published version in a day range; empty when none is published. */
  default List<StoredRow> readCurrent(DayRange range) {
    return pointer().map(p -> readBatch(p.current().number(), range)).orElse(List.of());
  }
}
