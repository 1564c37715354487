package io.gridlens.core.vee;

import io.gridlens.core.Flag;

/**
 * The outcome of checking one reading at the edge: accepted, or rejected with the flags it raised
 * and a reason a sender can act on.
 *
 * @param flags the flag word of every problem found ({@link Flag#mask()}), 0 when accepted
 * @param field the input field of the first problem ({@code meter_id}, {@code interval_start},
 *     {@code interval_minutes}, {@code wh}), or null when accepted
 * @param reason every problem, in words, separated by "; ", or null when accepted
 */
public record Verdict(int flags, String field, String reason) {

  /** The verdict of a reading without problems. */
  public static final Verdict ACCEPTED = new Verdict(0, null, null);

  public Verdict {
    if ((flags == 0) != (reason == null) || (flags == 0) != (field == null)) {
      throw new IllegalArgumentException(
          "a verdict has flags, a field and a reason, or none of them; got flags="
              + flags
              + ", field="
              + field
              + ", reason="
              + reason);
    }
  }

  /** Whether the reading may go on to the log. */
  public boolean accepted() {
    return flags == 0;
  }

  /** Whether a flag was raised. */
  public boolean has(Flag f) {
    return f.in(flags);
  }

  @Override
  public String toString() {
    return accepted() ? "accepted" : "rejected " + Flag.decode(flags) + ": " + reason;
  }
}
