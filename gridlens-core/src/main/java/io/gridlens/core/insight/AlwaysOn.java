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
  public record Window(int days, double lowestFraction, double minCoveredHours) {

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
    int lowest = (int) Math.ceil(window.lowestFraction() * n - 1e-9);
    lowest = Math.max(1, Math.min(n, lowest));
    double sum = 0;
    for (int i = 0; i < lowest; i++) {
      sum += powers[i];
    }
    return Optional.of(new AlwaysOn(asOf, sum / lowest, lowest));
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
