package io.gridlens.core.view;

import io.gridlens.core.MeterDay;
import io.gridlens.core.MeterDayKey;
import io.gridlens.core.insight.DayInsights;
import java.util.Objects;

/**
 * One row of a batch or speed view: a cleaned meter-day and its additive insights.
 *
 * <p>The insights must be those of the day: their energy and interval counts are checked against
 * the day (the rest, time-of-use, cost and carbon, depends on reference data the row does not
 * carry).
 *
 * @param day the cleaned day, with its raw fold (the speed layer rebases on it)
 * @param insights the day's additive insights
 * @param history the day's history-based insights (batch rows), or null when not computed (speed
 *     rows)
 */
public record ViewRow(MeterDay day, DayInsights insights, DayHistory history) {

  /** A row without history-based insights (what the speed layer writes). */
  public ViewRow(MeterDay day, DayInsights insights) {
    this(day, insights, null);
  }

  public ViewRow {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(insights, "insights");
    if (insights.wh() != day.totalWh()
        || insights.expected() != day.size()
        || insights.actual() != day.actualCount()
        || insights.estimated() != day.estimatedCount()
        || insights.missing() != day.missingCount()) {
      throw new IllegalArgumentException(
          "insights "
              + insights
              + " are not those of "
              + day
              + ": energy and interval counts differ; compute them with DayInsights.of(day, ctx)");
    }
  }

  public MeterDayKey key() {
    return day.key();
  }

  /** The highest packed ingest position of the day's readings (what blending compares to a cut). */
  public long maxPosition() {
    return day.maxPosition();
  }
}
