package io.gridlens.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The intervals of one LOCAL day of a meter: a day in the meter's time zone cut into intervals of
 * equal length, 46, 48 or 50 half-hours on DST change days in Europe.
 *
 * <p>Slot {@code i} starts at {@code start() + i * intervalMinutes}; slots are numbered in UTC time
 * order, so on the autumn change day two slots share a local wall-clock time.
 *
 * <p>A value: equal when zone, date and interval length are equal. The day's bounds are computed
 * once, when it is made (the zone rules' lookups are the expensive part, and the batch and the
 * speed layer ask for them per reading).
 */
public final class DaySlots {

  private final ZoneId zone;
  private final LocalDate date;
  private final int intervalMinutes;
  private final long startSecond;
  private final long endSecond;
  private final int count;
  private final int hash;

  /**
   * @param zone the meter's time zone
   * @param date the local day
   * @param intervalMinutes the interval length, one of 5, 10, 15, 30, 60
   * @throws IllegalArgumentException when the interval length is not allowed or the local day's
   *     length is not a multiple of it
   */
  public DaySlots(ZoneId zone, LocalDate date, int intervalMinutes) {
    this.zone = Objects.requireNonNull(zone, "zone");
    this.date = Objects.requireNonNull(date, "date");
    Reading.checkIntervalMinutes(intervalMinutes);
    this.intervalMinutes = intervalMinutes;
    this.startSecond = dayStart(zone, date).getEpochSecond();
    this.endSecond = dayEnd(zone, date).getEpochSecond();
    long seconds = endSecond - startSecond;
    if (seconds % (intervalMinutes * 60L) != 0) {
      throw new IllegalArgumentException(
          "local day "
              + date
              + " in "
              + zone
              + " lasts "
              + seconds / 60
              + " min, not a multiple of the "
              + intervalMinutes
              + " min interval");
    }
    this.count = (int) (seconds / (intervalMinutes * 60L));
    this.hash = 31 * (31 * zone.hashCode() + date.hashCode()) + intervalMinutes;
  }

  public ZoneId zone() {
    return zone;
  }

  public LocalDate date() {
    return date;
  }

  public int intervalMinutes() {
    return intervalMinutes;
  }

  /** First instant of the day, epoch seconds. */
  public long startSecond() {
    return startSecond;
  }

  /** First instant of the next day, epoch seconds. */
  public long endSecond() {
    return endSecond;
  }

  /** The local day that contains an instant, in a zone. */
  public static LocalDate localDate(Instant instant, ZoneId zone) {
    return LocalDate.ofInstant(instant, zone);
  }

  /** The slots of the local day that contains an instant. */
  public static DaySlots containing(Instant instant, ZoneId zone, int intervalMinutes) {
    return new DaySlots(zone, localDate(instant, zone), intervalMinutes);
  }

  /** First instant of the day (inclusive). */
  public Instant start() {
    return Instant.ofEpochSecond(startSecond);
  }

  /** First instant of the next day (exclusive end of this one). */
  public Instant end() {
    return Instant.ofEpochSecond(endSecond);
  }

  /** Number of intervals in the day: 48 half-hours on an ordinary day, 46 or 50 on DST days. */
  public int count() {
    return count;
  }

  /** Start of slot {@code i}. */
  public Instant slotStart(int i) {
    if (i < 0 || i >= count) {
      throw new IndexOutOfBoundsException("slot " + i + " of " + count + " on " + date);
    }
    return Instant.ofEpochSecond(startSecond + i * intervalMinutes * 60L);
  }

  /**
   * The slot an interval start falls in, or -1 when the instant is outside the day or not aligned
   * to a slot boundary.
   */
  public int slotOf(Instant intervalStart) {
    long d = intervalStart.getEpochSecond() - startSecond;
    long len = intervalMinutes * 60L;
    if (d < 0 || d % len != 0 || intervalStart.getNano() != 0) {
      return -1;
    }
    long i = d / len;
    return i < count ? (int) i : -1;
  }

  /** The slots of the next local day. */
  public DaySlots next() {
    return new DaySlots(zone, date.plusDays(1), intervalMinutes);
  }

  /** The slots of the previous local day. */
  public DaySlots previous() {
    return new DaySlots(zone, date.minusDays(1), intervalMinutes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DaySlots d
        && intervalMinutes == d.intervalMinutes
        && date.equals(d.date)
        && zone.equals(d.zone);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "DaySlots[zone="
        + zone
        + ", date="
        + date
        + ", intervalMinutes="
        + intervalMinutes
        + "]";
  }

  private static Instant dayStart(ZoneId zone, LocalDate date) {
    return date.atStartOfDay(zone).toInstant();
  }

  private static Instant dayEnd(ZoneId zone, LocalDate date) {
    return date.plusDays(1).atStartOfDay(zone).toInstant();
  }
}
