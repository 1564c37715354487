package io.gridlens.simulator;

/** A fault the simulator injected into the delivery of one interval of one meter. */
public enum Fault {
  /** The interval was never delivered. */
  GAP,
  /** The interval was delivered twice with the same value. */
  DUPLICATE,
  /** A wrong (estimated) value was delivered first, the true value one to three days later. */
  CORRECTION,
  /** The meter recorded 20 times the true consumption (at least 200 Wh). */
  SPIKE,
  /** The meter recorded zero during a run of 24 to 48 hours. */
  ZERO_RUN,
  /** The interval's daily batch was delivered 2 to 10 days late. */
  LATE,
  /** The interval's daily batch was delivered in shuffled order. */
  OUT_OF_ORDER,
  /** The meter's cumulative register rolled over to zero during the interval. */
  ROLLOVER;

  /** This fault's bit in a fault word. */
  int bit() {
    return 1 << ordinal();
  }
}
