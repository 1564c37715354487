package io.gridlens.core.reference;

import java.time.LocalDate;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/** Daily mean outdoor temperature of a region, in °C, per local date. */
public final class Weather implements java.io.Serializable {

  private final String region;
  private final TreeMap<LocalDate, Double> dailyMeanC;

  public Weather(String region, Map<LocalDate, Double> dailyMeanC) {
    Ids.check("region", region);
    this.region = region;
    this.dailyMeanC = new TreeMap<>(dailyMeanC);
    this.dailyMeanC.forEach(
        (d, t) -> {
          if (t == null || !(t > -90 && t < 60)) {
            throw new IllegalArgumentException(
                "temperature of " + region + " on " + d + " must be in (-90, 60) °C, was " + t);
          }
        });
  }

  public String region() {
    return region;
  }

  /** Mean temperature of a local date, if known. */
  public OptionalDouble meanC(LocalDate date) {
    Double t = dailyMeanC.get(date);
    return t == null ? OptionalDouble.empty() : OptionalDouble.of(t);
  }

  /** All known days. */
  public Map<LocalDate, Double> days() {
    return Map.copyOf(dailyMeanC);
  }
}
