package io.gridlens.core.reference;

/** The colour of a Tempo day, announced the day before; red days are the dearest. */
public enum TempoColour {
  BLUE,
  WHITE,
  RED
}
