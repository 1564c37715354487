package io.gridlens.core.insight;

import io.gridlens.core.MeterDay;
import io.gridlens.core.reference.Weather;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The degree-day model of one meter from its region's weather, with the estimator that fitted it:
 * the per-interval one ({@link IntervalDegreeDays}) when the weather has intra-day samples over the
 * meter's local days for enough days of the window, else the daily one on the daily means. The one
 * choice the batch and the API both make, so that they split a meter's usage the same way.
 *
 * @param estimator which estimator fitted the model
 * @param model the fitted model
 * @param observations the observations it was fitted on, in date order
 */
public record DegreeDayFit(
    Estimator estimator, DegreeDays.Model model, List<DegreeDays.Observation> observations) {

  /** The two estimators of the same daily model. */
  public enum Estimator {
    /** Per interval, on intra-day temperature samples, with a thermal lag. */
    INTERVAL,
    /** Per day, on daily mean temperatures. */
    DAILY;

    /** The name in answers: {@code interval} or {@code daily}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public DegreeDayFit {
    Objects.requireNonNull(estimator, "estimator");
    Objects.requireNonNull(model, "model");
    observations = List.copyOf(observations);
  }

  /**
   * The settings of the per-interval estimator for those of the daily one: the same, on a grid of
   * half the step. The per-interval estimator keeps its best grid point where the daily one's ridge
   * is flat, so its grid must be as fine as CalTRACK's 1 °F: on a 1 °C grid the OpenEEmeter
   * Illinois year (truth 60 / 65 °F = 15.6 / 18.3 °C) lands on 17 / 18 °C with its base 22 % low.
   */
  public static DegreeDays.Settings intervalSettings(DegreeDays.Settings daily) {
    return daily.withStep(daily.step() / 2);
  }

  /**
   * Fits the model of a meter as of a day.
   *
   * @param days cleaned days of one meter and channel, in date order
   * @param weather the weather of the meter's region
   * @param meterZone the meter's time zone: samples count only over local days with its rules
   * @param asOf the last day of the window
   * @param settings the daily estimator's settings (see {@link #intervalSettings})
   * @return empty when neither estimator has enough days
   */
  public static Optional<DegreeDayFit> of(
      List<MeterDay> days,
      Weather weather,
      ZoneId meterZone,
      LocalDate asOf,
      DegreeDays.Settings settings) {
    Objects.requireNonNull(weather, "weather");
    // Only the samples of the given days and the days before them, not the region's whole record.
    Map<LocalDate, double[]> samples = new java.util.HashMap<>();
    if (samplesOver(weather, meterZone)) {
      for (MeterDay d : days) {
        for (LocalDate date : List.of(d.date(), d.date().minusDays(1))) {
          if (!samples.containsKey(date)) {
            weather.samples(date).ifPresent(t -> samples.put(date, t));
          }
        }
      }
    }
    if (!samples.isEmpty()) {
      List<MeterDay> aligned = new ArrayList<>();
      for (MeterDay d : days) {
        double[] t = samples.get(d.date());
        if (t != null && d.size() % t.length == 0) {
          aligned.add(d);
        }
      }
      List<DegreeDays.Observation> obs =
          DegreeDays.intervalObservations(aligned, samples, settings.maxLag());
      Optional<DegreeDays.Model> model = DegreeDays.fit(obs, asOf, intervalSettings(settings));
      if (model.isPresent()) {
        return Optional.of(new DegreeDayFit(Estimator.INTERVAL, model.get(), obs));
      }
    }
    List<DegreeDays.Observation> obs = DegreeDays.observations(days, weather);
    return DegreeDays.fit(obs, asOf, settings).map(m -> new DegreeDayFit(Estimator.DAILY, m, obs));
  }

  /**
   * The observation a day's heating and cooling are modelled on, for any day (in the window or
   * not): its mean for the daily model; its samples and the samples just before it for the
   * per-interval one. Empty when the weather lacks them.
   *
   * @param kwh the day's consumption
   */
  public Optional<DegreeDays.Observation> observation(
      Weather weather, ZoneId meterZone, LocalDate date, double kwh) {
    if (estimator == Estimator.DAILY) {
      OptionalDouble t = weather.meanC(date);
      return t.isPresent()
          ? Optional.of(DegreeDays.Observation.ofMean(date, kwh, t.getAsDouble()))
          : Optional.empty();
    }
    if (!samplesOver(weather, meterZone)) {
      return Optional.empty();
    }
    Optional<double[]> t = weather.samples(date);
    double[] before = weather.samples(date.minusDays(1)).orElse(new double[0]);
    int lag = model.lag();
    if (t.isEmpty() || before.length < lag) {
      return Optional.empty();
    }
    double[] history = Arrays.copyOfRange(before, before.length - lag, before.length);
    return Optional.of(new DegreeDays.Observation(date, kwh, t.get(), new double[0], history));
  }

  /** The modelled heating of the fitted days of the window, summed. */
  public double windowHeatingKwh() {
    double sum = 0;
    for (DegreeDays.Observation o : inWindow()) {
      sum += model.heatingKwh(o);
    }
    return sum;
  }

  /** The modelled cooling of the fitted days of the window, summed. */
  public double windowCoolingKwh() {
    double sum = 0;
    for (DegreeDays.Observation o : inWindow()) {
      sum += model.coolingKwh(o);
    }
    return sum;
  }

  private List<DegreeDays.Observation> inWindow() {
    List<DegreeDays.Observation> out = new ArrayList<>();
    for (DegreeDays.Observation o : observations) {
      if (!o.date().isBefore(model.from()) && !o.date().isAfter(model.to())) {
        out.add(o);
      }
    }
    return out;
  }

  /** Whether the weather's samples are over local days with the meter's zone rules. */
  private static boolean samplesOver(Weather weather, ZoneId meterZone) {
    Objects.requireNonNull(meterZone, "meterZone");
    return weather.zone().filter(z -> z.getRules().equals(meterZone.getRules())).isPresent();
  }
}
