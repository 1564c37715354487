package io.gridlens.simulator;

import io.gridlens.core.ValueKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

/**
 * The ground truth of one simulated meter: what the household really consumed in every interval
 * (before faults), what the meter recorded, what "latest delivered value wins" must end up with,
 * which intervals were faulted, and the true load components.
 *
 * <p>Three series, interval by interval:
 *
 * <ul>
 *   <li>{@link #cleanWh(int)}: true consumption;
 *   <li>{@link #recordedWh(int)}: what the meter recorded: the clean value, or 0 in a zero run, or
 *       a spike;
 *   <li>{@link #finalValue(int)}: the value of the last reading delivered for the interval: the
 *       recorded energy for interval meters, the register index at the end of the interval for
 *       register meters; absent for gaps.
 * </ul>
 *
 * Immutable; the accessors copy nothing and the arrays never leave.
 */
public final class MeterTruth {

  /** The register of a register meter counts Wh modulo this (a 6-digit kWh register). */
  public static final long REGISTER_MAX_WH = 1_000_000_000L;

  private final Household household;
  private final IntervalGrid grid;
  private final long[] clean;
  private final long[] recorded;
  private final long[] finalValue;
  private final short[] faults;
  private final ValueKind kind;
  private final long registerStartWh;
  private final double[] parts;

  MeterTruth(
      Household household,
      IntervalGrid grid,
      long[] clean,
      long[] recorded,
      long[] finalValue,
      short[] faults,
      ValueKind kind,
      long registerStartWh,
      double[] parts) {
    this.household = household;
    this.grid = grid;
    this.clean = clean;
    this.recorded = recorded;
    this.finalValue = finalValue;
    this.faults = faults;
    this.kind = kind;
    this.registerStartWh = registerStartWh;
    this.parts = parts;
  }

  public Household household() {
    return household;
  }

  public IntervalGrid grid() {
    return grid;
  }

  /** Interval energy or cumulative register index: how this meter's readings are to be read. */
  public ValueKind kind() {
    return kind;
  }

  /** For a register meter, the index before the first interval; 0 for an interval meter. */
  public long registerStartWh() {
    return registerStartWh;
  }

  /** True consumption of interval {@code i} in Wh. */
  public long cleanWh(int i) {
    return clean[i];
  }

  /**
   * True consumption of the interval starting at an instant.
   *
   * @throws IllegalArgumentException when no interval of the window starts then
   */
  public long cleanWh(Instant intervalStart) {
    int i = grid.indexOf(intervalStart);
    if (i < 0) {
      throw new IllegalArgumentException(
          "no interval of the simulated window starts at " + intervalStart);
    }
    return clean[i];
  }

  /** What the meter recorded for interval {@code i} in Wh: clean, zero (zero run) or a spike. */
  public long recordedWh(int i) {
    return recorded[i];
  }

  /** Whether any reading of interval {@code i} was delivered (false for gaps). */
  public boolean delivered(int i) {
    return (faults[i] & Fault.GAP.bit()) == 0;
  }

  /**
   * The value latest-delivered-wins must give for interval {@code i}, in the meter's {@link
   * #kind()}.
   *
   * @throws IllegalStateException when the interval is a gap
   */
  public long finalValue(int i) {
    if (!delivered(i)) {
      throw new IllegalStateException("interval " + i + " of " + household.meterId() + " is a gap");
    }
    return finalValue[i];
  }

  /** Whether a fault was injected in interval {@code i}. */
  public boolean has(int i, Fault f) {
    return (faults[i] & f.bit()) != 0;
  }

  /** The faults injected in interval {@code i}. */
  public Set<Fault> faults(int i) {
    EnumSet<Fault> s = EnumSet.noneOf(Fault.class);
    for (Fault f : Fault.values()) {
      if (has(i, f)) {
        s.add(f);
      }
    }
    return s;
  }

  /** Number of intervals with a fault. */
  public int count(Fault f) {
    int n = 0;
    for (short w : faults) {
      if ((w & f.bit()) != 0) {
        n++;
      }
    }
    return n;
  }

  /** True consumption of every local day of the window, in Wh. */
  public long[] dailyCleanWh() {
    long[] days = new long[grid.days()];
    for (int d = 0; d < days.length; d++) {
      long sum = 0;
      for (int i = grid.dayFirst(d); i < grid.dayFirst(d + 1); i++) {
        sum += clean[i];
      }
      days[d] = sum;
    }
    return days;
  }

  /** True consumption of one local day of the window, in Wh. */
  public long dailyCleanWh(LocalDate date) {
    int d = (int) (date.toEpochDay() - grid.date(0).toEpochDay());
    if (d < 0 || d >= grid.days()) {
      throw new IllegalArgumentException(
          date
              + " is outside the simulated window "
              + grid.date(0)
              + " + "
              + grid.days()
              + " days");
    }
    return dailyCleanWh()[d];
  }

  /** True consumption over the whole window, in Wh. */
  public long totalCleanWh() {
    long sum = 0;
    for (long v : clean) {
      sum += v;
    }
    return sum;
  }

  /** The household's true always-on power in W. */
  public double alwaysOnW() {
    return household.alwaysOnW();
  }

  /** Share of the window's consumption that went to heating, in [0, 1]. */
  public double heatingShare() {
    return share(HouseholdLoad.HEATING);
  }

  /** Share of the window's consumption that went to cooling, in [0, 1]. */
  public double coolingShare() {
    return share(HouseholdLoad.COOLING);
  }

  private double share(int part) {
    double total = 0;
    for (double p : parts) {
      total += p;
    }
    return total == 0 ? 0 : parts[part] / total;
  }
}
