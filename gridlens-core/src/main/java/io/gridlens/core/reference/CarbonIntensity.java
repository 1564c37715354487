package io.gridlens.core.reference;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Grams of CO2 per kWh of a region's grid electricity, hour by hour, with a fixed factor for hours
 * without a figure (or for all hours).
 */
public final class CarbonIntensity implements java.io.Serializable {

  private final String region;

  /** At most a century of hours in one series (the figures are held as one dense array). */
  static final long MAX_HOURS = 100L * 366 * 24;

  private final double fixedGPerKwh;
  // Figures by hour since firstHour (epoch hours), NaN where there is none: a lookup per hour of
  // every meter-day, so an array index, not a boxed map.
  private final long firstHour;
  private final double[] hourly;

  private CarbonIntensity(String region, double fixedGPerKwh, long firstHour, double[] hourly) {
    Ids.check("region", region);
    check(region, "fixed factor", fixedGPerKwh);
    this.region = region;
    this.fixedGPerKwh = fixedGPerKwh;
    this.firstHour = firstHour;
    this.hourly = hourly;
  }

  /** One factor for every hour. */
  public static CarbonIntensity fixed(String region, double gPerKwh) {
    return new CarbonIntensity(region, gPerKwh, 0, new double[0]);
  }

  /** Figures per UTC hour (keyed by the hour's start), the fixed factor for the others. */
  public static CarbonIntensity hourly(
      String region, Map<Instant, Double> byHourStart, double fallbackGPerKwh) {
    Map<Long, Double> h = new HashMap<>();
    byHourStart.forEach(
        (t, g) -> {
          if (t.getEpochSecond() % 3600 != 0 || t.getNano() != 0) {
            throw new IllegalArgumentException(
                "carbon hour of " + region + " not on the hour: " + t);
          }
          check(region, "intensity at " + t, g);
          h.put(t.getEpochSecond() / 3600, g);
        });
    if (h.isEmpty()) {
      return new CarbonIntensity(region, fallbackGPerKwh, 0, new double[0]);
    }
    long first = Collections.min(h.keySet());
    long last = Collections.max(h.keySet());
    if (last - first >= MAX_HOURS) {
      throw new IllegalArgumentException(
          "carbon figures of "
              + region
              + " span more than a century of hours ("
              + Instant.ofEpochSecond(first * 3600)
              + " to "
              + Instant.ofEpochSecond(last * 3600)
              + "): split them by period");
    }
    double[] dense = new double[(int) (last - first + 1)];
    Arrays.fill(dense, Double.NaN);
    h.forEach((hour, g) -> dense[(int) (hour - first)] = g);
    return new CarbonIntensity(region, fallbackGPerKwh, first, dense);
  }

  private static void check(String region, String what, double g) {
    if (!(g >= 0 && g < 5000)) {
      throw new IllegalArgumentException(
          "carbon " + what + " of " + region + " must be in [0, 5000) g/kWh, was " + g);
    }
  }

  public String region() {
    return region;
  }

  /** The factor of the hours without an hourly figure, in g CO2 per kWh. */
  public double fixedGPerKwh() {
    return fixedGPerKwh;
  }

  /** The hourly figures, by the UTC instant their hour starts, in time order; unmodifiable. */
  public java.util.SortedMap<Instant, Double> figures() {
    java.util.TreeMap<Instant, Double> out = new java.util.TreeMap<>();
    for (int i = 0; i < hourly.length; i++) {
      if (!Double.isNaN(hourly[i])) {
        out.put(Instant.ofEpochSecond((firstHour + i) * 3600), hourly[i]);
      }
    }
    return Collections.unmodifiableSortedMap(out);
  }

  /**
   * This intensity with newer figures laid over it: an hour of {@code newerFigures} replaces that
   * hour here, the other hours stay; the factor is {@code newerFixed} when given, else this one's.
   *
   * @param newerFigures figures per UTC hour, keyed by the hour's start
   * @param newerFixed the new factor, or null to keep this one
   * @throws IllegalArgumentException as {@link #hourly} does
   */
  public CarbonIntensity with(Map<Instant, Double> newerFigures, Double newerFixed) {
    Map<Instant, Double> figures = new HashMap<>(figures());
    figures.putAll(newerFigures);
    return hourly(region, figures, newerFixed != null ? newerFixed : fixedGPerKwh);
  }

  /** The intensity of the UTC hour that contains an instant, in g CO2 per kWh. */
  public double gPerKwh(Instant t) {
    long i = Math.floorDiv(t.getEpochSecond(), 3600) - firstHour;
    if (i < 0 || i >= hourly.length) {
      return fixedGPerKwh;
    }
    double g = hourly[(int) i];
    return Double.isNaN(g) ? fixedGPerKwh : g;
  }
}
