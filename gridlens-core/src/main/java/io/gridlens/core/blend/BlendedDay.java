package io.gridlens.core.blend;

import io.gridlens.core.insight.DayInsights;
import io.gridlens.core.view.ViewRow;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One day of a blended answer: the row the blending query chose for it and the view it came from.
 *
 * @param row the chosen row
 * @param source the view it was read from
 */
public record BlendedDay(ViewRow row, RowSource source) {

  public BlendedDay {
    Objects.requireNonNull(row, "row");
    Objects.requireNonNull(source, "source");
  }

  public LocalDate date() {
    return row.day().date();
  }

  public DayInsights insights() {
    return row.insights();
  }

  /** Number of intervals without a value (never counted as zero consumption). */
  public int missingIntervals() {
    return row.insights().missing();
  }

  /** Number of intervals with an estimated value. */
  public int estimatedIntervals() {
    return row.insights().estimated();
  }

  /** Every status of the day (see {@link DayStatus} for how they combine). */
  public Set<DayStatus> statuses() {
    EnumSet<DayStatus> s = EnumSet.noneOf(DayStatus.class);
    boolean incomplete = missingIntervals() > 0;
    if (incomplete) {
      s.add(DayStatus.INCOMPLETE);
    }
    if (estimatedIntervals() > 0) {
      s.add(DayStatus.ESTIMATED);
    }
    if (source == RowSource.SPEED) {
      s.add(DayStatus.PROVISIONAL);
    } else if (!incomplete) {
      s.add(DayStatus.FINAL);
    }
    return Collections.unmodifiableSet(s);
  }

  /** The one status that stands for the day: the first of {@link #statuses()}. */
  public DayStatus status() {
    return statuses().iterator().next();
  }
}
