package io.gridlens.core.insight;

import java.util.List;
import java.util.Objects;

/**
 * The settings of peer comparison (DESIGN.md section 9): who is compared with whom, and how small a
 * cohort may be.
 *
 * <p>Bands: floor-area band {@code i} is {@code [bound(i-1), bound(i))} m², with the first band
 * open below and the last open above; the defaults 50, 80, 120, 180 give {@code <50}, {@code
 * 50-80}, {@code 80-120}, {@code 120-180}, {@code >=180}. Occupants band {@code i} runs up to its
 * INCLUSIVE bound; the defaults 1, 2, 4 give {@code 1}, {@code 2}, {@code 3-4}, {@code 5+}.
 *
 * @param scope whether cohorts stay within a tenant (default) or span the platform
 * @param minSize fewest members a cohort, and a cohort-month, must have to be placed into or
 *     published (default 30); it is a privacy floor: no statistic of fewer meters is produced
 * @param areaBoundsM2 floor-area band bounds in m², strictly increasing and positive
 * @param occupantsBounds occupants band upper bounds (inclusive), strictly increasing, from 1
 */
public record CohortConfig(
    CohortScope scope, int minSize, List<Double> areaBoundsM2, List<Integer> occupantsBounds)
    implements java.io.Serializable {

  /** Per tenant, at least 30 members, area bands 50/80/120/180 m², occupants 1/2/3-4/5+. */
  public static final CohortConfig DEFAULT =
      new CohortConfig(CohortScope.TENANT, 30, List.of(50.0, 80.0, 120.0, 180.0), List.of(1, 2, 4));

  public CohortConfig {
    Objects.requireNonNull(scope, "scope");
    if (minSize < 1) {
      throw new IllegalArgumentException(
          "peer cohort minSize must be >= 1 (30 by default, a privacy floor), was " + minSize);
    }
    areaBoundsM2 = List.copyOf(areaBoundsM2);
    occupantsBounds = List.copyOf(occupantsBounds);
    double previous = 0;
    for (double b : areaBoundsM2) {
      if (!(b > previous) || Double.isInfinite(b)) {
        throw new IllegalArgumentException(
            "peer cohort areaBoundsM2 must be finite, positive and strictly increasing, were "
                + areaBoundsM2);
      }
      previous = b;
    }
    int last = 0;
    for (int b : occupantsBounds) {
      if (b <= last) {
        throw new IllegalArgumentException(
            "peer cohort occupantsBounds must be >= 1 and strictly increasing, were "
                + occupantsBounds);
      }
      last = b;
    }
  }

  /** This configuration with another minimum cohort size. */
  public CohortConfig withMinSize(int size) {
    return new CohortConfig(scope, size, areaBoundsM2, occupantsBounds);
  }

  /** This configuration with another scope. */
  public CohortConfig withScope(CohortScope newScope) {
    return new CohortConfig(newScope, minSize, areaBoundsM2, occupantsBounds);
  }

  /** The floor-area band of an area: the number of bounds at or below it. */
  public int areaBand(double m2) {
    int band = 0;
    while (band < areaBoundsM2.size() && m2 >= areaBoundsM2.get(band)) {
      band++;
    }
    return band;
  }

  /** The occupants band of a number of occupants: the number of bounds below it. */
  public int occupantsBand(int occupants) {
    int band = 0;
    while (band < occupantsBounds.size() && occupants > occupantsBounds.get(band)) {
      band++;
    }
    return band;
  }

  /** The label of a floor-area band, e.g. {@code 80-120}, {@code <50}, {@code >=180}. */
  public String areaLabel(int band) {
    checkBand("area", band, areaBoundsM2.size());
    if (areaBoundsM2.isEmpty()) {
      return "any";
    }
    if (band == 0) {
      return "<" + number(areaBoundsM2.get(0));
    }
    if (band == areaBoundsM2.size()) {
      return ">=" + number(areaBoundsM2.get(band - 1));
    }
    return number(areaBoundsM2.get(band - 1)) + "-" + number(areaBoundsM2.get(band));
  }

  /** The label of an occupants band, e.g. {@code 1}, {@code 3-4}, {@code 5+}. */
  public String occupantsLabel(int band) {
    checkBand("occupants", band, occupantsBounds.size());
    int from = band == 0 ? 1 : occupantsBounds.get(band - 1) + 1;
    if (band == occupantsBounds.size()) {
      return from + "+";
    }
    int to = occupantsBounds.get(band);
    return from == to ? Integer.toString(from) : from + "-" + to;
  }

  private static void checkBand(String what, int band, int bounds) {
    if (band < 0 || band > bounds) {
      throw new IllegalArgumentException(
          what + " band must be in 0.." + bounds + " for this configuration, was " + band);
    }
  }

  private static String number(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
