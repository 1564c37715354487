package io.gridlens.core.blend;

/**
 * What an answer says about one day's figures (DESIGN.md section 5).
 *
 * <p>A day carries a set of statuses, built from two independent questions:
 *
 * <ul>
 *   <li>where the row comes from: exactly one of {@link #FINAL} (batch, no missing interval) or
 *       {@link #PROVISIONAL} (speed: the next batch may still change it); a batch day with missing
 *       intervals is neither final nor provisional, only {@link #INCOMPLETE};
 *   <li>what its intervals are: {@link #ESTIMATED} when some hold an estimate, {@link #INCOMPLETE}
 *       when some have no value (the day's figures are then a lower bound; the count is in the
 *       answer).
 * </ul>
 *
 * <p>When one word must stand for the day (a JSON {@code status} field), the {@link
 * BlendedDay#status() primary status} is the first of the set in declaration order: a missing
 * interval matters most to a reader (the number is a lower bound), then provisional (it will
 * change), then estimated.
 */
public enum DayStatus {
  /** Some intervals have no value: the figures are a lower bound. */
  INCOMPLETE,
  /** From the speed view: may change when the next batch absorbs it. */
  PROVISIONAL,
  /** Some intervals hold an estimated value. */
  ESTIMATED,
  /** From the batch view, every interval has a value. */
  FINAL;

  /** The JSON form: the name in lower case. */
  public String json() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
