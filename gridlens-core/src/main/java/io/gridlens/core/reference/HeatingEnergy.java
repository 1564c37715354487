package io.gridlens.core.reference;

/** The main heating energy of a premise. */
public enum HeatingEnergy {
  ELECTRIC,
  HEAT_PUMP,
  GAS,
  OTHER
}
