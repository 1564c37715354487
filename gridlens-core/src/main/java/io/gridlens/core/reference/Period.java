package io.gridlens.core.reference;

/** A tariff period: the unit of the time-of-use split and of prices. */
public enum Period {
  BASE,
  HP,
  HC,
  BLUE_HP,
  BLUE_HC,
  WHITE_HP,
  WHITE_HC,
  RED_HP,
  RED_HC;

  /** Whether the period is an off-peak one. */
  public boolean offPeak() {
    return this == HC || this == BLUE_HC || this == WHITE_HC || this == RED_HC;
  }

  /** The Tempo period of a day colour, peak or off-peak. */
  public static Period tempo(TempoColour colour, boolean offPeak) {
    return switch (colour) {
      case BLUE -> offPeak ? BLUE_HC : BLUE_HP;
      case WHITE -> offPeak ? WHITE_HC : WHITE_HP;
      case RED -> offPeak ? RED_HC : RED_HP;
    };
  }
}
