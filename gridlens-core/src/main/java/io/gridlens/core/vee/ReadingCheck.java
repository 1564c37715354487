package io.gridlens.core.vee;

import io.gridlens.core.DaySlots;
import io.gridlens.core.Flag;
import io.gridlens.core.Reading;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.reference.ReferenceData;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The validation of one reading at the edge, before it is logged (DESIGN.md section 10): unknown
 * meter, interval length not the meter's, interval start not aligned to its length in the meter's
 * local day, interval ending in the future, negative value.
 *
 * <p>Every problem is reported, not only the first, so that a sender fixes a file in one go. An
 * accepted reading costs no allocation beyond the meter lookup. Thread-safe when the reference data
 * is.
 *
 * <p>Design note: the alignment check needs the bounds of the reading's local day, which take
 * several time-zone rule look-ups to compute (about 0.3 µs a reading, the largest cost of ingest).
 * A reading's day is therefore taken from a small cache of local days keyed by (zone, UTC day of
 * the reading): consecutive readings of a meter mostly fall in the same day, and concurrent
 * requests working on other days use other entries. The cache holds time-zone facts only, never
 * reference data, so a meter whose zone or interval changes is judged by its new values at once.
 * Entries are immutable and replaced whole, so racing threads at worst compute a day twice.
 */
public final class ReadingCheck {

  /** Entries of the local-day cache. */
  static final int DAY_CACHE_SIZE = 256;

  private static final long SECONDS_PER_DAY = 86_400L;

  private final ReferenceData reference;
  private final Clock clock;
  private final VeeConfig config;
  private final LocalDay[] days;

  /**
   * A check against reference data and a clock.
   *
   * @param clock the ingest clock; FUTURE is judged against its {@code instant()}
   */
  public ReadingCheck(ReferenceData reference, Clock clock, VeeConfig config) {
    this(reference, clock, config, DAY_CACHE_SIZE);
  }

  /** A check with a local-day cache of a given size, a power of two (tests force collisions). */
  ReadingCheck(ReferenceData reference, Clock clock, VeeConfig config, int dayCacheSize) {
    this.reference = Objects.requireNonNull(reference, "reference");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.config = Objects.requireNonNull(config, "config");
    if (dayCacheSize < 1 || Integer.bitCount(dayCacheSize) != 1) {
      throw new IllegalArgumentException(
          "dayCacheSize must be a power of two >= 1 (default "
              + DAY_CACHE_SIZE
              + "), was "
              + dayCacheSize);
    }
    this.days = new LocalDay[dayCacheSize];
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

  /**
   * Whether a reading starts on a slot boundary of its local day, as {@link DaySlots#slotOf} says:
   * false too when the day does not divide into intervals of the reading's length (a 30 min DST
   * shift with hourly intervals).
   */
  private boolean aligned(Reading r, Meter meter) {
    Instant start = r.intervalStart();
    if (start.getNano() != 0) {
      return false;
    }
    long t = start.getEpochSecond();
    LocalDay day = day(meter.zone(), t);
    long len = r.intervalMinutes() * 60L;
    return (day.end() - day.start()) % len == 0 && (t - day.start()) % len == 0;
  }

  /** The local day of a zone that contains an instant (epoch seconds), from the cache if there. */
  private LocalDay day(ZoneId zone, long epochSecond) {
    int h = zone.hashCode() * 31 + Long.hashCode(Math.floorDiv(epochSecond, SECONDS_PER_DAY));
    int slot = (h ^ (h >>> 16)) & (days.length - 1);
    LocalDay d = days[slot];
    if (d == null || !d.contains(zone, epochSecond)) {
      d = LocalDay.of(zone, epochSecond);
      days[slot] = d;
    }
    return d;
  }

  /**
   * One local day of a zone, as epoch seconds: {@code [start, end)}, the bounds {@link DaySlots}
   * gives the day (23, 24 or 25 hours on DST change days).
   */
  private record LocalDay(ZoneId zone, long start, long end) {

    static LocalDay of(ZoneId zone, long epochSecond) {
      LocalDate date = DaySlots.localDate(Instant.ofEpochSecond(epochSecond), zone);
      return new LocalDay(
          zone,
          date.atStartOfDay(zone).toEpochSecond(),
          date.plusDays(1).atStartOfDay(zone).toEpochSecond());
    }

    boolean contains(ZoneId z, long epochSecond) {
      return zone.equals(z) && epochSecond >= start && epochSecond < end;
    }
  }

  private static StringBuilder append(StringBuilder sb, String reason) {
    if (sb == null) {
      return new StringBuilder(reason);
    }
    return sb.append("; ").append(reason);
  }
}
