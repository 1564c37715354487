package io.gridlens.core.insight;

import io.gridlens.core.MeterDay;
import io.gridlens.core.Quality;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The always-on (base) power of a meter: the mean of the lowest 10 % of its interval powers over
 * the trailing 14 days, in W (DESIGN.md section 9).
 *
 * <p>Definition: the window is the local days {@code (asOf - days, asOf]}; the power of a
 * non-missing interval is {@code wh * 60 / intervalMinutes} W (estimated intervals count, {@link
 * Quality#MISSING} ones do not); the {@code k = ceil(lowestFraction * n)} lowest of the {@code n}
 * powers are averaged. {@code kWh/day = W * 24 / 1000}.
 *
 * <p>Too little data: there is no result when the non-missing intervals of the window cover less
 * than {@link Window#minCoveredHours()} hours (by default 168 h, half of the 14 days), because the
 * lowest decile of a few days is the quietest hours of those days, not the base load.
 *
 * <p>Law (property-tested): the result depends only on the multiset of interval powers in the
 * window, so it is invariant to the order of the input list and to permuting the days' profiles
 * among the window's dates. The powers are sorted before summing, so the double is bit-identical
 * for any input order.
 *
 * @param asOf last local day of the window (inclusive)
 * @param watts the base power in W
 * @param intervals the number of non-missing intervals the base power was taken from
 */
public record AlwaysOn(LocalDate asOf, double watts, int intervals) {

  public AlwaysOn {
    Objects.requireNonNull(asOf, "asOf");
    if (!(watts >= 0) || Double.isInfinite(watts)) {
      throw new IllegalArgumentException("always-on watts must be finite and >= 0, was " + watts);
    }
    if (intervals < 1) {
      throw new IllegalArgumentException("always-on intervals must be >= 1, was " + intervals);
    }
  }

  /** The always-on energy of one day in kWh: {@code watts * 24 / 1000}. */
  public double kwhPerDay() {
    return watts * 24 / 1000;
  }

  /**
   * The settings of the always-on computation.
   *
   * @param days length of the trailing window in local days (default 14)
   * @param lowestFraction fraction of the lowest powers averaged, in (0, 1] (default 0.10)
   * @param minCoveredHours fewest hours the non-missing intervals must cover (default 168)
   */
  public record Window(int days, double lowestFraction, double minCoveredHours)
      implements java.io.Serializable {

    /** 14 days, lowest 10 %, at least 168 h of data. */
    public static final Window DEFAULT = new Window(14, 0.10, 168);

    public Window {
      if (days < 1) {
        throw new IllegalArgumentException(
            "always-on window days must be >= 1, was " + days + "; the default is 14");
      }
      if (!(lowestFraction > 0 && lowestFraction <= 1)) {
        throw new IllegalArgumentException(
            "always-on lowestFraction must be in (0, 1], was "
                + lowestFraction
                + "; the default is 0.10");
      }
      if (!(minCoveredHours >= 0) || Double.isInfinite(minCoveredHours)) {
        throw new IllegalArgumentException(
            "always-on minCoveredHours must be finite and >= 0, was " + minCoveredHours);
      }
    }
  }

  /** The always-on power over the 14 local days ending {@code asOf}, with the default window. */
  public static Optional<AlwaysOn> trailing(List<MeterDay> days, LocalDate asOf) {
    return trailing(days, asOf, Window.DEFAULT);
  }

  /**
   * The always-on power over the local days {@code (asOf - window.days(), asOf]}.
   *
   * @param days cleaned days of ONE meter and channel, in any order; days outside the window are
   *     ignored
   * @return empty when the window holds less than {@link Window#minCoveredHours()} hours of data
   * @throws IllegalArgumentException when the days mix meters or channels, or repeat a date
   */
  public static Optional<AlwaysOn> trailing(List<MeterDay> days, LocalDate asOf, Window window) {
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(window, "window");
    checkOneSeries(days, "always-on");
    LocalDate first = asOf.minusDays(window.days() - 1L);
    Set<LocalDate> seen = new HashSet<>();
    int n = 0;
    for (MeterDay d : days) {
      if (inWindow(d.date(), first, asOf)) {
        if (!seen.add(d.date())) {
          throw new IllegalArgumentException(
              "always-on got two days for " + d.key() + "; pass each local day once");
        }
        n += d.size() - d.missingCount();
      }
    }
    double[] powers = new double[n];
    double coveredMinutes = 0;
    int k = 0;
    for (MeterDay d : days) {
      if (!inWindow(d.date(), first, asOf)) {
        continue;
      }
      int minutes = d.intervalMinutes();
      for (int i = 0; i < d.size(); i++) {
        if (d.quality(i) != Quality.MISSING) {
          powers[k++] = d.wh(i) * 60.0 / minutes;
          coveredMinutes += minutes;
        }
      }
    }
    if (n == 0 || coveredMinutes < window.minCoveredHours() * 60) {
      return Optional.empty();
    }
    Arrays.sort(powers);
    int lowest = lowestCount(window, n);
    double sum = 0;
    for (int i = 0; i < lowest; i++) {
      sum += powers[i];
    }
    return Optional.of(new AlwaysOn(asOf, sum / lowest, lowest));
  }

  /** How many of {@code n} powers are averaged: {@code ceil(lowestFraction * n)}, in [1, n]. */
  private static int lowestCount(Window window, int n) {
    int lowest = (int) Math.ceil(window.lowestFraction() * n - 1e-9);
    return Math.max(1, Math.min(n, lowest));
  }

  /**
   * An always-on accumulator for the days of one series fed in date order: it gives the same result
   * as {@link #trailing(List, LocalDate, Window)} over the days fed so far, bit for bit, in
   * O(window) per as-of day instead of sorting the whole window each time.
   *
   * <p>Each day's interval powers are sorted once when the day is added, with their prefix sums. An
   * as-of result finds the {@code k}-th lowest power {@code T} of the window by stepping from the
   * previous result's {@code T} (the windows of consecutive days share all but one day, so {@code
   * T} moves little) over the distinct values of the window's sorted days; the sum of the {@code k}
   * lowest is then the prefix sums below {@code T} plus the missing count times {@code T}. Powers
   * are whole watts (an interval's Wh times {@code 60 / minutes}, and every interval length divides
   * the hour), so these sums are exact and equal {@code trailing}'s ascending sum. Results for
   * as-of days up to the last day added are cached (later days cannot change them).
   *
   * <p>It keeps the last {@code window.days() + lookbackDays} days, so it answers for any as-of day
   * from {@code lastAdded - lookbackDays} on. Not thread-safe.
   *
   * <p>Example (hourly days, window of 2 days, lowest half): days of powers {@code [3, 1]} then
   * {@code [2, 9]}: as of the second day the 4 powers sorted are 1, 2, 3, 9 and the mean of the 2
   * lowest is (1 + 2) / 2 = 1.5 W.
   */
  public static final class Rolling {

    private final Window window;
    private final int lookbackDays;
    private final int keep;
    private final long[] days;
    private final long[][] powers;
    private final long[][] prefixSums;
    private final int[] minutes;
    private final long[] cachedDays;
    private final AlwaysOn[] cached;
    private final boolean[] cachedEmpty;
    private final long[][] ways;
    private final long[][] waySums;
    private final int[] below; // per way: how many powers are < the threshold
    private final int[] upTo; // per way: how many powers are <= the threshold
    private long threshold = Long.MIN_VALUE; // the last result's k-th lowest power
    private MeterDay first;
    private LocalDate last;

    /**
     * An empty accumulator.
     *
     * @param window the always-on window
     * @param lookbackDays how many days before the last day added {@link #asOf} must still answer
     *     for, at least 0 (anomaly detection compares with a week earlier: 7)
     */
    public Rolling(Window window, int lookbackDays) {
      this.window = Objects.requireNonNull(window, "window");
      if (lookbackDays < 0 || lookbackDays > 3660) {
        throw new IllegalArgumentException(
            "always-on lookbackDays must be in 0..3660, was " + lookbackDays);
      }
      this.lookbackDays = lookbackDays;
      this.keep = window.days() + lookbackDays;
      this.days = new long[keep];
      this.powers = new long[keep][];
      this.prefixSums = new long[keep][];
      this.minutes = new int[keep];
      this.cachedDays = new long[keep];
      Arrays.fill(days, Long.MIN_VALUE);
      Arrays.fill(cachedDays, Long.MIN_VALUE);
      this.cached = new AlwaysOn[keep];
      this.cachedEmpty = new boolean[keep];
      this.ways = new long[window.days()][];
      this.waySums = new long[window.days()][];
      this.below = new int[window.days()];
      this.upTo = new int[window.days()];
    }

    /** The window this accumulator computes. */
    public Window window() {
      return window;
    }

    /** The last day added, or null before the first. */
    public LocalDate lastDate() {
      return last;
    }

    /**
     * Adds the next cleaned day of the series.
     *
     * @throws IllegalArgumentException when the day belongs to another meter or channel than the
     *     first day added, or is not after the last day added
     */
    public void add(MeterDay day) {
      Objects.requireNonNull(day, "day");
      if (first == null) {
        first = day;
      } else if (!first.meterId().equals(day.meterId()) || first.channel() != day.channel()) {
        checkOneSeries(List.of(first, day), "always-on");
      }
      if (last != null && !day.date().isAfter(last)) {
        throw new IllegalArgumentException(
            "always-on days must be added in date order; got "
                + day.key()
                + " after "
                + last
                + "; add each local day once, oldest first");
      }
      int n = day.size() - day.missingCount();
      long[] p = new long[n];
      int m = day.intervalMinutes();
      long perHour = 60 / m; // every interval length divides the hour (Reading.INTERVAL_MINUTES)
      int k = 0;
      for (int i = 0; i < day.size(); i++) {
        if (day.quality(i) != Quality.MISSING) {
          p[k++] = Math.multiplyExact(day.wh(i), perHour);
        }
      }
      Arrays.sort(p);
      long[] sums = new long[n + 1];
      for (int i = 0; i < n; i++) {
        sums[i + 1] = Math.addExact(sums[i], p[i]);
      }
      long epochDay = day.date().toEpochDay();
      int slot = slot(epochDay);
      days[slot] = epochDay;
      powers[slot] = p;
      prefixSums[slot] = sums;
      minutes[slot] = m;
      last = day.date();
    }

    /**
     * The always-on power over the days added in {@code (asOf - window.days(), asOf]}; equal to
     * {@code trailing(thoseDays, asOf, window())}.
     *
     * @throws IllegalArgumentException when {@code asOf} is more than {@code lookbackDays} before
     *     the last day added (its window was partly forgotten)
     */
    public Optional<AlwaysOn> asOf(LocalDate asOf) {
      Objects.requireNonNull(asOf, "asOf");
      if (last == null) {
        return Optional.empty();
      }
      if (asOf.isBefore(last.minusDays(lookbackDays))) {
        throw new IllegalArgumentException(
            "always-on as of "
                + asOf
                + " is more than "
                + lookbackDays
                + " days before the last day added ("
                + last
                + "); build the accumulator with a longer lookback");
      }
      boolean cacheable = !asOf.isAfter(last);
      long epochDay = asOf.toEpochDay();
      int c = slot(epochDay);
      if (cacheable && cachedDays[c] == epochDay) {
        return cachedEmpty[c] ? Optional.empty() : Optional.of(cached[c]);
      }
      AlwaysOn result = compute(asOf);
      if (cacheable) {
        cachedDays[c] = epochDay;
        cached[c] = result;
        cachedEmpty[c] = result == null;
      }
      return Optional.ofNullable(result);
    }

    private AlwaysOn compute(LocalDate asOf) {
      int w = 0;
      int n = 0;
      double coveredMinutes = 0;
      long asOfDay = asOf.toEpochDay();
      for (int d = window.days() - 1; d >= 0; d--) {
        long day = asOfDay - d;
        int slot = slot(day);
        if (days[slot] == day && powers[slot].length > 0) {
          ways[w] = powers[slot];
          waySums[w] = prefixSums[slot];
          w++;
          n += powers[slot].length;
          coveredMinutes += (double) powers[slot].length * minutes[slot];
        }
      }
      if (n == 0 || coveredMinutes < window.minCoveredHours() * 60) {
        return null;
      }
      int count = w;
      int lowest = lowestCount(window, n);
      long t = threshold == Long.MIN_VALUE ? ways[0][ways[0].length / 2] : threshold;
      int less = 0; // powers < t
      int atMost = 0; // powers <= t
      for (int i = 0; i < count; i++) {
        below[i] = rank(ways[i], t, false);
        upTo[i] = rank(ways[i], t, true);
        less += below[i];
        atMost += upTo[i];
      }
      // Step t to the next distinct power down or up until less < lowest <= atMost: then t is the
      // lowest-th power and the lowest powers are all those < t and (lowest - less) times t.
      while (less >= lowest) {
        long next = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
          if (below[i] > 0) {
            next = Math.max(next, ways[i][below[i] - 1]);
          }
        }
        t = next;
        atMost = less;
        less = 0;
        for (int i = 0; i < count; i++) {
          upTo[i] = below[i];
          int j = below[i];
          while (j > 0 && ways[i][j - 1] == t) {
            j--;
          }
          below[i] = j;
          less += j;
        }
      }
      while (atMost < lowest) {
        long next = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
          if (upTo[i] < ways[i].length) {
            next = Math.min(next, ways[i][upTo[i]]);
          }
        }
        t = next;
        less = atMost;
        atMost = 0;
        for (int i = 0; i < count; i++) {
          below[i] = upTo[i];
          int j = upTo[i];
          while (j < ways[i].length && ways[i][j] == t) {
            j++;
          }
          upTo[i] = j;
          atMost += j;
        }
      }
      long sum = Math.multiplyExact(t, (long) (lowest - less));
      for (int i = 0; i < count; i++) {
        sum = Math.addExact(sum, waySums[i][below[i]]);
      }
      threshold = t;
      return new AlwaysOn(asOf, (double) sum / lowest, lowest);
    }

    /**
     * How many elements of a sorted array are below {@code value} (or equal, if {@code orEqual}).
     */
    private static int rank(long[] sorted, long value, boolean orEqual) {
      int lo = 0;
      int hi = sorted.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (sorted[mid] < value || (orEqual && sorted[mid] == value)) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    private int slot(long epochDay) {
      return (int) Math.floorMod(epochDay, (long) keep);
    }
  }

  /**
   * Checks that cleaned days belong to one meter and one channel.
   *
   * @throws IllegalArgumentException naming the two series found
   */
  static void checkOneSeries(List<MeterDay> days, String insight) {
    Objects.requireNonNull(days, "days");
    MeterDay head = null;
    for (MeterDay d : days) {
      Objects.requireNonNull(d, "a day of the " + insight + " input is null");
      if (head == null) {
        head = d;
      } else if (!head.meterId().equals(d.meterId()) || head.channel() != d.channel()) {
        throw new IllegalArgumentException(
            insight
                + " takes the days of one meter and channel; got "
                + head.meterId()
                + "/"
                + head.channel()
                + " and "
                + d.meterId()
                + "/"
                + d.channel());
      }
    }
  }

  private static boolean inWindow(LocalDate date, LocalDate first, LocalDate last) {
    return !date.isBefore(first) && !date.isAfter(last);
  }
}
