package io.gridlens.core.reference;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * The colour of each Tempo day. Tempo day {@code D} runs from 06:00 local time on {@code D} to
 * 06:00 on {@code D + 1}; a day not in the calendar is blue (the most common colour, and the one
 * announced by default).
 */
public final class TempoCalendar implements java.io.Serializable {

  /** A calendar where every day is blue. */
  public static final TempoCalendar ALL_BLUE = new TempoCalendar(Map.of());

  private final TreeMap<LocalDate, TempoColour> colours;

  public TempoCalendar(Map<LocalDate, TempoColour> colours) {
    this.colours = new TreeMap<>(colours);
  }

  /** The colour of Tempo day {@code day}. */
  public TempoColour colour(LocalDate day) {
    return colours.getOrDefault(day, TempoColour.BLUE);
  }

  /** The days with a colour other than blue. */
  public Map<LocalDate, TempoColour> colours() {
    return Map.copyOf(colours);
  }
}
