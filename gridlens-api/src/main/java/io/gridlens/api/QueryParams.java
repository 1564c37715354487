package io.gridlens.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** Parsing and checks of query parameters, with messages that name the parameter. */
final class QueryParams {

  private QueryParams() {}

  /**
   * An inclusive local date range.
   *
   * @param from first day
   * @param to last day, not before {@code from}
   */
  record Dates(LocalDate from, LocalDate to) {

    Dates {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }

    long days() {
      return ChronoUnit.DAYS.between(from, to) + 1;
    }
  }

  /** A required date parameter. */
  static LocalDate date(String name, String value) {
    if (value == null || value.isBlank()) {
      throw ProblemException.badParameter(
          name, "query parameter '" + name + "' is required: a local date YYYY-MM-DD");
    }
    return parseDate(name, value);
  }

  /** An optional date parameter, or {@code dflt}. */
  static LocalDate date(String name, String value, LocalDate dflt) {
    return value == null || value.isBlank() ? dflt : parseDate(name, value);
  }

  private static LocalDate parseDate(String name, String value) {
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw ProblemException.badParameter(
          name, name + " must be a date YYYY-MM-DD, was '" + value + "'");
    }
  }

  /**
   * The range of {@code from} and {@code to}, both required, inclusive, at most {@code maxDays}.
   *
   * @param what the kind of answer, for the range-too-long message
   */
  static Dates range(String from, String to, int maxDays, String what) {
    LocalDate f = date("from", from);
    LocalDate t = date("to", to);
    if (f.isAfter(t)) {
      throw ProblemException.badParameter(
          "from", "from (" + f + ") must not be after to (" + t + "); ranges are inclusive");
    }
    Dates d = new Dates(f, t);
    if (d.days() > maxDays) {
      throw ProblemException.badParameter(
          "to",
          "range "
              + f
              + " to "
              + t
              + " is "
              + d.days()
              + " days; at most "
              + maxDays
              + " days per request for "
              + what
              + ": split the request");
    }
    return d;
  }

  /** An optional positive integer parameter, at most {@code max}. */
  static int positiveInt(String name, String value, int dflt, int max) {
    if (value == null || value.isBlank()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ProblemException.badParameter(
        name, name + " must be an integer in 1.." + max + ", was '" + value + "'");
  }
}
