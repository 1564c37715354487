package io.gridlens.core;

/** Direction of the energy a meter measures: consumed from the grid or produced into it. */
public enum Channel {
  /** Energy taken from the grid (consumption). */
  IMPORT,
  /** Energy fed into the grid (production of a solar home). */
  EXPORT
}
