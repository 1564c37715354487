package io.gridlens.core.reference;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Grams of CO2 per kWh of a region's grid electricity, hour by hour, with a fixed factor for hours
 * without a figure (or for all hours).
 */
public final class CarbonIntensity {

  private final String region;
  private final double fixedGPerKwh;
  private final Map<Long, Double> hourly;

  private CarbonIntensity(String region, double fixedGPerKwh, Map<Long, Double> hourly) {
    Ids.check("region", region);
    check(region, "fixed factor", fixedGPerKwh);
    this.region = region;
    this.fixedGPerKwh = fixedGPerKwh;
    this.hourly = hourly;
  }

  /** One factor for every hour. */
  public static CarbonIntensity fixed(String region, double gPerKwh) {
    return new CarbonIntensity(region, gPerKwh, Map.of());
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
    return new CarbonIntensity(region, fallbackGPerKwh, h);
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

  /** The intensity of the UTC hour that contains an instant, in g CO2 per kWh. */
  public double gPerKwh(Instant t) {
    if (hourly.isEmpty()) {
      return fixedGPerKwh;
    }
    Double g = hourly.get(Math.floorDiv(t.getEpochSecond(), 3600));
    return g == null ? fixedGPerKwh : g;
  }
}
