package io.gridlens.core.insight;

import io.gridlens.core.reference.Contract;
import io.gridlens.core.reference.Period;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The cost of energy under a contract, in EUR, tax included: the energy of each interval priced at
 * its tariff period, plus the standing charge prorated per day.
 *
 * <p>Definition (DESIGN.md section 9): {@code cost(day) = Σ kWh(i) × price(period(i)) +
 * standingEurPerYear / daysInYear(day)}, with 365 or 366 days in the day's local year.
 *
 * <p>Design note: the energy part is computed as {@code Σ over periods, in {@link Period} order, of
 * Wh(period) × price(period) / 1000}. It equals the per-interval sum mathematically, and it is
 * better numerically: the Wh per period are exact integer sums, so the only rounding is one
 * multiplication per period. The order of summation is fixed, so batch and speed get bit-identical
 * doubles for the same day.
 */
public final class Cost {

  private Cost() {}

  /** The cost in EUR of {@code wh} Wh at {@code eurPerKwh}. */
  public static double energyEur(long wh, double eurPerKwh) {
    return wh * eurPerKwh / 1000.0;
  }

  /**
   * The energy cost in EUR of a time-of-use split: Σ over the contract's periods, in {@link Period}
   * order, of {@link #energyEur}.
   *
   * @param whByPeriod Wh per period, indexed by {@link Period#ordinal()}
   * @throws IllegalArgumentException when energy is attributed to a period the contract does not
   *     price
   */
  public static double energyEur(long[] whByPeriod, Contract contract) {
    Objects.requireNonNull(contract, "contract");
    double eur = 0;
    for (Period p : Period.values()) {
      long wh = whByPeriod[p.ordinal()];
      if (wh != 0) {
        eur += energyEur(wh, contract.price(p));
      }
    }
    return eur;
  }

  /**
   * The standing charge of one local day in EUR: the annual standing charge divided by the number
   * of days in that day's year (365, or 366 in a leap year).
   */
  public static double standingEurPerDay(Contract contract, LocalDate date) {
    Objects.requireNonNull(contract, "contract");
    return contract.standingEurPerYear() / date.lengthOfYear();
  }
}
