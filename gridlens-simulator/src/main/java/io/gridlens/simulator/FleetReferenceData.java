package io.gridlens.simulator;

import io.gridlens.core.reference.CarbonIntensity;
import io.gridlens.core.reference.Contract;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.reference.Period;
import io.gridlens.core.reference.Premise;
import io.gridlens.core.reference.TariffKind;
import io.gridlens.core.reference.TimeWindow;
import io.gridlens.core.reference.Validity;
import io.gridlens.core.reference.Weather;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference data of a simulated fleet: a meter, premise and contract per household, daily
 * weather and hourly carbon intensity per region over the window, and the Tempo calendar.
 */
final class FleetReferenceData {

  /** Off-peak hours of every HP/HC and Tempo contract of the fleet. */
  static final TimeWindow OFF_PEAK = TimeWindow.parse("22:00-06:00");

  private FleetReferenceData() {}

  static InMemoryReferenceData build(Fleet fleet) {
    FleetSpec spec = fleet.spec();
    InMemoryReferenceData.Builder b = InMemoryReferenceData.builder();
    for (int i = 0; i < spec.meters(); i++) {
      Household h = fleet.household(i);
      b.meter(meter(spec, h)).premise(premise(spec, h)).contract(contract(spec, h));
    }
    for (Region r : Region.values()) {
      Map<LocalDate, Double> daily = new HashMap<>();
      for (LocalDate d = spec.start(); d.isBefore(spec.end()); d = d.plusDays(1)) {
        daily.put(d, Math.round(fleet.weather().dailyMeanC(r, d, spec.zone()) * 100) / 100.0);
      }
      b.weather(new Weather(r.code(), daily));
      b.carbon(carbon(spec, r));
    }
    b.tempo(
        TempoDays.calendar(spec.seed(), fleet.weather(), spec.zone(), spec.start(), spec.end()));
    return b.build();
  }

  static Meter meter(FleetSpec spec, Household h) {
    return new Meter(
        h.meterId(),
        spec.tenant(),
        "P" + h.meterId(),
        "C" + h.meterId(),
        spec.zone(),
        spec.intervalMinutes());
  }

  static Premise premise(FleetSpec spec, Household h) {
    return new Premise(
        "P" + h.meterId(),
        spec.tenant(),
        spec.zone(),
        h.region().code(),
        h.dwelling(),
        h.floorAreaM2(),
        h.heating(),
        h.occupants(),
        Validity.ALWAYS);
  }

  /** The contract of a household; prices are the French regulated tariffs of 2025, rounded. */
  static Contract contract(FleetSpec spec, Household h) {
    Map<Period, Double> prices = new EnumMap<>(Period.class);
    List<TimeWindow> offPeak = List.of(OFF_PEAK);
    switch (h.tariff()) {
      case BASE -> {
        prices.put(Period.BASE, 0.2016);
        offPeak = List.of();
      }
      case HPHC -> {
        prices.put(Period.HP, 0.2146);
        prices.put(Period.HC, 0.1696);
      }
      case TEMPO -> {
        prices.put(Period.BLUE_HC, 0.1288);
        prices.put(Period.BLUE_HP, 0.1552);
        prices.put(Period.WHITE_HC, 0.1447);
        prices.put(Period.WHITE_HP, 0.1792);
        prices.put(Period.RED_HC, 0.1518);
        prices.put(Period.RED_HP, 0.6586);
      }
    }
    double standing = 95 + 10 * h.kva() + (h.tariff() == TariffKind.BASE ? 0 : 5);
    return new Contract(
        h.meterId(),
        spec.tenant(),
        Validity.ALWAYS,
        h.tariff(),
        h.kva(),
        offPeak,
        prices,
        standing);
  }

  /**
   * Hourly carbon intensity of a region over the window: the region's mean, higher in winter and at
   * the evening peak, lower at summer midday (solar), with 10 % hourly noise.
   */
  static CarbonIntensity carbon(FleetSpec spec, Region r) {
    long from = spec.start().atStartOfDay(spec.zone()).toEpochSecond() / 3600;
    long to = spec.end().atStartOfDay(spec.zone()).toEpochSecond() / 3600;
    Map<Instant, Double> hourly = new HashMap<>();
    for (long hour = from; hour < to; hour++) {
      long epochDay = Math.floorDiv(hour, 24);
      double season = IntervalGrid.season(epochDay);
      int localHour = Math.floorMod(hour + 1, 24);
      double evening = localHour >= 17 && localHour < 21 ? 0.3 : 0;
      double solar = localHour >= 11 && localHour < 16 ? -0.15 * (1 - season) : 0;
      double noise =
          0.1 * SplitMix.gaussian(SplitMix.hash(spec.seed(), SplitMix.CARBON, r.ordinal(), hour));
      double g = r.carbonBaseGPerKwh() * (1 + 0.35 * season + evening + solar + noise);
      hourly.put(Instant.ofEpochSecond(hour * 3600), Math.round(Math.max(5, g) * 10) / 10.0);
    }
    return CarbonIntensity.hourly(r.code(), hourly, r.carbonBaseGPerKwh());
  }
}
