package io.gridlens.core.testkit;

import io.gridlens.core.DayContext;
import io.gridlens.core.MeterDay;
import io.gridlens.core.reference.CarbonIntensity;
import io.gridlens.core.reference.Contract;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.reference.Period;
import io.gridlens.core.reference.TariffKind;
import io.gridlens.core.reference.TempoCalendar;
import io.gridlens.core.reference.TimeWindow;
import io.gridlens.core.reference.Validity;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Meters, contracts and day contexts for tests, with French 2025-style prices (tax included).
 *
 * <p>Contracts are valid for ever; tenant {@code t1}; 6 kVA.
 */
public final class TestTariffs {

  /** The tenant of the examples. */
  public static final String TENANT = "t1";

  /** Off-peak hours of most examples. */
  public static final List<String> NIGHT = List.of("22:00-06:00");

  /** HPHC peak price, EUR/kWh. */
  public static final double HP = 0.2081;

  /** HPHC off-peak price, EUR/kWh. */
  public static final double HC = 0.1635;

  /** Tempo prices, EUR/kWh. */
  public static final Map<Period, Double> TEMPO_PRICES =
      Map.of(
          Period.BLUE_HC, 0.1288,
          Period.BLUE_HP, 0.1552,
          Period.WHITE_HC, 0.1447,
          Period.WHITE_HP, 0.1792,
          Period.RED_HC, 0.1518,
          Period.RED_HP, 0.6586);

  private TestTariffs() {}

  /** A meter of tenant {@link #TENANT}. */
  public static Meter meter(String id, ZoneId zone, int intervalMinutes) {
    return new Meter(id, TENANT, "P-" + id, "C-" + id, zone, intervalMinutes);
  }

  /** A BASE contract. */
  public static Contract base(String meterId, double eurPerKwh, double standingEurPerYear) {
    return new Contract(
        meterId,
        TENANT,
        Validity.ALWAYS,
        TariffKind.BASE,
        6,
        List.of(),
        Map.of(Period.BASE, eurPerKwh),
        standingEurPerYear);
  }

  /** An HPHC contract with off-peak windows written {@code HH:MM-HH:MM}. */
  public static Contract hphc(
      String meterId, List<String> offPeak, double hp, double hc, double standingEurPerYear) {
    return new Contract(
        meterId,
        TENANT,
        Validity.ALWAYS,
        TariffKind.HPHC,
        6,
        windows(offPeak),
        Map.of(Period.HP, hp, Period.HC, hc),
        standingEurPerYear);
  }

  /** A TEMPO contract with off-peak windows written {@code HH:MM-HH:MM}. */
  public static Contract tempo(
      String meterId, List<String> offPeak, Map<Period, Double> prices, double standingEurPerYear) {
    return new Contract(
        meterId,
        TENANT,
        Validity.ALWAYS,
        TariffKind.TEMPO,
        6,
        windows(offPeak),
        prices,
        standingEurPerYear);
  }

  /** Parsed off-peak windows. */
  public static List<TimeWindow> windows(List<String> texts) {
    return texts.stream().map(TimeWindow::parse).toList();
  }

  /**
   * The context of a built day: its meter, a contract (or null), Tempo colours, carbon (or null).
   */
  public static DayContext context(
      MeterDay day, Contract contract, TempoCalendar tempo, CarbonIntensity carbon) {
    return new DayContext(
        meter(day.meterId(), day.zone(), day.intervalMinutes()),
        null,
        contract,
        tempo == null ? TempoCalendar.ALL_BLUE : tempo,
        carbon);
  }

  /** The context of a built day with a contract and no carbon figure. */
  public static DayContext context(MeterDay day, Contract contract) {
    return context(day, contract, TempoCalendar.ALL_BLUE, null);
  }
}
