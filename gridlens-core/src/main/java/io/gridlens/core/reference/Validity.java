package io.gridlens.core.reference;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The local dates a version of reference data is in force: from {@code from} (inclusive) to {@code
 * to} (exclusive), or open-ended when {@code to} is null.
 */
public record Validity(LocalDate from, LocalDate to) implements java.io.Serializable {

  /** In force for ever. */
  public static final Validity ALWAYS = new Validity(LocalDate.MIN, null);

  public Validity {
    Objects.requireNonNull(from, "from");
    if (to != null && !to.isAfter(from)) {
      throw new IllegalArgumentException(
          "validity 'to' (" + to + ") must be after 'from' (" + from + ")");
    }
  }

  /** In force from a date on. */
  public static Validity from(LocalDate from) {
    return new Validity(from, null);
  }

  /** Whether a local date is in this validity. */
  public boolean contains(LocalDate date) {
    return !date.isBefore(from) && (to == null || date.isBefore(to));
  }

  /** Whether two validities share a date. */
  public boolean overlaps(Validity o) {
    boolean startsBeforeOtherEnds = o.to == null || from.isBefore(o.to);
    boolean otherStartsBeforeThisEnds = to == null || o.from.isBefore(to);
    return startsBeforeOtherEnds && otherStartsBeforeThisEnds;
  }
}
