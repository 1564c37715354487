package io.gridlens.core;

/**
 * Quality of one interval value, as sent by the source or as set by VEE.
 *
 * <p>The order is the order of trust: when two values compete, the one with the lower ordinal is
 * the better one, all else being equal. Codes are stable (they are persisted); never reorder.
 */
public enum Quality {
  /** Measured by the meter. */
  ACTUAL(0),
  /** Edited by the sender (a manual or system correction of a measured value). */
  EDITED(1),
  /** Estimated by the sender. */
  ESTIMATED(2),
  /** Estimated by Gridlens: linear interpolation of a short gap. */
  INTERPOLATED(3),
  /** Estimated by Gridlens: the meter's own profile (same weekday, previous weeks). */
  PROFILED(4),
  /** No value: nothing received, or the value was rejected by validation. */
  MISSING(5);

  private static final Quality[] BY_CODE = values();

  private final int code;

  Quality(int code) {
    this.code = code;
  }

  /** The persisted code of this quality. */
  public int code() {
    return code;
  }

  /** The quality of a persisted code. */
  public static Quality ofCode(int code) {
    if (code < 0 || code >= BY_CODE.length) {
      throw new IllegalArgumentException(
          "unknown quality code " + code + "; known: 0.." + (BY_CODE.length - 1));
    }
    return BY_CODE[code];
  }

  /** Whether the value counts as estimated (by the sender or by Gridlens). */
  public boolean isEstimated() {
    return this == ESTIMATED || this == INTERPOLATED || this == PROFILED;
  }

  /** Whether the value counts as actual (measured or edited by the sender). */
  public boolean isActual() {
    return this == ACTUAL || this == EDITED;
  }

  /**
   * Parses a quality name sent by a source, case-insensitively.
   *
   * @throws IllegalArgumentException naming the value and the known names
   */
  public static Quality parse(String name) {
    if (name == null || name.isBlank()) {
      return ACTUAL;
    }
    String n = name.strip().toUpperCase(java.util.Locale.ROOT);
    switch (n) {
      case "ACTUAL":
      case "A":
      case "MEASURED":
        return ACTUAL;
      case "EDITED":
      case "E":
        return EDITED;
      case "ESTIMATED":
      case "EST":
        return ESTIMATED;
      default:
        throw new IllegalArgumentException(
            "unknown quality '" + name + "'; known: ACTUAL, EDITED, ESTIMATED");
    }
  }
}
