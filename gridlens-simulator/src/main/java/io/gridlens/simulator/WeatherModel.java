package io.gridlens.simulator;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hourly outdoor temperature of each region: an annual sinusoid (coldest mid-January), a diurnal
 * cycle (coldest at dawn, warmest mid-afternoon, wider in summer) and AR(1) weather noise, a pure
 * function of (seed, region, UTC hour).
 *
 * <p>Design note: the AR(1) recursion restarts every UTC calendar year from a stationary draw, so
 * the temperature of an hour never depends on the simulated window (a live feed today and a fleet
 * started last year agree). Years are computed once and cached. Thread-safe.
 */
final class WeatherModel {

  /** Hour-to-hour persistence of the weather anomaly: about a week of memory. */
  static final double PERSISTENCE = 0.994;

  /** Standard deviation of the weather anomaly in °C. */
  static final double ANOMALY_SD_C = 3.0;

  private static final double INNOVATION_SD_C =
      ANOMALY_SD_C * StrictMath.sqrt(1 - PERSISTENCE * PERSISTENCE);

  private final long seed;
  private final ConcurrentHashMap<Long, double[]> years = new ConcurrentHashMap<>();

  WeatherModel(long seed) {
    this.seed = seed;
  }

  /** Temperature in °C during the UTC hour {@code epochHour} (hours since 1970-01-01T00:00Z). */
  double temperatureC(Region region, long epochHour) {
    long epochSecond = epochHour * 3600;
    int year = java.time.LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC).getYear();
    double[] hours = year(region, year);
    long first = LocalDate.of(year, 1, 1).toEpochDay() * 24;
    return hours[(int) (epochHour - first)];
  }

  /** Mean of the hourly temperatures of a local day. */
  double dailyMeanC(Region region, LocalDate date, ZoneId zone) {
    long from = date.atStartOfDay(zone).toEpochSecond() / 3600;
    long to = date.plusDays(1).atStartOfDay(zone).toEpochSecond() / 3600;
    double sum = 0;
    for (long h = from; h < to; h++) {
      sum += temperatureC(region, h);
    }
    return sum / (to - from);
  }

  private double[] year(Region region, int year) {
    return years.computeIfAbsent(
        ((long) region.ordinal() << 32) | (year & 0xFFFFFFFFL), k -> computeYear(region, year));
  }

  private double[] computeYear(Region region, int year) {
    int n = LocalDate.of(year, 1, 1).lengthOfYear() * 24;
    double[] t = new double[n];
    double anomaly =
        ANOMALY_SD_C
            * SplitMix.gaussian(SplitMix.hash(seed, SplitMix.WEATHER, region.ordinal(), year));
    for (int h = 0; h < n; h++) {
      double day = h / 24.0;
      double season = StrictMath.cos(2 * Math.PI * (day - 15.5) / 365.25);
      // France is about UTC+0:30 in solar time; dawn minimum near 04:30 solar time.
      double solarHour = (h % 24) + 0.5;
      double diurnal = -StrictMath.cos(2 * Math.PI * (solarHour - 4.5) / 24);
      double diurnalAmplitude = region.diurnalAmplitudeC() * (1 - 0.3 * season);
      long e = SplitMix.hash(seed, SplitMix.WEATHER * 1_000_003L + region.ordinal(), year, h);
      anomaly = PERSISTENCE * anomaly + INNOVATION_SD_C * SplitMix.gaussian(e);
      t[h] =
          region.meanC()
              - region.seasonalAmplitudeC() * season
              + diurnalAmplitude * diurnal
              + anomaly;
    }
    return t;
  }
}
