package io.gridlens.core.reference;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A daily window of local wall-clock time, {@code from} inclusive to {@code to} exclusive; it wraps
 * past midnight when {@code to} is not after {@code from} (22:00-06:00).
 */
public record TimeWindow(LocalTime from, LocalTime to) implements java.io.Serializable {

  public TimeWindow {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from.equals(to)) {
      throw new IllegalArgumentException("empty time window " + from + "-" + to);
    }
  }

  /** Parses {@code HH:MM-HH:MM}. */
  public static TimeWindow parse(String text) {
    String[] parts = text == null ? new String[0] : text.strip().split("-");
    if (parts.length != 2) {
      throw new IllegalArgumentException("time window must be HH:MM-HH:MM, was '" + text + "'");
    }
    try {
      return new TimeWindow(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("time window must be HH:MM-HH:MM, was '" + text + "'", e);
    }
  }

  /** Whether a wall-clock time is in the window. */
  public boolean contains(LocalTime t) {
    if (from.isBefore(to)) {
      return !t.isBefore(from) && t.isBefore(to);
    }
    return !t.isBefore(from) || t.isBefore(to);
  }

  @Override
  public String toString() {
    return from + "-" + to;
  }
}
