package io.gridlens.core.vee;

import io.gridlens.core.DaySlots;
import io.gridlens.core.Flag;
import io.gridlens.core.Reading;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.reference.ReferenceData;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The validation of one reading at the edge, before it is logged (DESIGN.md section 10): unknown
 * meter, interval length not the meter's, interval start not aligned to its length in the meter's
 * local day, interval ending in the future, negative value.
 *
 * <p>Every problem is reported, not only the first, so that a sender fixes a file in one go. An
 * accepted reading costs no allocation beyond the meter lookup. Thread-safe when the reference data
 * is.
 */
public final class ReadingCheck {

  private final ReferenceData reference;
  private final Clock clock;
  private final VeeConfig config;

  /**
   * A check against reference data and a clock.
   *
   * @param clock the ingest clock; FUTURE is judged against its {@code instant()}
   */
  public ReadingCheck(ReferenceData reference, Clock clock, VeeConfig config) {
    this.reference = Objects.requireNonNull(reference, "reference");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.config = Objects.requireNonNull(config, "config");
  }

  /** Checks one reading. */
  public Verdict check(Reading r) {
    int flags = 0;
    String field = null;
    StringBuilder why = null;

    Meter meter = reference.meter(r.meterId()).orElse(null);
    if (meter == null) {
      flags |= Flag.UNKNOWN_METER.mask();
      field = "meter_id";
      why = append(why, "unknown meter '" + r.meterId() + "'; register it first (PUT /meters)");
    } else {
      if (r.intervalMinutes() != meter.intervalMinutes()) {
        flags |= Flag.INTERVAL_LENGTH.mask();
        field = field == null ? "interval_minutes" : field;
        why =
            append(
                why,
                "interval of "
                    + r.intervalMinutes()
                    + " min, but meter '"
                    + r.meterId()
                    + "' reads every "
                    + meter.intervalMinutes()
                    + " min");
      }
      if (!aligned(r, meter)) {
        flags |= Flag.UNALIGNED.mask();
        field = field == null ? "interval_start" : field;
        why =
            append(
                why,
                "interval start "
                    + r.intervalStart()
                    + " is not on a "
                    + r.intervalMinutes()
                    + " min boundary of the local day in "
                    + meter.zone());
      }
    }
    Instant now = clock.instant();
    Instant latestEnd = now.plus(config.futureTolerance());
    if (r.intervalEnd().isAfter(latestEnd)) {
      flags |= Flag.FUTURE.mask();
      field = field == null ? "interval_start" : field;
      why =
          append(
              why,
              "interval ends at "
                  + r.intervalEnd()
                  + ", in the future (now "
                  + now
                  + ", tolerance "
                  + config.futureTolerance()
                  + ")");
    }
    if (r.wh() < 0) {
      flags |= Flag.NEGATIVE.mask();
      field = field == null ? "wh" : field;
      why = append(why, "negative value " + r.wh() + " Wh; energy and indexes are never negative");
    }
    return flags == 0 ? Verdict.ACCEPTED : new Verdict(flags, field, why.toString());
  }

  private static boolean aligned(Reading r, Meter meter) {
    DaySlots slots;
    try {
      slots = DaySlots.containing(r.intervalStart(), meter.zone(), r.intervalMinutes());
    } catch (IllegalArgumentException dayNotCut) {
      // The local day does not divide into intervals of this length (a 30 min DST shift).
      return false;
    }
    return slots.slotOf(r.intervalStart()) >= 0;
  }

  private static StringBuilder append(StringBuilder sb, String reason) {
    if (sb == null) {
      return new StringBuilder(reason);
    }
    return sb.append("; ").append(reason);
  }
}
