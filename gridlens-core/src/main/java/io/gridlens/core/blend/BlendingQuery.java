package io.gridlens.core.blend;

import io.gridlens.core.Cut;
import io.gridlens.core.view.BatchVersion;
import io.gridlens.core.view.DayRange;
import io.gridlens.core.view.TypedViewStore;
import io.gridlens.core.view.ViewPointer;
import io.gridlens.core.view.ViewRow;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The query that answers from the batch and speed views together, counting every reading exactly
 * once (DESIGN.md section 5).
 *
 * <p>Design note. The split is on the ingestion axis, not on event time: for each meter-day, the
 * speed row wins if it holds a reading at or after the pinned cut of its partition, else the batch
 * row. A speed row is the batch row of the same day with every later reading applied by the same
 * fold, so choosing it never drops a batch reading, and choosing the batch row when the speed row
 * holds nothing new never drops a speed reading. Late and corrected readings show at once, however
 * old their day.
 *
 * <p>One request pins one snapshot: the pointer is read once, then only that batch version is read
 * (a publish during the request does not change the answer; the store keeps the previous version
 * readable). The speed rows read afterwards may already be rebased on a newer batch; they still
 * hold every reading of their day, so the rule above stays exact.
 *
 * <p>The comparison uses the day's highest ingest position and its partition: a meter's readings
 * are keyed by meter, so all of them are in one partition.
 *
 * <p>Thread-safe when the store is; holds no state per request.
 */
public final class BlendingQuery {

  private final TypedViewStore views;
  private final Clock clock;

  /**
   * A query over a store.
   *
   * @param views the batch and speed views
   * @param clock the query time, {@link Snapshot#freshAsOf()}'s last fallback
   */
  public BlendingQuery(TypedViewStore views, Clock clock) {
    this.views = Objects.requireNonNull(views, "views");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Pins a snapshot: reads the pointer, then the speed progress (before any speed row, so the
   * freshness never runs ahead of the rows read after it; see {@link Snapshot#of}).
   */
  public Snapshot snapshot() {
    BatchVersion pinned = views.pointer().map(ViewPointer::current).orElse(null);
    return Snapshot.of(pinned, views.speedProgress(), clock.instant());
  }

  /** The blended days of a range, read from one snapshot. */
  public BlendedDays days(DayRange range) {
    Objects.requireNonNull(range, "range");
    Snapshot snapshot = snapshot();
    BatchVersion pinned = snapshot.batch();
    List<ViewRow> batch = pinned == null ? List.of() : views.readBatch(pinned.number(), range);
    List<ViewRow> speed = views.readSpeed(range);
    return new BlendedDays(range, snapshot, blend(batch, speed, snapshot.cut()));
  }

  /**
   * The rule of blending, on rows already read: per day, the speed row if it holds a reading at or
   * after the cut, else the batch row; a day with neither is absent.
   *
   * @param batch batch rows of one meter channel, in date order
   * @param speed speed rows of the same meter channel, in date order
   * @param cut the cut of the batch version the batch rows belong to
   */
  public static List<BlendedDay> blend(List<ViewRow> batch, List<ViewRow> speed, Cut cut) {
    List<BlendedDay> out = new ArrayList<>(Math.max(batch.size(), speed.size()));
    int b = 0;
    int s = 0;
    while (b < batch.size() || s < speed.size()) {
      LocalDate bd = b < batch.size() ? batch.get(b).day().date() : null;
      LocalDate sd = s < speed.size() ? speed.get(s).day().date() : null;
      int order = bd == null ? 1 : sd == null ? -1 : bd.compareTo(sd);
      ViewRow batchRow = order <= 0 ? batch.get(b++) : null;
      ViewRow speedRow = order >= 0 ? speed.get(s++) : null;
      if (speedRow != null && !cut.contains(speedRow.maxPosition())) {
        out.add(new BlendedDay(speedRow, RowSource.SPEED));
      } else if (batchRow != null) {
        out.add(new BlendedDay(batchRow, RowSource.BATCH));
      }
    }
    return out;
  }
}
