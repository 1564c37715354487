package io.gridlens.core.insight;

import io.gridlens.core.reference.CarbonIntensity;
import java.time.Instant;

/**
 * The carbon footprint of energy, in grams of CO2: each interval's kWh times the carbon intensity
 * of its region in the UTC hour that contains the interval START (or the region's fixed factor).
 *
 * <p>Design note: intervals are at most an hour long and a day's intervals come in time order, so a
 * day's energy is first summed exactly (in integer Wh) per UTC hour, then each hour's kWh is
 * multiplied by its intensity and the hours are added in time order. This equals the per-interval
 * sum mathematically, looks the intensity up once per hour instead of once per interval, and gives
 * bit-identical doubles in batch and speed.
 */
public final class Carbon {

  private Carbon() {}

  /** Grams of CO2 of {@code wh} Wh at {@code gPerKwh}. */
  public static double grams(long wh, double gPerKwh) {
    return wh * gPerKwh / 1000.0;
  }

  /**
   * Grams of CO2 of {@code wh} Wh consumed in the UTC hour {@code epochHour} (hours since 1970).
   */
  static double gramsInHour(CarbonIntensity intensity, long epochHour, long wh) {
    return grams(wh, intensity.gPerKwh(Instant.ofEpochSecond(epochHour * 3600)));
  }
}
