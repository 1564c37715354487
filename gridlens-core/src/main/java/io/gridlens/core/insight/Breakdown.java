package io.gridlens.core.insight;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The usage breakdown of one local day: its energy split into always-on, heating, cooling and
 * other, in kWh, each part {@code >= 0} and the parts summing to the day's energy.
 *
 * <p>Definition, from a day's energy {@code E}, the always-on energy {@code A} ({@link
 * AlwaysOn#kwhPerDay()}) and the modelled heating {@code H = h * HDD} and cooling {@code C = c *
 * CDD} ({@link DegreeDays.Model}):
 *
 * <ol>
 *   <li>{@code alwaysOn = min(A, E)};
 *   <li>with {@code room = E - alwaysOn}: when {@code H + C <= room}, heating and cooling are as
 *       modelled; else both are scaled by {@code room / (H + C)} (a day colder than the model
 *       expects for its energy cannot have more heating than it used);
 *   <li>{@code other = E - alwaysOn - heating - cooling}, never negative (rounding is clamped to
 *       0).
 * </ol>
 *
 * <p>Always-on is served first because it is measured on the meter itself (its quietest intervals
 * of the last 14 days), while heating and cooling are a year-long average response to temperature.
 *
 * <p>Law (property-tested): every part is {@code >= 0} and their sum equals the day's energy up to
 * rounding.
 *
 * @param date the local day
 * @param kwh energy of the day
 * @param alwaysOnKwh always-on part
 * @param heatingKwh heating part
 * @param coolingKwh cooling part
 * @param otherKwh the rest
 */
public record Breakdown(
    LocalDate date,
    double kwh,
    double alwaysOnKwh,
    double heatingKwh,
    double coolingKwh,
    double otherKwh) {

  public Breakdown {
    Objects.requireNonNull(date, "date");
    check("kwh", date, kwh);
    check("alwaysOnKwh", date, alwaysOnKwh);
    check("heatingKwh", date, heatingKwh);
    check("coolingKwh", date, coolingKwh);
    check("otherKwh", date, otherKwh);
  }

  /**
   * Splits a day's energy by the clamping rule of this class.
   *
   * @param kwh energy of the day
   * @param alwaysOnKwh always-on energy of a day ({@link AlwaysOn#kwhPerDay()}), 0 when unknown
   * @param heatingKwh modelled heating energy of the day, 0 without a model
   * @param coolingKwh modelled cooling energy of the day, 0 without a model
   */
  public static Breakdown of(
      LocalDate date, double kwh, double alwaysOnKwh, double heatingKwh, double coolingKwh) {
    check("kwh", date, kwh);
    check("alwaysOnKwh", date, alwaysOnKwh);
    check("heatingKwh", date, heatingKwh);
    check("coolingKwh", date, coolingKwh);
    double alwaysOn = Math.min(alwaysOnKwh, kwh);
    double room = kwh - alwaysOn;
    double weather = heatingKwh + coolingKwh;
    double heating = heatingKwh;
    double cooling = coolingKwh;
    if (weather > room) {
      heating = heatingKwh * (room / weather);
      cooling = Math.min(coolingKwh, Math.max(0, room - heating));
    }
    double other = Math.max(0, kwh - alwaysOn - heating - cooling);
    return new Breakdown(date, kwh, alwaysOn, heating, cooling, other);
  }

  /** Splits an observed day with a fitted model and the meter's always-on energy per day. */
  public static Breakdown of(
      DegreeDays.Observation day, DegreeDays.Model model, double alwaysOnKwhPerDay) {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(model, "model");
    return of(
        day.date(), day.kwh(), alwaysOnKwhPerDay, model.heatingKwh(day), model.coolingKwh(day));
  }

  private static void check(String field, LocalDate date, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(
          "breakdown " + field + " of " + date + " must be finite and >= 0, was " + v);
    }
  }
}
