package io.gridlens.batch;

import java.util.Objects;

/**
 * What the master dataset below a cut holds of one series: its first and last interval start and
 * its number of readings.
 *
 * @param series the meter and channel
 * @param firstStart earliest interval start, epoch seconds
 * @param lastStart latest interval start, epoch seconds
 * @param readings number of readings
 */
public record SeriesSpan(SeriesKey series, long firstStart, long lastStart, long readings) {

  public SeriesSpan {
    Objects.requireNonNull(series, "series");
    if (lastStart < firstStart || readings < 1) {
      throw new IllegalArgumentException(
          "span of "
              + series
              + " must have firstStart <= lastStart and readings >= 1, was "
              + firstStart
              + ".."
              + lastStart
              + ", "
              + readings);
    }
  }
}
