package io.gridlens.core.reference;

import io.gridlens.core.DaySlots;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Outdoor temperature of a region, in °C, per local date: a daily mean, and for some days the
 * temperature samples equally spaced over the local day (hourly: 24 a day, 23 or 25 on the DST
 * change days of the region's zone), which the per-interval degree-day estimator needs.
 *
 * <p>The local days of the samples are those of the region's {@link #zone()}, given with the
 * samples (a weather file's timestamps say which instant a sample is, not which region's day it
 * belongs to). A day with samples and no daily mean given has the mean of its samples as its daily
 * mean; a given daily mean wins (a station's official daily mean may use another method).
 *
 * <p>Immutable and {@link java.io.Serializable} (the batch ships it to where it runs).
 */
public final class Weather implements java.io.Serializable {

  /** Sample spacings accepted, in minutes: hourly, half-hourly, quarter-hourly. */
  static final int[] SPACINGS = {60, 30, 15};

  private final String region;
  private final TreeMap<LocalDate, Double> dailyMeanC;
  private final ZoneId zone;
  private final TreeMap<LocalDate, double[]> samplesC;

  /** Daily means only, without samples and zone. */
  public Weather(String region, Map<LocalDate, Double> dailyMeanC) {
    this(region, dailyMeanC, null, Map.of());
  }

  /**
   * Daily means and intra-day samples.
   *
   * @param dailyMeanC given daily means; days with samples and no mean here get their samples' mean
   * @param zone the zone of the samples' local days; may be null only without samples
   * @param samplesC per local date, temperatures equally spaced over the day from its local
   *     midnight: as many as the day has hours, half-hours or quarter-hours in {@code zone}
   *     (copied)
   * @throws IllegalArgumentException naming the day when a temperature is outside (-90, 60) °C or a
   *     day's sample count does not fit its length
   */
  public Weather(
      String region,
      Map<LocalDate, Double> dailyMeanC,
      ZoneId zone,
      Map<LocalDate, double[]> samplesC) {
    Ids.check("region", region);
    Objects.requireNonNull(dailyMeanC, "dailyMeanC");
    Objects.requireNonNull(samplesC, "samplesC");
    if (zone == null && !samplesC.isEmpty()) {
      throw new IllegalArgumentException(
          "weather of "
              + region
              + " has temperature samples but no zone: give the zone whose local days the"
              + " samples cover, e.g. Europe/Paris");
    }
    this.region = region;
    this.zone = zone;
    this.samplesC = new TreeMap<>();
    samplesC.forEach(
        (d, t) -> {
          Objects.requireNonNull(d, "date");
          checkCount(region, zone, d, t);
          double[] copy = t.clone();
          for (int i = 0; i < copy.length; i++) {
            check(region, d + " sample " + i, copy[i]);
          }
          this.samplesC.put(d, copy);
        });
    this.dailyMeanC = new TreeMap<>();
    this.samplesC.forEach((d, t) -> this.dailyMeanC.put(d, mean(t)));
    dailyMeanC.forEach(
        (d, t) -> {
          check(region, d.toString(), t);
          this.dailyMeanC.put(d, t);
        });
  }

  /** Intra-day samples only; each day's daily mean is the mean of its samples. */
  public static Weather ofSamples(String region, ZoneId zone, Map<LocalDate, double[]> samplesC) {
    Objects.requireNonNull(zone, "zone");
    return new Weather(region, Map.of(), zone, samplesC);
  }

  /**
   * Hourly temperatures keyed by the instant their hour starts, grouped into the local days of a
   * zone. A local day with every hour gets its samples (and their mean); a day missing an hour is
   * left out (the per-interval estimator needs every hour), so a file with a gap or a partial last
   * day is accepted and {@link #samples()} tells which days it covers.
   *
   * @throws IllegalArgumentException when an instant is not on a local hour of the zone or a
   *     temperature is outside (-90, 60) °C
   */
  public static Weather ofHourly(String region, ZoneId zone, Map<Instant, Double> byHourStartC) {
    Ids.check("region", region);
    Objects.requireNonNull(zone, "zone");
    Map<LocalDate, SortedMap<Instant, Double>> byDay = new TreeMap<>();
    byHourStartC.forEach(
        (t, c) -> {
          ZonedDateTime local = t.atZone(zone);
          if (local.getMinute() != 0 || local.getSecond() != 0 || local.getNano() != 0) {
            throw new IllegalArgumentException(
                "temperature of " + region + " at " + local + " is not on an hour of " + zone);
          }
          check(region, local.toString(), c);
          byDay.computeIfAbsent(local.toLocalDate(), d -> new TreeMap<>()).put(t, c);
        });
    Map<LocalDate, double[]> samples = new TreeMap<>();
    byDay.forEach(
        (d, hours) -> {
          if (hours.size() == new DaySlots(zone, d, 60).count()) {
            samples.put(d, hours.values().stream().mapToDouble(Double::doubleValue).toArray());
          }
        });
    return new Weather(region, Map.of(), zone, samples);
  }

  private static void checkCount(String region, ZoneId zone, LocalDate d, double[] t) {
    Objects.requireNonNull(t, "samples of " + d);
    List<Integer> fits = new ArrayList<>();
    for (int minutes : SPACINGS) {
      int n = new DaySlots(zone, d, minutes).count();
      if (t.length == n) {
        return;
      }
      fits.add(n);
    }
    throw new IllegalArgumentException(
        "weather of "
            + region
            + " on "
            + d
            + " has "
            + t.length
            + " temperature samples; a local day in "
            + zone
            + " takes "
            + fits.get(0)
            + " hourly, "
            + fits.get(1)
            + " half-hourly or "
            + fits.get(2)
            + " quarter-hourly ones, equally spaced from local midnight");
  }

  private static void check(String region, String when, Double t) {
    if (t == null || !(t > -90 && t < 60)) {
      throw new IllegalArgumentException(
          "temperature of " + region + " on " + when + " must be in (-90, 60) °C, was " + t);
    }
  }

  private static double mean(double[] t) {
    double s = 0;
    for (double v : t) {
      s += v;
    }
    return s / t.length;
  }

  public String region() {
    return region;
  }

  /** The zone of the samples' local days; empty for daily means only. */
  public Optional<ZoneId> zone() {
    return Optional.ofNullable(zone);
  }

  /** Mean temperature of a local date, if known (given, or the mean of its samples). */
  public OptionalDouble meanC(LocalDate date) {
    Double t = dailyMeanC.get(date);
    return t == null ? OptionalDouble.empty() : OptionalDouble.of(t);
  }

  /** All known days. */
  public Map<LocalDate, Double> days() {
    return Map.copyOf(dailyMeanC);
  }

  /**
   * The days with intra-day samples, in date order, each with a copy of its samples (°C, equally
   * spaced from local midnight in {@link #zone()}). Unmodifiable.
   */
  public Map<LocalDate, double[]> samples() {
    TreeMap<LocalDate, double[]> copy = new TreeMap<>();
    samplesC.forEach((d, t) -> copy.put(d, t.clone()));
    return Collections.unmodifiableSortedMap(copy);
  }

  /** The samples of one local date (a copy), if it has some. */
  public Optional<double[]> samples(LocalDate date) {
    double[] t = samplesC.get(date);
    return t == null ? Optional.empty() : Optional.of(t.clone());
  }

  /**
   * This weather with the days of a newer one of the same region laid over it: a day of {@code
   * newer} replaces that day (its mean and samples) here; the other days stay.
   *
   * @throws IllegalArgumentException when the regions differ, or both have samples in different
   *     zones (their local days would not line up)
   */
  public Weather with(Weather newer) {
    Objects.requireNonNull(newer, "newer");
    if (!newer.region.equals(region)) {
      throw new IllegalArgumentException(
          "cannot lay weather of " + newer.region + " over weather of " + region);
    }
    if (zone != null
        && newer.zone != null
        && !samplesC.isEmpty()
        && !newer.samplesC.isEmpty()
        && !zone.equals(newer.zone)) {
      throw new IllegalArgumentException(
          "weather samples of "
              + region
              + " are in "
              + zone
              + ", the new ones in "
              + newer.zone
              + ": give the samples over the local days of "
              + zone);
    }
    Map<LocalDate, Double> means = new TreeMap<>(dailyMeanC);
    Map<LocalDate, double[]> samples = new TreeMap<>(samplesC);
    for (LocalDate d : newer.dailyMeanC.keySet()) {
      samples.remove(d);
    }
    means.putAll(newer.dailyMeanC);
    samples.putAll(newer.samplesC);
    ZoneId z = newer.samplesC.isEmpty() ? (zone != null ? zone : newer.zone) : newer.zone;
    return new Weather(region, means, z, samples);
  }
}
