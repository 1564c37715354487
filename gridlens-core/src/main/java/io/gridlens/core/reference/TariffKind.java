package io.gridlens.core.reference;

import java.util.List;
import java.util.Locale;

/** The structure of a tariff: which periods its prices are for. */
public enum TariffKind {
  /** One price at all hours. */
  BASE(List.of(Period.BASE)),
  /** Peak / off-peak ("heures pleines / heures creuses"), off-peak hours set by the contract. */
  HPHC(List.of(Period.HP, Period.HC)),
  /**
   * Tempo: a day colour (blue, white, red) times peak / off-peak; a Tempo day runs 06:00 to 06:00.
   */
  TEMPO(
      List.of(
          Period.BLUE_HP,
          Period.BLUE_HC,
          Period.WHITE_HP,
          Period.WHITE_HC,
          Period.RED_HP,
          Period.RED_HC));

  private final List<Period> periods;

  TariffKind(List<Period> periods) {
    this.periods = periods;
  }

  /** The periods a contract of this kind must price. */
  public List<Period> periods() {
    return periods;
  }

  /** Parses a tariff name ({@code BASE}, {@code HPHC}, {@code TEMPO}), case-insensitively. */
  public static TariffKind parse(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT).replace("-", "").replace("/", ""));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("unknown tariff '" + name + "'; known: BASE, HPHC, TEMPO");
    }
  }
}
