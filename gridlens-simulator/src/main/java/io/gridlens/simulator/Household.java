package io.gridlens.simulator;

import io.gridlens.core.reference.DwellingType;
import io.gridlens.core.reference.HeatingEnergy;
import io.gridlens.core.reference.TariffKind;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * One synthetic household behind one meter: what it is (region, dwelling, area, heating, occupants,
 * contract) and the hidden parameters of its load, a pure function of (seed, meter index).
 *
 * @param index the meter index in the fleet
 * @param meterId the meter id ({@link FleetSpec#meterId(int)})
 * @param alwaysOnW true always-on (base) power in W: fridge, standby, network, ventilation
 * @param activityW mean power of occupant activity (cooking, lighting, appliances) in W
 * @param heatLossWPerK heat demand of the dwelling per K below the balance point, in W (thermal)
 * @param balancePointC outdoor temperature below which the dwelling needs heating
 * @param coolingWPerK electrical power of air conditioning per K above the cooling set point, in W;
 *     0 without air conditioning
 * @param coolingSetPointC outdoor temperature above which air conditioning runs
 * @param waterHeaterW power of an electric storage water heater that switches on at 22:00, in W; 0
 *     without one
 * @param peakShiftMinutes how much earlier (negative) or later than typical the household's morning
 *     and evening peaks are
 * @param daytimeSetback whether the heating is turned down on weekdays while the home is empty
 * @param tariff the tariff of the contract
 * @param kva subscribed power in kVA
 */
public record Household(
    int index,
    String meterId,
    Region region,
    DwellingType dwelling,
    double floorAreaM2,
    HeatingEnergy heating,
    int occupants,
    double alwaysOnW,
    double activityW,
    double heatLossWPerK,
    double balancePointC,
    double coolingWPerK,
    double coolingSetPointC,
    double waterHeaterW,
    int peakShiftMinutes,
    boolean daytimeSetback,
    TariffKind tariff,
    int kva) {

  /** Subscribed powers on offer, in kVA. */
  static final int[] KVA_STEPS = {6, 9, 12, 15, 18, 24, 30, 36};

  public Household {
    Objects.requireNonNull(meterId, "meterId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(dwelling, "dwelling");
    Objects.requireNonNull(heating, "heating");
    Objects.requireNonNull(tariff, "tariff");
    if (!(alwaysOnW >= 0)) {
      throw new IllegalArgumentException("alwaysOnW must be >= 0, was " + alwaysOnW);
    }
  }

  /** Whether the household heats with electricity (direct electric or heat pump). */
  public boolean electricHeating() {
    return heating == HeatingEnergy.ELECTRIC || heating == HeatingEnergy.HEAT_PUMP;
  }

  /** The household behind meter {@code index} of a fleet with this seed. */
  static Household generate(long seed, int index) {
    SplittableRandom r = new SplittableRandom(SplitMix.hash(seed, SplitMix.HOUSEHOLD, index));
    Region region = pickRegion(r.nextDouble());
    DwellingType dwelling =
        r.nextDouble() < region.apartmentShare() ? DwellingType.APARTMENT : DwellingType.HOUSE;
    boolean flat = dwelling == DwellingType.APARTMENT;
    double area = flat ? 25 + 75 * triangular(r) : 65 + 105 * triangular(r); // 25-100 m², 65-170 m²
    area = Math.round(area);
    HeatingEnergy heating = pickHeating(r.nextDouble(), flat);
    int occupants = pickOccupants(r.nextDouble(), flat, area);

    double alwaysOn = (70 + 0.55 * area + 15 * occupants) * Math.exp(0.3 * gaussian(r));
    alwaysOn = clamp(alwaysOn, 50, 400);
    double activityKwhPerDay = (2.1 + 1.25 * occupants) * Math.exp(0.2 * gaussian(r));
    double activity = activityKwhPerDay * 1000 / 24;

    // Specific heat loss W/K per m²: electric-heated homes in France are mostly newer and better
    // insulated than the stock; flats lose less (shared walls).
    double specific = (flat ? 0.85 : 1.15) + (flat ? 0.45 : 0.55) * r.nextDouble();
    if (heating == HeatingEnergy.ELECTRIC || heating == HeatingEnergy.HEAT_PUMP) {
      specific *= 0.8;
    }
    double heatLoss = specific * area;
    double balance = 15 + 2 * r.nextDouble();

    boolean ac = r.nextDouble() < region.airConditioningShare();
    double coolingPerK = ac ? area * (0.5 + 0.4 * r.nextDouble()) / 3.0 : 0;
    double coolingSetPoint = 24 + 2 * r.nextDouble();

    double waterShare =
        switch (heating) {
          case ELECTRIC -> 0.9;
          case HEAT_PUMP -> 0.7;
          case OTHER -> 0.6;
          case GAS -> 0.1;
        };
    double waterHeater = r.nextDouble() < waterShare ? 1800 + 100 * r.nextInt(13) : 0;
    int peakShift = r.nextInt(-45, 46);
    boolean setback = r.nextDouble() < 0.5;

    double t = r.nextDouble();
    TariffKind tariff;
    if (waterHeater > 0) {
      tariff = t < 0.75 ? TariffKind.HPHC : t < 0.85 ? TariffKind.TEMPO : TariffKind.BASE;
    } else {
      tariff = t < 0.2 ? TariffKind.HPHC : t < 0.25 ? TariffKind.TEMPO : TariffKind.BASE;
    }
    double designHeatW =
        switch (heating) {
          case ELECTRIC -> heatLoss * (balance + 5);
          case HEAT_PUMP -> heatLoss * (balance + 5) / 2.0;
          default -> 0;
        };
    double peakW = alwaysOn + 3000 + waterHeater * 0.5 + designHeatW + coolingPerK * 10;
    int kva = KVA_STEPS[KVA_STEPS.length - 1];
    for (int step : KVA_STEPS) {
      if (step * 1000 >= peakW) {
        kva = step;
        break;
      }
    }
    return new Household(
        index,
        FleetSpec.meterId(index),
        region,
        dwelling,
        area,
        heating,
        occupants,
        round1(alwaysOn),
        round1(activity),
        round1(heatLoss),
        round1(balance),
        round1(coolingPerK),
        round1(coolingSetPoint),
        waterHeater,
        peakShift,
        setback,
        tariff,
        kva);
  }

  private static Region pickRegion(double u) {
    double acc = 0;
    for (Region region : Region.values()) {
      acc += region.share();
      if (u < acc) {
        return region;
      }
    }
    return Region.FR_IDF;
  }

  private static HeatingEnergy pickHeating(double u, boolean flat) {
    // Roughly the French housing stock: electric ~35 %, heat pumps growing, gas ~35 %.
    if (flat) {
      return u < 0.40
          ? HeatingEnergy.ELECTRIC
          : u < 0.45 ? HeatingEnergy.HEAT_PUMP : u < 0.85 ? HeatingEnergy.GAS : HeatingEnergy.OTHER;
    }
    return u < 0.32
        ? HeatingEnergy.ELECTRIC
        : u < 0.52 ? HeatingEnergy.HEAT_PUMP : u < 0.80 ? HeatingEnergy.GAS : HeatingEnergy.OTHER;
  }

  private static int pickOccupants(double u, boolean flat, double area) {
    double[] weights =
        flat
            ? new double[] {0.42, 0.32, 0.13, 0.10, 0.03}
            : new double[] {0.2, 0.34, 0.18, 0.19, 0.09};
    double acc = 0;
    int n = 5;
    for (int i = 0; i < weights.length; i++) {
      acc += weights[i];
      if (u < acc) {
        n = i + 1;
        break;
      }
    }
    // Five people do not live in 30 m².
    return (int) Math.max(1, Math.min(n, Math.floor(area / 18)));
  }

  private static double triangular(SplittableRandom r) {
    return (r.nextDouble() + r.nextDouble()) / 2;
  }

  private static double gaussian(SplittableRandom r) {
    return SplitMix.gaussian(r.nextLong());
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
