package io.gridlens.core;

import java.util.EnumSet;
import java.util.Set;

/**
 * A finding of validation (DESIGN.md section 10), attached to one interval as a bit of an {@code
 * int}.
 *
 * <p>Bits are stable (they are persisted); never renumber, only add.
 */
public enum Flag {
  /** Another reading for the same interval with the same value was received (dropped). */
  DUPLICATE(0),
  /** Another reading for the same interval with another value was received (latest ingest wins). */
  CORRECTED(1),
  /** A negative energy value (rejected; the interval is estimated or missing). */
  NEGATIVE(2),
  /** More than k times the 3rd-highest interval of its 24 h window (rejected). */
  SPIKE(3),
  /** Average power above the contract's subscribed kVA (rejected). */
  IMPLAUSIBLE_POWER(4),
  /** Part of a run of zeros of 24 h or more (kept: vacancy or meter fault). */
  ZERO_RUN(5),
  /** No value received for the interval. */
  GAP(6),
  /** A cumulative register wrapped around its maximum (energy computed across the wrap). */
  ROLLOVER(7),
  /** A cumulative register went backwards: meter reset or replacement (interval left missing). */
  RESET(8),
  /** Interval starts after the ingest clock (rejected at the edge). */
  FUTURE(9),
  /** Interval start not aligned to its length (rejected at the edge). */
  UNALIGNED(10),
  /** Meter not known to the reference data (rejected at the edge). */
  UNKNOWN_METER(11),
  /** Interval length differs from the meter's reading interval (rejected at the edge). */
  INTERVAL_LENGTH(12);

  private final int mask;

  Flag(int bit) {
    this.mask = 1 << bit;
  }

  /** The bit of this flag in a flag word. */
  public int mask() {
    return mask;
  }

  /** Whether a flag word holds this flag. */
  public boolean in(int flags) {
    return (flags & mask) != 0;
  }

  /** The flags of a flag word. */
  public static Set<Flag> decode(int flags) {
    EnumSet<Flag> set = EnumSet.noneOf(Flag.class);
    for (Flag f : values()) {
      if (f.in(flags)) {
        set.add(f);
      }
    }
    return set;
  }

  /** The flag word of some flags. */
  public static int encode(Set<Flag> flags) {
    int word = 0;
    for (Flag f : flags) {
      word |= f.mask;
    }
    return word;
  }
}
