package io.gridlens.formats;

import java.util.Objects;

/**
 * One record of an input that could not be read, with where it is and why.
 *
 * @param line 1-based line of the input where the record starts (0 when unknown)
 * @param element 1-based ordinal of the record in the input (a CSV row, a JSON line, an {@code
 *     IntervalReading} or {@code interval_reading} element), 0 for the document itself
 * @param field the field (column, JSON key or XML element path) at fault, never null
 * @param value the offending value as found (possibly empty), or null when absent
 * @param reason what is wrong and, when possible, how to fix it
 */
public record RecordError(long line, long element, String field, String value, String reason) {

  /** Longest value kept in an error: a bad record must not pin a huge string in memory. */
  static final int MAX_VALUE_LENGTH = 200;

  public RecordError {
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0, was " + line);
    }
    if (element < 0) {
      throw new IllegalArgumentException("element must be >= 0, was " + element);
    }
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(reason, "reason");
    if (value != null && value.length() > MAX_VALUE_LENGTH) {
      value = value.substring(0, MAX_VALUE_LENGTH) + "...";
    }
  }

  /** A human-readable one-liner: {@code line 12 (record 11), field 'wh', value 'x': reason}. */
  public String describe() {
    return "line "
        + line
        + " (record "
        + element
        + "), field '"
        + field
        + "'"
        + (value == null ? "" : ", value '" + value + "'")
        + ": "
        + reason;
  }

  @Override
  public String toString() {
    return describe();
  }
}
