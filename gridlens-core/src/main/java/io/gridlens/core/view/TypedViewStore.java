package io.gridlens.core.view;

import io.gridlens.core.MeterDayKey;
import io.gridlens.core.codec.MeterDayKeyCodec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ViewStore} seen as {@link ViewRow}s: the decorator that encodes rows and sort keys on
 * the way in and decodes them on the way out.
 *
 * <p>Thread-safe when the wrapped store is (it holds no state of its own). Closing it closes the
 * wrapped store.
 */
public final class TypedViewStore implements AutoCloseable {

  private final ViewStore inner;

  /** A typed view of a bytes store. */
  public TypedViewStore(ViewStore inner) {
    this.inner = Objects.requireNonNull(inner, "inner");
  }

  /** The wrapped bytes store. */
  public ViewStore bytes() {
    return inner;
  }

  /** The stored form of a row: its sort key and its encoded value. */
  public static StoredRow toStored(ViewRow row) {
    return new StoredRow(MeterDayKeyCodec.encode(row.key()), ViewRowCodec.encode(row));
  }

  /**
   * Adds rows to an unpublished batch version, encoding them as they are consumed.
   *
   * @return number of rows written
   * @see ViewStore#putBatch
   */
  public long putBatch(long version, Iterable<ViewRow> rows) {
    Objects.requireNonNull(rows, "rows");
    return inner.putBatch(
        version,
        () ->
            new Iterator<>() {
              private final Iterator<ViewRow> it = rows.iterator();

              @Override
              public boolean hasNext() {
                return it.hasNext();
              }

              @Override
              public StoredRow next() {
                return toStored(it.next());
              }
            });
  }

  /** Writes the speed row of a meter-day. */
  public void putSpeed(ViewRow row) {
    inner.putSpeed(toStored(row));
  }

  /** Drops the speed row of a meter-day. */
  public void deleteSpeed(MeterDayKey key) {
    inner.deleteSpeed(MeterDayKeyCodec.encode(key));
  }

  /** The rows of a batch version in a day range, in date order. */
  public List<ViewRow> readBatch(long version, DayRange range) {
    return decode(inner.readBatch(version, range), range);
  }

  /** The speed rows in a day range, in date order. */
  public List<ViewRow> readSpeed(DayRange range) {
    return decode(inner.readSpeed(range), range);
  }

  /**
   * @see ViewStore#publish
   */
  public void publish(BatchVersion version) {
    inner.publish(version);
  }

  /**
   * @see ViewStore#putSpeedProgress
   */
  public void putSpeedProgress(SpeedProgress progress) {
    inner.putSpeedProgress(progress);
  }

  /**
   * @see ViewStore#speedProgress
   */
  public List<SpeedProgress> speedProgress() {
    return inner.speedProgress();
  }

  /**
   * @see ViewStore#pointer
   */
  public Optional<ViewPointer> pointer() {
    return inner.pointer();
  }

  /**
   * @see ViewStore#rollback
   */
  public ViewPointer rollback() {
    return inner.rollback();
  }

  /**
   * @see ViewStore#dropVersion
   */
  public void dropVersion(long version) {
    inner.dropVersion(version);
  }

  @Override
  public void close() {
    inner.close();
  }

  private static List<ViewRow> decode(List<StoredRow> stored, DayRange range) {
    List<ViewRow> rows = new ArrayList<>(stored.size());
    for (StoredRow s : stored) {
      ViewRow row = ViewRowCodec.decode(s.value());
      if (!range.contains(row.key())) {
        throw new IllegalStateException(
            "view store returned a row of "
                + row.key()
                + " for a read of "
                + range
                + "; the store's range read is broken");
      }
      rows.add(row);
    }
    return rows;
  }
}
