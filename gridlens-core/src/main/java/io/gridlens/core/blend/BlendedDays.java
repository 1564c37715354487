package io.gridlens.core.blend;

import io.gridlens.core.insight.DayInsights;
import io.gridlens.core.insight.PeriodTotals;
import io.gridlens.core.view.DayRange;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * The answer of a blending query: the days of a range that have a row, in date order, and the
 * snapshot they were all read from.
 *
 * <p>A day without a row in either view is absent, never a zero. Month and year totals add up the
 * days present in the range only: a total covers {@link PeriodTotals#days()} days, which a caller
 * compares with the length of the month to tell a partial month.
 *
 * @param range what was asked
 * @param snapshot the one snapshot every day was read from
 * @param days the days present, in date order, each at most once
 */
public record BlendedDays(DayRange range, Snapshot snapshot, List<BlendedDay> days) {

  public BlendedDays {
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(snapshot, "snapshot");
    days = List.copyOf(days);
    LocalDate previous = null;
    for (BlendedDay d : days) {
      if (!range.contains(d.row().key())) {
        throw new IllegalArgumentException("day " + d.row().key() + " is outside " + range);
      }
      if (previous != null && !d.date().isAfter(previous)) {
        throw new IllegalArgumentException(
            "days must be in strictly increasing date order; " + d.date() + " after " + previous);
      }
      previous = d.date();
    }
  }

  /** The insights of the days present, by date, in date order. */
  public Map<LocalDate, DayInsights> insightsByDate() {
    Map<LocalDate, DayInsights> m = new LinkedHashMap<>();
    for (BlendedDay d : days) {
      m.put(d.date(), d.insights());
    }
    return m;
  }

  /** The total of all days present. */
  public PeriodTotals total() {
    PeriodTotals t = PeriodTotals.EMPTY;
    for (BlendedDay d : days) {
      t = t.plus(d.insights());
    }
    return t;
  }

  /** Totals by local calendar month, of the days present. */
  public SortedMap<YearMonth, PeriodTotals> byMonth() {
    return PeriodTotals.byMonth(insightsByDate());
  }

  /** Totals by local calendar year, of the days present. */
  public SortedMap<Year, PeriodTotals> byYear() {
    return PeriodTotals.byYear(insightsByDate());
  }
}
