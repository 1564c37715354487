package io.gridlens.simulator;

/**
 * How often the simulator spoils the data it delivers: each rate is a probability in [0, 1].
 *
 * @param gaps share of intervals never delivered (gaps of 1-4 intervals and of 6-48 hours)
 * @param duplicates share of delivered intervals sent twice with the same value
 * @param corrections share of delivered intervals first sent with a wrong, estimated value, then
 *     corrected by the true value one to three days later
 * @param spikes share of intervals whose value is 20 times the true consumption
 * @param zeroRunMeters share of meters that report one run of 24-48 hours of zeros
 * @param lateBatches share of daily batches delivered 2-10 days late
 * @param outOfOrderBatches share of daily batches delivered in shuffled order
 * @param registerMeters share of meters sending cumulative register indexes that start near the
 *     register maximum, so that they roll over
 */
public record FaultRates(
    double gaps,
    double duplicates,
    double corrections,
    double spikes,
    double zeroRunMeters,
    double lateBatches,
    double outOfOrderBatches,
    double registerMeters) {

  /** The default rates: 1 % each. */
  public static final FaultRates DEFAULT =
      new FaultRates(0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01);

  /** Clean delivery: no faults at all, every meter sends interval energy. */
  public static final FaultRates NONE = new FaultRates(0, 0, 0, 0, 0, 0, 0, 0);

  public FaultRates {
    check("gaps", gaps);
    check("duplicates", duplicates);
    check("corrections", corrections);
    check("spikes", spikes);
    check("zeroRunMeters", zeroRunMeters);
    check("lateBatches", lateBatches);
    check("outOfOrderBatches", outOfOrderBatches);
    check("registerMeters", registerMeters);
    if (gaps > 0.5) {
      throw new IllegalArgumentException(
          "gaps must be at most 0.5 (half the intervals missing), was " + gaps);
    }
  }

  /** The same rate for every fault. */
  public static FaultRates all(double rate) {
    return new FaultRates(rate, rate, rate, rate, rate, rate, rate, rate);
  }

  private static void check(String name, double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(
          "fault rate " + name + " must be a probability in [0, 1], was " + rate);
    }
  }
}
