package io.gridlens.core.insight;

import io.gridlens.core.reference.Period;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The additive insights of several local days added up: consumption, interval counts, time-of-use
 * split, cost and carbon of a month, a year or any set of days.
 *
 * <p>A mergeable fold, in the shape of Beam's {@code CombineFn}: {@link #of(DayInsights)} lifts a
 * day, {@link #merge} adds two totals, {@link #EMPTY} is the total of no day. Laws, property-tested
 * in {@code PeriodTotalsLawsTest}, all EXACT (bit for bit, not within a tolerance):
 *
 * <ul>
 *   <li>identity: {@code EMPTY.merge(t).equals(t)} and {@code t.merge(EMPTY).equals(t)};
 *   <li>commutativity: {@code a.merge(b).equals(b.merge(a))};
 *   <li>associativity: {@code a.merge(b).merge(c).equals(a.merge(b.merge(c)))};
 *   <li>hence order independence: the total of a set of days does not depend on the order or
 *       grouping in which its days are added, so batch, speed and any engine agree.
 * </ul>
 *
 * <p>Design note: floating-point addition is neither associative nor exactly commutative over three
 * terms, so money and carbon are held in fixed point: each day's cost is rounded once to the
 * micro-euro, its carbon to the milligram, and the totals add {@code long}s (overflow fails
 * loudly). The rounding error of a total is at most half a unit per day, far below what any bill or
 * chart shows.
 *
 * <p>A day without a cost (no contract) or without carbon (no intensity) still adds its energy; the
 * counts {@link #daysWithCost} and {@link #daysWithCo2} say how many days the money and carbon
 * figures cover, so a caller can tell a partial total from a complete one.
 *
 * @param days number of days added
 * @param wh energy in Wh of the intervals that are not missing
 * @param expected intervals the days should have
 * @param actual intervals with an actual value
 * @param estimated intervals with an estimated value
 * @param missing intervals without a value
 * @param touWh Wh per tariff period, summed over the days that had a contract; immutable
 * @param daysWithCost days that had a cost
 * @param energyCostMicroEur energy cost of those days, in millionths of a euro
 * @param standingMicroEur standing charges of those days, in millionths of a euro
 * @param daysWithCo2 days that had a carbon figure
 * @param co2Mg carbon of those days, in milligrams of CO2
 */
public record PeriodTotals(
    int days,
    long wh,
    long expected,
    long actual,
    long estimated,
    long missing,
    Map<Period, Long> touWh,
    int daysWithCost,
    long energyCostMicroEur,
    long standingMicroEur,
    int daysWithCo2,
    long co2Mg) {

  /** The total of no day: the identity of {@link #merge}. */
  public static final PeriodTotals EMPTY =
      new PeriodTotals(0, 0, 0, 0, 0, 0, Map.of(), 0, 0, 0, 0, 0);

  private static final double MICRO = 1e6;
  private static final double MILLI = 1e3;

  public PeriodTotals {
    if (days < 0 || wh < 0 || expected < 0 || actual < 0 || estimated < 0 || missing < 0) {
      throw new IllegalArgumentException(
          "days, wh and interval counts must be >= 0, were days="
              + days
              + ", wh="
              + wh
              + ", expected="
              + expected
              + ", actual="
              + actual
              + ", estimated="
              + estimated
              + ", missing="
              + missing);
    }
    if (actual + estimated + missing != expected) {
      throw new IllegalArgumentException(
          "actual "
              + actual
              + " + estimated "
              + estimated
              + " + missing "
              + missing
              + " must equal expected "
              + expected);
    }
    EnumMap<Period, Long> tou = TimeOfUse.checkedCopy(touWh);
    long touSum = TimeOfUse.sum(tou);
    if (touSum > wh) {
      throw new IllegalArgumentException(
          "time-of-use split "
              + tou
              + " adds up to "
              + touSum
              + " Wh, more than the "
              + wh
              + " Wh");
    }
    touWh = Collections.unmodifiableMap(tou);
    if (daysWithCost < 0 || daysWithCost > days || daysWithCo2 < 0 || daysWithCo2 > days) {
      throw new IllegalArgumentException(
          "daysWithCost ("
              + daysWithCost
              + ") and daysWithCo2 ("
              + daysWithCo2
              + ") must be in 0..days ("
              + days
              + ")");
    }
    if (energyCostMicroEur < 0 || standingMicroEur < 0 || co2Mg < 0) {
      throw new IllegalArgumentException(
          "energyCostMicroEur, standingMicroEur and co2Mg must be >= 0, were "
              + energyCostMicroEur
              + ", "
              + standingMicroEur
              + ", "
              + co2Mg);
    }
  }

  /** The total of one day. */
  public static PeriodTotals of(DayInsights day) {
    Objects.requireNonNull(day, "day");
    boolean cost = day.hasCost();
    boolean co2 = day.hasCarbon();
    return new PeriodTotals(
        1,
        day.wh(),
        day.expected(),
        day.actual(),
        day.estimated(),
        day.missing(),
        day.touWh(),
        cost ? 1 : 0,
        cost ? Math.round(day.energyCostEur() * MICRO) : 0,
        cost ? Math.round(day.standingEur() * MICRO) : 0,
        co2 ? 1 : 0,
        co2 ? Math.round(day.co2G() * MILLI) : 0);
  }

  /** The total of some days, in any order. */
  public static PeriodTotals of(Iterable<DayInsights> days) {
    PeriodTotals t = EMPTY;
    for (DayInsights d : days) {
      t = t.plus(d);
    }
    return t;
  }

  /**
   * The totals of days grouped by local calendar month, in month order.
   *
   * @param days insights by local date of the meter's zone
   */
  public static SortedMap<YearMonth, PeriodTotals> byMonth(Map<LocalDate, DayInsights> days) {
    return by(days, YearMonth::from);
  }

  /**
   * The totals of days grouped by local calendar year, in year order.
   *
   * @param days insights by local date of the meter's zone
   */
  public static SortedMap<Year, PeriodTotals> byYear(Map<LocalDate, DayInsights> days) {
    return by(days, Year::from);
  }

  private static <K extends Comparable<K>> SortedMap<K, PeriodTotals> by(
      Map<LocalDate, DayInsights> days, Function<LocalDate, K> bucket) {
    TreeMap<K, PeriodTotals> out = new TreeMap<>();
    days.forEach(
        (date, day) ->
            out.merge(
                bucket.apply(Objects.requireNonNull(date, "date")), of(day), PeriodTotals::merge));
    return Collections.unmodifiableSortedMap(out);
  }

  /** This total with one more day. */
  public PeriodTotals plus(DayInsights day) {
    return merge(of(day));
  }

  /** The total of the days of this and of {@code o} (commutative, associative, identity EMPTY). */
  public PeriodTotals merge(PeriodTotals o) {
    Objects.requireNonNull(o, "o");
    if (o.days == 0 && o.equals(EMPTY)) {
      return this;
    }
    if (days == 0 && equals(EMPTY)) {
      return o;
    }
    EnumMap<Period, Long> tou = new EnumMap<>(Period.class);
    tou.putAll(touWh);
    o.touWh.forEach((p, v) -> tou.merge(p, v, Math::addExact));
    return new PeriodTotals(
        Math.addExact(days, o.days),
        Math.addExact(wh, o.wh),
        Math.addExact(expected, o.expected),
        Math.addExact(actual, o.actual),
        Math.addExact(estimated, o.estimated),
        Math.addExact(missing, o.missing),
        tou,
        Math.addExact(daysWithCost, o.daysWithCost),
        Math.addExact(energyCostMicroEur, o.energyCostMicroEur),
        Math.addExact(standingMicroEur, o.standingMicroEur),
        Math.addExact(daysWithCo2, o.daysWithCo2),
        Math.addExact(co2Mg, o.co2Mg));
  }

  /** Energy in kWh. */
  public double kwh() {
    return wh / 1000.0;
  }

  /** Energy cost of the days that had a cost, in EUR. */
  public double energyCostEur() {
    return energyCostMicroEur / MICRO;
  }

  /** Standing charges of the days that had a cost, in EUR. */
  public double standingEur() {
    return standingMicroEur / MICRO;
  }

  /** Cost (energy + standing) of the days that had a cost, in EUR. */
  public double costEur() {
    return Math.addExact(energyCostMicroEur, standingMicroEur) / MICRO;
  }

  /** Grams of CO2 of the days that had a carbon figure. */
  public double co2G() {
    return co2Mg / MILLI;
  }

  /** Whether every day added had a cost. */
  public boolean costComplete() {
    return daysWithCost == days;
  }

  /** Whether every day added had a carbon figure. */
  public boolean co2Complete() {
    return daysWithCo2 == days;
  }

  /** Wh of one period of the split; 0 when the period is not in it. */
  public long touWh(Period p) {
    Long v = touWh.get(p);
    return v == null ? 0 : v;
  }
}
