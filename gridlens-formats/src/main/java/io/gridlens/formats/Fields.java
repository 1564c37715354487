package io.gridlens.formats;

import io.gridlens.core.Channel;
import io.gridlens.core.Quality;
import io.gridlens.core.Reading;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Parsers of the field types our formats share; each throws {@link FieldException} naming the field
 * and the value.
 *
 * <p>Energy rounding, everywhere: decimal values are converted with {@link BigDecimal} (never
 * {@code double}), and a value that is not a whole number of Wh is rounded half-up (ties away from
 * zero): 0.0285 kWh -> 28.5 Wh -> 29 Wh; 0.028999999999999998 kWh -> 29 Wh.
 */
final class Fields {

  private Fields() {}

  static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new FieldException(field, value, "is required");
    }
    return value.strip();
  }

  static String meterId(String field, String value) {
    String id = required(field, value);
    if (id.length() > Reading.MAX_METER_ID_LENGTH) {
      throw new FieldException(
          field, value, "must be at most " + Reading.MAX_METER_ID_LENGTH + " characters");
    }
    return id;
  }

  static long wholeWh(String field, String value) {
    String v = required(field, value);
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new FieldException(field, value, "must be a whole number of Wh, e.g. 1234");
    }
  }

  static int minutes(String field, String value) {
    String v = required(field, value);
    int m;
    try {
      m = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new FieldException(field, value, "must be one of 5, 10, 15, 30, 60");
    }
    return checkMinutes(field, value, m);
  }

  static int checkMinutes(String field, String value, int m) {
    if (!Reading.INTERVAL_MINUTES.contains(m)) {
      throw new FieldException(field, value, "must be one of 5, 10, 15, 30, 60 minutes");
    }
    return m;
  }

  /** An ISO-8601 date-time with offset; a space instead of {@code T} is accepted. */
  static Instant offsetInstant(String field, String value) {
    String v = required(field, value);
    Instant fast = fastOffsetInstant(v);
    if (fast != null) {
      return fast;
    }
    if (v.length() > 10 && v.charAt(10) == ' ') {
      v = v.substring(0, 10) + 'T' + v.substring(11);
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      throw new FieldException(
          field, value, "must be ISO-8601 with an offset, e.g. 2024-03-31T02:00:00+02:00 or ...Z");
    }
  }

  /**
   * The common shapes {@code uuuu-MM-ddTHH:mm:ssZ} and {@code uuuu-MM-ddTHH:mm:ss±HH:MM} without
   * the cost of a {@code DateTimeFormatter} (the hot path of bulk CSV and JSONL); null for any
   * other shape, which then goes through {@link OffsetDateTime#parse}.
   */
  private static Instant fastOffsetInstant(String v) {
    int len = v.length();
    if ((len != 20 && len != 25)
        || v.charAt(4) != '-'
        || v.charAt(7) != '-'
        || (v.charAt(10) != 'T' && v.charAt(10) != ' ')
        || v.charAt(13) != ':'
        || v.charAt(16) != ':') {
      return null;
    }
    int offsetSeconds;
    if (len == 20) {
      if (v.charAt(19) != 'Z') {
        return null;
      }
      offsetSeconds = 0;
    } else {
      char sign = v.charAt(19);
      if ((sign != '+' && sign != '-') || v.charAt(22) != ':') {
        return null;
      }
      int oh = digits(v, 20, 22);
      int om = digits(v, 23, 25);
      if (oh < 0 || om < 0 || oh > 18 || om > 59) {
        return null;
      }
      offsetSeconds = (sign == '+' ? 1 : -1) * (oh * 3600 + om * 60);
    }
    int year = digits(v, 0, 4);
    int month = digits(v, 5, 7);
    int day = digits(v, 8, 10);
    int hour = digits(v, 11, 13);
    int minute = digits(v, 14, 16);
    int second = digits(v, 17, 19);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    try {
      return java.time.LocalDateTime.of(year, month, day, hour, minute, second)
          .toInstant(java.time.ZoneOffset.ofTotalSeconds(offsetSeconds));
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  /** The non-negative number of the ASCII digits in [from, to), or -1. */
  private static int digits(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  static Channel channel(String field, String value) {
    if (value == null || value.isBlank()) {
      return Channel.IMPORT;
    }
    switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "import":
        return Channel.IMPORT;
      case "export":
        return Channel.EXPORT;
      default:
        throw new FieldException(field, value, "must be import or export (default import)");
    }
  }

  static Quality quality(String field, String value) {
    try {
      return Quality.parse(value);
    } catch (IllegalArgumentException e) {
      throw new FieldException(field, value, e.getMessage());
    }
  }

  /** kWh as a decimal string to Wh, rounded half-up (see the class note). */
  static long kwhToWh(String field, String value) {
    String v = required(field, value);
    BigDecimal kwh;
    try {
      kwh = new BigDecimal(v);
    } catch (NumberFormatException e) {
      throw new FieldException(field, value, "must be a decimal number of kWh, e.g. 0.263");
    }
    try {
      return kwh.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact();
    } catch (ArithmeticException e) {
      throw new FieldException(field, value, "is out of range");
    }
  }

  /**
   * Mean power over an interval to energy: Wh = W x minutes / 60, exact when divisible, else
   * rounded half-up (a 10-minute mean of 1003 W is 167.1666 Wh -> 167 Wh; 30 minutes of 4079 W is
   * 2039.5 Wh -> 2040 Wh).
   */
  static long wattsToWh(long watts, int minutes) {
    long num = Math.multiplyExact(watts, minutes);
    if (num % 60 == 0) {
      return num / 60;
    }
    return BigDecimal.valueOf(num)
        .divide(BigDecimal.valueOf(60), 0, RoundingMode.HALF_UP)
        .longValueExact();
  }
}
