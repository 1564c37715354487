package io.gridlens.simulator;

import io.gridlens.core.reference.HeatingEnergy;

/**
 * The load model of one household: the energy it draws in an interval, from the interval's local
 * time, day type, season and outdoor temperature.
 *
 * <p>Power = always-on + noise × (occupant activity + heating + cooling) + water heater, where
 *
 * <ul>
 *   <li>activity follows a daily profile (morning and evening peaks, weekday or weekend) scaled by
 *       the household's mean activity power and by the season (lighting);
 *   <li>heating is the heat loss × degrees below the balance point (lowered at night and, for some,
 *       on weekday office hours), divided by the heat pump's temperature-dependent COP; gas and
 *       other heating draw 2.5 % of it (pumps, boiler electronics);
 *   <li>cooling is the air conditioning's W/K × degrees above its set point;
 *   <li>the storage water heater switches on at 22:00 local time at full power for as long as the
 *       day's hot-water energy needs;
 *   <li>noise is multiplicative, about N(1, 0.25²), drawn per interval from (seed, meter, minute).
 * </ul>
 *
 * <p>Every draw is a pure function of (seed, meter, time), so the fast path over a grid and the
 * single-interval path of the live feed give the same Wh. Not thread-safe to share {@code parts}.
 */
final class HouseholdLoad {

  /** Index of heating energy in a parts array. */
  static final int HEATING = 0;

  /** Index of cooling energy in a parts array. */
  static final int COOLING = 1;

  /** Index of always-on energy in a parts array. */
  static final int ALWAYS_ON = 2;

  /** Index of water-heater energy in a parts array. */
  static final int WATER = 3;

  /** Index of occupant-activity energy in a parts array. */
  static final int ACTIVITY = 4;

  /** Length of a parts array. */
  static final int PARTS = 5;

  private static final int WATER_ON_MINUTE = 22 * 60;
  private static final int NIGHT_START = 23 * 60;
  private static final int NIGHT_END = 6 * 60;

  private final long seed;
  private final Household h;
  private final int intervalMinutes;
  private final double hours;
  private final double[] weekdayProfile;
  private final double[] weekendProfile;
  private final double waterKwhPerDay;
  private final double gasShare;

  HouseholdLoad(long seed, Household h, int intervalMinutes) {
    this.seed = seed;
    this.h = h;
    this.intervalMinutes = intervalMinutes;
    this.hours = intervalMinutes / 60.0;
    this.weekdayProfile = profile(false, h.peakShiftMinutes() / 60.0, intervalMinutes);
    this.weekendProfile = profile(true, h.peakShiftMinutes() / 60.0, intervalMinutes);
    this.waterKwhPerDay = 1.0 + 1.3 * h.occupants();
    this.gasShare =
        h.heating() == HeatingEnergy.GAS || h.heating() == HeatingEnergy.OTHER ? 0.025 : 0;
  }

  Household household() {
    return h;
  }

  /**
   * Energy of one interval in whole Wh.
   *
   * @param epochMinute interval start, minutes since the epoch (the noise key)
   * @param minuteOfDay local wall-clock minute of the interval start
   * @param epochDay local date of the interval, as an epoch day
   * @param season {@link IntervalGrid#season(long)} of that date
   * @param tempC outdoor temperature of the hour
   * @param parts null, or an array of {@link #PARTS} to which each component's Wh is added
   */
  long wh(
      int epochMinute,
      int minuteOfDay,
      long epochDay,
      boolean weekend,
      double season,
      double tempC,
      double[] parts) {
    int slot = minuteOfDay / intervalMinutes;
    double activity = (weekend ? weekendProfile[slot] : weekdayProfile[slot]) * h.activityW();
    activity *= 1 + 0.15 * season;

    double heating = 0;
    double balance = h.balancePointC();
    if (minuteOfDay >= NIGHT_START || minuteOfDay < NIGHT_END) {
      balance -= 1.5;
    } else if (h.daytimeSetback() && !weekend && minuteOfDay >= 9 * 60 && minuteOfDay < 17 * 60) {
      balance -= 1.0;
    }
    if (tempC < balance) {
      double thermal = h.heatLossWPerK() * (balance - tempC);
      heating =
          switch (h.heating()) {
            case ELECTRIC -> thermal;
            case HEAT_PUMP -> thermal / heatPumpCop(tempC);
            default -> thermal * gasShare;
          };
    }
    double cooling = 0;
    if (tempC > h.coolingSetPointC()) {
      cooling = h.coolingWPerK() * (tempC - h.coolingSetPointC());
    }
    double water = 0;
    if (h.waterHeaterW() > 0) {
      water = waterW(minuteOfDay, epochDay, season);
    }
    double noise =
        Math.max(
            0.05,
            1
                + 0.25
                    * SplitMix.gaussian(
                        SplitMix.hash(seed, SplitMix.NOISE, h.index(), epochMinute)));
    double watts = h.alwaysOnW() + noise * (activity + heating + cooling) + water;
    if (parts != null) {
      parts[HEATING] += noise * heating * hours;
      parts[COOLING] += noise * cooling * hours;
      parts[ALWAYS_ON] += h.alwaysOnW() * hours;
      parts[WATER] += water * hours;
      parts[ACTIVITY] += noise * activity * hours;
    }
    return Math.round(watts * hours);
  }

  /** Fills {@code out} with the energy of every interval of a grid, in Wh. */
  void series(IntervalGrid grid, double[] temperatureByInterval, long[] out, double[] parts) {
    for (int d = 0; d < grid.days(); d++) {
      boolean weekend = grid.weekend(d);
      double season = grid.daySeason(d);
      long epochDay = grid.epochDay(d);
      for (int i = grid.dayFirst(d), end = grid.dayFirst(d + 1); i < end; i++) {
        out[i] =
            wh(
                grid.epochMinute(i),
                grid.minuteOfDay(i),
                epochDay,
                weekend,
                season,
                temperatureByInterval[i],
                parts);
      }
    }
  }

  /** Mean water-heater power over the interval starting at a local minute of a day. */
  private double waterW(int minuteOfDay, long epochDay, double season) {
    int into;
    long waterDay;
    if (minuteOfDay >= WATER_ON_MINUTE) {
      into = minuteOfDay - WATER_ON_MINUTE;
      waterDay = epochDay;
    } else if (minuteOfDay < NIGHT_END) {
      into = minuteOfDay + 1440 - WATER_ON_MINUTE;
      waterDay = epochDay - 1;
    } else {
      return 0;
    }
    double dayFactor =
        0.8 + 0.4 * SplitMix.unit(SplitMix.hash(seed, SplitMix.WATER, h.index(), waterDay));
    double kwh = waterKwhPerDay * (1 + 0.15 * season) * dayFactor;
    double onMinutes = Math.min(8 * 60, kwh * 1000 / h.waterHeaterW() * 60);
    double overlap = Math.min(into + intervalMinutes, onMinutes) - into;
    if (overlap <= 0) {
      return 0;
    }
    return h.waterHeaterW() * overlap / intervalMinutes;
  }

  /** Coefficient of performance of an air-to-water heat pump at an outdoor temperature. */
  static double heatPumpCop(double tempC) {
    return Math.max(1.8, Math.min(4.2, 2.9 + 0.07 * (tempC - 7)));
  }

  /**
   * The normalised activity profile (mean 1 over the day) sampled at interval midpoints: a small
   * night floor, a morning peak, a daytime plateau and an evening peak, later and broader at
   * weekends.
   */
  static double[] profile(boolean weekend, double shiftHours, int intervalMinutes) {
    int n = 1440 / intervalMinutes;
    double[] p = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double x = (i + 0.5) * intervalMinutes / 60.0;
      double v;
      if (weekend) {
        v =
            0.1
                + 1.0 * bump(x, 9.5 + shiftHours, 1.4)
                + 0.9 * bump(x, 13.0, 1.8)
                + 2.0 * bump(x, 19.5 + shiftHours, 1.9)
                + 0.5 * bump(x, 22.5 + shiftHours, 1.0);
      } else {
        v =
            0.1
                + 1.3 * bump(x, 7.25 + shiftHours, 0.9)
                + 0.35 * bump(x, 13.0, 2.5)
                + 2.3 * bump(x, 19.75 + shiftHours, 1.6)
                + 0.6 * bump(x, 22.5 + shiftHours, 0.9);
      }
      p[i] = v;
      sum += v;
    }
    for (int i = 0; i < n; i++) {
      p[i] = p[i] * n / sum;
    }
    return p;
  }

  /** A Gaussian bump of height 1 around an hour of the day, distance measured round the clock. */
  private static double bump(double x, double centre, double width) {
    double d = Math.abs(x - centre) % 24;
    d = Math.min(d, 24 - d);
    return StrictMath.exp(-0.5 * (d / width) * (d / width));
  }
}
