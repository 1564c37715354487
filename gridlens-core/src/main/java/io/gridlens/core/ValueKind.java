package io.gridlens.core;

/**
 * How a reading's value is to be read.
 *
 * <p>A {@link #REGISTER} value is the meter's cumulative index in Wh at the END of the reading's
 * interval; the energy of an interval is the difference between consecutive indexes, which VEE
 * computes (with rollover and reset detection).
 */
public enum ValueKind {
  /** Energy in Wh measured over the interval. */
  INTERVAL,
  /** Cumulative register index in Wh at the end of the interval. */
  REGISTER
}
