package io.gridlens.simulator;

import java.util.Locale;

/**
 * A French weather and carbon region of the synthetic fleet, with the climate the simulator gives
 * it.
 *
 * <p>Climate figures are rounded 1991-2020 normals of a representative city (Paris, Lyon,
 * Marseille, Rennes, Lille): annual mean, half the July-January spread, half the typical day-night
 * spread.
 */
public enum Region {
  /** Île-de-France (Paris): oceanic-continental. */
  FR_IDF("FR-IDF", 12.3, 7.8, 4.0, 0.30, 0.65, 0.12, 52),
  /** Auvergne-Rhône-Alpes (Lyon): continental, cold winters, hot summers. */
  FR_ARA("FR-ARA", 12.4, 9.4, 5.0, 0.20, 0.40, 0.20, 38),
  /** Provence-Alpes-Côte d'Azur (Marseille): mediterranean, mild winters, hot summers. */
  FR_PAC("FR-PAC", 15.6, 8.6, 4.5, 0.15, 0.45, 0.35, 45),
  /** Bretagne (Rennes): oceanic, mild and damp. */
  FR_BRE("FR-BRE", 12.1, 6.4, 3.5, 0.15, 0.30, 0.05, 60),
  /** Hauts-de-France (Lille): cool oceanic. */
  FR_HDF("FR-HDF", 10.9, 7.2, 3.5, 0.20, 0.35, 0.05, 65);

  private final String code;
  private final double meanC;
  private final double seasonalAmplitudeC;
  private final double diurnalAmplitudeC;
  private final double share;
  private final double apartmentShare;
  private final double airConditioningShare;
  private final double carbonBaseGPerKwh;

  Region(
      String code,
      double meanC,
      double seasonalAmplitudeC,
      double diurnalAmplitudeC,
      double share,
      double apartmentShare,
      double airConditioningShare,
      double carbonBaseGPerKwh) {
    this.code = code;
    this.meanC = meanC;
    this.seasonalAmplitudeC = seasonalAmplitudeC;
    this.diurnalAmplitudeC = diurnalAmplitudeC;
    this.share = share;
    this.apartmentShare = apartmentShare;
    this.airConditioningShare = airConditioningShare;
    this.carbonBaseGPerKwh = carbonBaseGPerKwh;
  }

  /** The region code used in reference data, e.g. {@code FR-IDF}. */
  public String code() {
    return code;
  }

  /** Annual mean temperature in °C. */
  public double meanC() {
    return meanC;
  }

  /** Half the difference between the warmest and the coldest month's mean, in °C. */
  public double seasonalAmplitudeC() {
    return seasonalAmplitudeC;
  }

  /** Half the typical difference between afternoon maximum and dawn minimum, in °C. */
  public double diurnalAmplitudeC() {
    return diurnalAmplitudeC;
  }

  /** Share of the fleet's households in this region; the shares add up to 1. */
  double share() {
    return share;
  }

  /** Share of this region's households living in apartments. */
  double apartmentShare() {
    return apartmentShare;
  }

  /** Share of this region's households with air conditioning. */
  double airConditioningShare() {
    return airConditioningShare;
  }

  /** Mean carbon intensity of the region's grid electricity in g CO2/kWh. */
  double carbonBaseGPerKwh() {
    return carbonBaseGPerKwh;
  }

  /** The region of a code such as {@code FR-IDF}, case-insensitively. */
  public static Region parse(String code) {
    String c = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
    for (Region r : values()) {
      if (r.code.equals(c)) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "unknown region '" + code + "'; known: FR-IDF, FR-ARA, FR-PAC, FR-BRE, FR-HDF");
  }
}
