package io.gridlens.core.insight;

import io.gridlens.core.Channel;
import io.gridlens.core.DayContext;
import io.gridlens.core.MeterDay;
import io.gridlens.core.Quality;
import io.gridlens.core.reference.CarbonIntensity;
import io.gridlens.core.reference.Contract;
import io.gridlens.core.reference.Period;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The additive insights of one cleaned {@link MeterDay}: energy, interval counts, time-of-use
 * split, cost and carbon (DESIGN.md section 9). It is what a view row carries besides the day
 * itself.
 *
 * <p>Every field is a pure function of the day and its {@link DayContext}, with no history, so
 * batch and speed compute the same value, and every field is additive over days (see {@link
 * PeriodTotals}).
 *
 * <p>Absent figures are {@code NaN}: cost ({@link #energyCostEur}, {@link #standingEur}) when no
 * contract is in force or the day is of the {@link Channel#EXPORT} channel (production is not
 * billed by the supply contract), carbon ({@link #co2G}) when the region's carbon intensity is
 * unknown or the channel is EXPORT. Use {@link #hasCost()}, {@link #hasCarbon()} or the {@code
 * Optional} views rather than comparing with NaN. The time-of-use split is empty when no contract
 * is in force. Records compare doubles bit by bit, so two absent figures are equal.
 *
 * @param wh energy of the day in Wh: the sum of the cleaned values of the intervals that are not
 *     missing (missing intervals are never counted as zero consumption: see {@link #missing})
 * @param expected number of intervals of the local day (46, 48 or 50 half-hours)
 * @param actual intervals with an actual value (measured, or edited by the sender)
 * @param estimated intervals with an estimated value (by the sender or by VEE)
 * @param missing intervals without a value
 * @param touWh Wh per tariff period of the contract, one entry for every period of its tariff (0
 *     when none of the day's energy fell in it); empty when no contract; immutable
 * @param energyCostEur Σ kWh × price of its period, EUR tax included, or NaN when absent
 * @param standingEur the standing charge of the day, EUR tax included, or NaN when absent
 * @param co2G grams of CO2, or NaN when absent
 */
public record DayInsights(
    long wh,
    int expected,
    int actual,
    int estimated,
    int missing,
    Map<Period, Long> touWh,
    double energyCostEur,
    double standingEur,
    double co2G) {

  private static final int PERIOD_COUNT = Period.values().length;

  public DayInsights {
    if (wh < 0) {
      throw new IllegalArgumentException("wh must be >= 0, was " + wh);
    }
    if (actual < 0 || estimated < 0 || missing < 0 || actual + estimated + missing != expected) {
      throw new IllegalArgumentException(
          "interval counts must be >= 0 and add up to expected: actual "
              + actual
              + " + estimated "
              + estimated
              + " + missing "
              + missing
              + " != expected "
              + expected);
    }
    EnumMap<Period, Long> tou = TimeOfUse.checkedCopy(touWh);
    long touSum = TimeOfUse.sum(tou);
    if (!tou.isEmpty() && touSum != wh) {
      throw new IllegalArgumentException(
          "time-of-use split "
              + tou
              + " adds up to "
              + touSum
              + " Wh, not the day's "
              + wh
              + " Wh");
    }
    touWh = Collections.unmodifiableMap(tou);
    if (Double.isNaN(energyCostEur) != Double.isNaN(standingEur)) {
      throw new IllegalArgumentException(
          "energyCostEur ("
              + energyCostEur
              + ") and standingEur ("
              + standingEur
              + ") must both be present or both NaN");
    }
    checkAmount("energyCostEur", energyCostEur);
    checkAmount("standingEur", standingEur);
    checkAmount("co2G", co2G);
  }

  private static void checkAmount(String name, double v) {
    if (!Double.isNaN(v) && !(v >= 0 && v < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(name + " must be NaN (absent) or finite >= 0, was " + v);
    }
  }

  /**
   * The insights of a cleaned day, computed in one pass over its intervals.
   *
   * @param day the cleaned day
   * @param ctx the reference data in force for its meter that day
   * @throws IllegalArgumentException when the context is of another meter
   */
  public static DayInsights of(MeterDay day, DayContext ctx) {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(ctx, "ctx");
    if (!ctx.meter().id().equals(day.meterId())) {
      throw new IllegalArgumentException(
          "context of meter " + ctx.meter().id() + " given for a day of " + day.key());
    }
    boolean imported = day.channel() == Channel.IMPORT;
    Contract contract = ctx.contract();
    CarbonIntensity carbon = imported ? ctx.carbon() : null;
    TimeOfUse.DayPlan plan = TimeOfUse.plan(day.slots(), contract, ctx.tempo());
    byte[] periods = plan.periods();
    long[] byPeriod = periods == null ? null : new long[PERIOD_COUNT];

    int n = day.size();
    long total = 0;
    int actual = 0;
    int estimated = 0;
    int missing = 0;
    // Carbon: exact Wh per UTC hour, hours flushed in time order (see Carbon).
    long slotSecond = plan.startEpochSecond();
    long hour = Math.floorDiv(slotSecond, 3600L);
    long hourWh = 0;
    double co2 = 0;
    for (int i = 0; i < n; i++, slotSecond += plan.slotSeconds()) {
      long w = day.wh(i);
      Quality q = day.quality(i);
      if (q == Quality.MISSING) {
        missing++;
      } else if (q.isEstimated()) {
        estimated++;
      } else {
        actual++;
      }
      total += w;
      if (byPeriod != null) {
        byPeriod[periods[i]] += w;
      }
      if (carbon != null) {
        long h = Math.floorDiv(slotSecond, 3600L);
        if (h != hour) {
          if (hourWh != 0) {
            co2 += Carbon.gramsInHour(carbon, hour, hourWh);
          }
          hour = h;
          hourWh = 0;
        }
        hourWh += w;
      }
    }
    if (carbon != null && hourWh != 0) {
      co2 += Carbon.gramsInHour(carbon, hour, hourWh);
    }

    Map<Period, Long> tou = new EnumMap<>(Period.class);
    double energyCost = Double.NaN;
    double standing = Double.NaN;
    if (contract != null) {
      for (Period p : contract.tariff().periods()) {
        tou.put(p, byPeriod[p.ordinal()]);
      }
      if (imported) {
        energyCost = Cost.energyEur(byPeriod, contract);
        standing = Cost.standingEurPerDay(contract, day.date());
      }
    }
    return new DayInsights(
        total,
        n,
        actual,
        estimated,
        missing,
        tou,
        energyCost,
        standing,
        carbon == null ? Double.NaN : co2);
  }

  /** Energy of the day in kWh. */
  public double kwh() {
    return wh / 1000.0;
  }

  /** Whether the day has a cost (a contract in force, import channel). */
  public boolean hasCost() {
    return !Double.isNaN(energyCostEur);
  }

  /** Whether the day has a carbon figure (a known intensity, import channel). */
  public boolean hasCarbon() {
    return !Double.isNaN(co2G);
  }

  /** Cost of the day in EUR: energy cost + standing charge; NaN when absent. */
  public double costEur() {
    return energyCostEur + standingEur;
  }

  /** Cost of the day in EUR, if present. */
  public OptionalDouble cost() {
    return hasCost() ? OptionalDouble.of(costEur()) : OptionalDouble.empty();
  }

  /** Grams of CO2 of the day, if present. */
  public OptionalDouble co2() {
    return hasCarbon() ? OptionalDouble.of(co2G) : OptionalDouble.empty();
  }

  /** Whether some intervals of the day have no value (the day's figures are then a lower bound). */
  public boolean incomplete() {
    return missing > 0;
  }

  /** Whether some intervals of the day carry an estimated value. */
  public boolean isEstimated() {
    return estimated > 0;
  }

  /** Wh of one period of the split; 0 when the period is not in it. */
  public long touWh(Period p) {
    Long v = touWh.get(p);
    return v == null ? 0 : v;
  }
}
