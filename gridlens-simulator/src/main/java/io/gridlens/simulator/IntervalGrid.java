package io.gridlens.simulator;

import io.gridlens.core.DaySlots;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * The intervals of a fleet's simulated window, numbered from 0, with what the load model needs of
 * each precomputed: UTC start, local minute of day, local day, weekend or not.
 *
 * <p>Local days have 46, 48 or 50 half-hours on DST change days ({@link DaySlots}). Immutable.
 */
public final class IntervalGrid {

  private final ZoneId zone;
  private final LocalDate start;
  private final int days;
  private final int intervalMinutes;
  private final int[] epochMinute;
  private final short[] minuteOfDay;
  private final int[] dayFirst;
  private final boolean[] weekendDay;
  private final double[] daySeason;

  IntervalGrid(ZoneId zone, LocalDate start, int days, int intervalMinutes) {
    this.zone = zone;
    this.start = start;
    this.days = days;
    this.intervalMinutes = intervalMinutes;
    this.dayFirst = new int[days + 1];
    this.weekendDay = new boolean[days];
    this.daySeason = new double[days];
    int n = 0;
    for (int d = 0; d < days; d++) {
      dayFirst[d] = n;
      n += new DaySlots(zone, start.plusDays(d), intervalMinutes).count();
    }
    dayFirst[days] = n;
    this.epochMinute = new int[n];
    this.minuteOfDay = new short[n];
    ZoneRules rules = zone.getRules();
    for (int d = 0; d < days; d++) {
      LocalDate date = start.plusDays(d);
      DayOfWeek dow = date.getDayOfWeek();
      weekendDay[d] = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
      daySeason[d] = season(date.toEpochDay());
      long first = date.atStartOfDay(zone).toEpochSecond() / 60;
      for (int i = dayFirst[d]; i < dayFirst[d + 1]; i++) {
        long m = first + (long) (i - dayFirst[d]) * intervalMinutes;
        epochMinute[i] = Math.toIntExact(m);
        int offsetMinutes = rules.getOffset(Instant.ofEpochSecond(m * 60)).getTotalSeconds() / 60;
        minuteOfDay[i] = (short) Math.floorMod(m + offsetMinutes, 1440);
      }
    }
  }

  /** The season of a day: cos of the year's phase, +1 in mid-January (coldest), -1 in mid-July. */
  static double season(long epochDay) {
    LocalDate d = LocalDate.ofEpochDay(epochDay);
    return StrictMath.cos(2 * Math.PI * (d.getDayOfYear() - 16.5) / 365.25);
  }

  /** Number of intervals. */
  public int size() {
    return epochMinute.length;
  }

  /** Number of local days. */
  public int days() {
    return days;
  }

  public ZoneId zone() {
    return zone;
  }

  public int intervalMinutes() {
    return intervalMinutes;
  }

  /** The local date of day {@code d}. */
  public LocalDate date(int d) {
    return start.plusDays(d);
  }

  /** Start of interval {@code i} in minutes since the epoch. */
  public int epochMinute(int i) {
    return epochMinute[i];
  }

  /** Start of interval {@code i}. */
  public Instant start(int i) {
    return Instant.ofEpochSecond(epochMinute[i] * 60L);
  }

  /** Local wall-clock minute of the day at which interval {@code i} starts. */
  public int minuteOfDay(int i) {
    return minuteOfDay[i];
  }

  /** Index of the first interval of local day {@code d}; {@code d == days()} gives size(). */
  public int dayFirst(int d) {
    return dayFirst[d];
  }

  /** The local day of interval {@code i}. */
  public int dayOf(int i) {
    int lo = 0;
    int hi = days - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (dayFirst[mid] <= i) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** The interval that starts at an instant, or -1 when none does. */
  public int indexOf(Instant intervalStart) {
    long s = intervalStart.getEpochSecond();
    if (s % 60 != 0 || intervalStart.getNano() != 0 || size() == 0) {
      return -1;
    }
    long d = s / 60 - epochMinute[0];
    if (d < 0 || d % intervalMinutes != 0 || d / intervalMinutes >= size()) {
      return -1;
    }
    return (int) (d / intervalMinutes);
  }

  boolean weekend(int d) {
    return weekendDay[d];
  }

  double daySeason(int d) {
    return daySeason[d];
  }

  long epochDay(int d) {
    return start.toEpochDay() + d;
  }
}
