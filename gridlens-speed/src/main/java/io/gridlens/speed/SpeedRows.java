package io.gridlens.speed;

import io.gridlens.core.DayContext;
import io.gridlens.core.DayReadings;
import io.gridlens.core.DaySlots;
import io.gridlens.core.IngestPosition;
import io.gridlens.core.MeterDay;
import io.gridlens.core.MeterDayKey;
import io.gridlens.core.insight.DayInsights;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.reference.ReferenceData;
import io.gridlens.core.vee.History;
import io.gridlens.core.vee.Vee;
import io.gridlens.core.vee.VeeConfig;
import io.gridlens.core.view.BatchVersion;
import io.gridlens.core.view.DayRange;
import io.gridlens.core.view.StoredRow;
import io.gridlens.core.view.TypedViewStore;
import io.gridlens.core.view.ViewRow;
import io.gridlens.core.view.ViewRowCodec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a speed row is made, the rule of DESIGN.md section 5 on one meter-day: the pinned batch row's
 * raw fold as base (an empty fold when the batch has no row for the day), the pending readings
 * folded in (latest ingest position wins), cleaned by {@link Vee#clean} without history, and the
 * day's insights by {@link DayInsights#of} — the very functions the batch runs.
 *
 * <p>Stateless apart from what it is given; thread-safe when the view store is.
 */
final class SpeedRows {

  private final TypedViewStore views;
  private final ReferenceData reference;
  private final VeeConfig vee;

  SpeedRows(TypedViewStore views, ReferenceData reference, VeeConfig vee) {
    this.views = Objects.requireNonNull(views, "views");
    this.reference = Objects.requireNonNull(reference, "reference");
    this.vee = Objects.requireNonNull(vee, "vee");
  }

  /** The meter of a reading, or empty when the reference data does not know it. */
  Optional<Meter> meter(String meterId) {
    return reference.meter(meterId);
  }

  /**
   * The speed row of a day: base + pending, cleaned, with insights.
   *
   * @param batch the pinned batch version, or null when none is published
   * @throws IllegalStateException when the batch row of the day has other slots than the meter's
   *     (its interval length changed): the day cannot be blended
   */
  ViewRow row(MeterDayKey key, DaySlots slots, PendingDay pending, BatchVersion batch) {
    DayReadings fold = base(key, slots, batch);
    pending.foldInto(fold);
    DayContext ctx = DayContext.of(reference, key.meterId(), key.date());
    MeterDay day = Vee.clean(fold, ctx, vee, History.none());
    return new ViewRow(day, DayInsights.of(day, ctx));
  }

  private DayReadings base(MeterDayKey key, DaySlots slots, BatchVersion batch) {
    if (batch != null) {
      List<ViewRow> rows =
          views.readBatch(
              batch.number(), new DayRange(key.meterId(), key.channel(), key.date(), key.date()));
      if (!rows.isEmpty()) {
        DayReadings base = rows.get(0).day().readings();
        if (!base.slots().equals(slots)) {
          throw new IllegalStateException(
              "batch row of "
                  + key
                  + " in version "
                  + batch.number()
                  + " has slots "
                  + base.slots()
                  + ", the meter's readings have "
                  + slots
                  + "; a meter's interval length or zone must not change within a day");
        }
        return base;
      }
    }
    return new DayReadings(key, slots);
  }

  /**
   * The highest position of the stored speed row of a day, or {@link IngestPosition#NONE} when
   * there is none. Reads it from the stored bytes ({@link ViewRowCodec#maxPosition}): the row is
   * not decoded.
   */
  long storedMaxPosition(MeterDayKey key) {
    List<StoredRow> rows =
        views.bytes().readSpeed(new DayRange(key.meterId(), key.channel(), key.date(), key.date()));
    return rows.isEmpty() ? IngestPosition.NONE : ViewRowCodec.maxPosition(rows.get(0).value());
  }

  /**
   * Writes a speed row unless the store already holds one of the day with a higher position: a
   * write of a zombie instance (one that lost the partition in a rebalance and has not noticed yet)
   * never replaces a newer row.
   *
   * @return whether it was written
   */
  boolean write(ViewRow row) {
    if (storedMaxPosition(row.key()) > row.maxPosition()) {
      return false;
    }
    views.putSpeed(row);
    return true;
  }

  void delete(MeterDayKey key) {
    views.deleteSpeed(key);
  }
}
