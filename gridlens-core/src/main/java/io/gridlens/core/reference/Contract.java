package io.gridlens.core.reference;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The supply contract in force for a meter during a validity: tariff, subscribed power, off-peak
 * hours and prices. A price change is a new version of the contract.
 *
 * @param kva subscribed apparent power in kVA (implausible-power threshold), positive
 * @param offPeak off-peak windows in local time (HPHC and TEMPO; empty for BASE)
 * @param pricesEurPerKwh energy price per period, tax included, one for every period of the tariff
 * @param standingEurPerYear standing charge per year, tax included (prorated per day)
 */
public record Contract(
    String meterId,
    String tenant,
    Validity validity,
    TariffKind tariff,
    double kva,
    List<TimeWindow> offPeak,
    Map<Period, Double> pricesEurPerKwh,
    double standingEurPerYear)
    implements EffectiveDated, java.io.Serializable {

  public Contract {
    Ids.check("meter id", meterId);
    Ids.check("tenant", tenant);
    Objects.requireNonNull(validity, "validity");
    Objects.requireNonNull(tariff, "tariff");
    if (!(kva > 0 && kva <= 1000)) {
      throw new IllegalArgumentException("kva must be in (0, 1000], was " + kva);
    }
    offPeak = List.copyOf(offPeak);
    if (tariff != TariffKind.BASE && offPeak.isEmpty()) {
      throw new IllegalArgumentException(
          "a " + tariff + " contract needs off-peak hours, e.g. [\"22:00-06:00\"]");
    }
    Map<Period, Double> prices = new EnumMap<>(Period.class);
    prices.putAll(pricesEurPerKwh);
    for (Period p : tariff.periods()) {
      Double price = prices.get(p);
      if (price == null) {
        throw new IllegalArgumentException(
            "a " + tariff + " contract needs a price for " + p + "; it needs " + tariff.periods());
      }
      if (!(price >= 0 && price < 100)) {
        throw new IllegalArgumentException(
            "price of " + p + " must be in [0, 100) EUR/kWh, was " + price);
      }
    }
    for (Period p : prices.keySet()) {
      if (!tariff.periods().contains(p)) {
        throw new IllegalArgumentException(
            "a "
                + tariff
                + " contract has no period "
                + p
                + "; its periods are "
                + tariff.periods());
      }
    }
    pricesEurPerKwh = Map.copyOf(prices);
    if (!(standingEurPerYear >= 0 && standingEurPerYear < 1_000_000)) {
      throw new IllegalArgumentException(
          "standingEurPerYear must be in [0, 1000000), was " + standingEurPerYear);
    }
  }

  /** The price of a period in EUR per kWh. */
  public double price(Period p) {
    Double price = pricesEurPerKwh.get(p);
    if (price == null) {
      throw new IllegalArgumentException("contract " + meterId + " has no price for " + p);
    }
    return price;
  }
}
