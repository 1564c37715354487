package io.gridlens.simulator;

import io.gridlens.core.Quality;
import io.gridlens.core.ValueKind;
import java.util.SplittableRandom;

/**
 * Turns a meter's clean series into what it delivers: faults at the spec's rates, daily batches
 * collected the next night, and the ground truth that goes with them.
 *
 * <p>Design note: the truth is "latest delivered value wins". Every path that sends a value that is
 * not final (a correction's first, estimated value) sends the final value strictly later, and
 * duplicates only ever repeat the final value, so folding the delivery stream by delivery order
 * always ends on {@link MeterTruth#finalValue(int)}.
 */
final class FaultInjector {

  /** Gaps: share of short gaps (1-4 intervals); the rest last 6-48 hours. */
  static final double SHORT_GAP_SHARE = 0.8;

  private final FleetSpec spec;
  private final IntervalGrid grid;

  FaultInjector(FleetSpec spec, IntervalGrid grid) {
    this.spec = spec;
    this.grid = grid;
  }

  SimulatedMeter inject(Household h, long[] clean, double[] parts) {
    FaultRates rates = spec.faults();
    SplittableRandom r =
        new SplittableRandom(SplitMix.hash(spec.seed(), SplitMix.FAULTS, h.index()));
    int n = grid.size();
    int len = grid.intervalMinutes();
    long[] recorded = clean.clone();
    short[] faults = new short[n];

    if (r.nextDouble() < rates.zeroRunMeters() && n > 0) {
      int run = Math.min(n, (24 + r.nextInt(25)) * 60 / len);
      int from = r.nextInt(n - run + 1);
      for (int i = from; i < from + run; i++) {
        recorded[i] = 0;
        mark(faults, i, Fault.ZERO_RUN);
      }
    }
    if (rates.spikes() > 0) {
      for (int i = 0; i < n; i++) {
        if (r.nextDouble() < rates.spikes() && (faults[i] & Fault.ZERO_RUN.bit()) == 0) {
          recorded[i] = Math.max(clean[i], 10) * 20;
          mark(faults, i, Fault.SPIKE);
        }
      }
    }
    if (rates.gaps() > 0) {
      injectGaps(r, faults, rates.gaps(), len);
    }

    ValueKind kind =
        r.nextDouble() < rates.registerMeters() ? ValueKind.REGISTER : ValueKind.INTERVAL;
    long[] finalValue = recorded;
    long registerStart = 0;
    if (kind == ValueKind.REGISTER) {
      long total = 0;
      for (long v : recorded) {
        total += v;
      }
      // Start close enough to the maximum that the register rolls over inside the window.
      registerStart =
          MeterTruth.REGISTER_MAX_WH - 1 - (long) (total * (0.2 + 0.6 * r.nextDouble()));
      registerStart = Math.floorMod(registerStart, MeterTruth.REGISTER_MAX_WH);
      finalValue = new long[n];
      long index = registerStart;
      for (int i = 0; i < n; i++) {
        long next = index + recorded[i];
        if (next >= MeterTruth.REGISTER_MAX_WH) {
          mark(faults, i, Fault.ROLLOVER);
        }
        index = next % MeterTruth.REGISTER_MAX_WH;
        finalValue[i] = index;
      }
    }

    MeterDeliveries.Builder out =
        new MeterDeliveries.Builder(h.index(), kind, (int) (n * (1 + 2 * rates.duplicates()) + 16));
    // The head end collects each meter at its own minute between 01:00 and 06:00 the next night.
    int collectMinute =
        60 + (int) Math.floorMod(SplitMix.hash(spec.seed(), SplitMix.DELIVERY, h.index()), 300L);
    MeterDeliveries.Builder later = new MeterDeliveries.Builder(h.index(), kind, 64);
    for (int d = 0; d < grid.days(); d++) {
      int first = grid.dayFirst(d);
      int end = grid.dayFirst(d + 1);
      int dayEndMinute = grid.epochMinute(end - 1) + len;
      int batch = dayEndMinute + collectMinute;
      boolean late = r.nextDouble() < rates.lateBatches();
      if (late) {
        batch += (2 + r.nextInt(9)) * 1440;
      }
      boolean shuffled = r.nextDouble() < rates.outOfOrderBatches();
      int batchStart = out.size();
      for (int i = first; i < end; i++) {
        if (late) {
          mark(faults, i, Fault.LATE);
        }
        if (shuffled) {
          mark(faults, i, Fault.OUT_OF_ORDER);
        }
        if ((faults[i] & Fault.GAP.bit()) != 0) {
          continue;
        }
        long v = finalValue[i];
        if (r.nextDouble() < rates.corrections()) {
          out.add(batch, i, wrongValue(r, kind, v), Quality.ESTIMATED);
          later.add(batch + (1 + r.nextInt(3)) * 1440 + 7, i, v, Quality.ACTUAL);
          mark(faults, i, Fault.CORRECTION);
        } else {
          out.add(batch, i, v, Quality.ACTUAL);
        }
        if (r.nextDouble() < rates.duplicates()) {
          if (r.nextBoolean()) {
            out.add(batch, i, v, Quality.ACTUAL);
          } else {
            later.add(batch + 1440, i, v, Quality.ACTUAL);
          }
          mark(faults, i, Fault.DUPLICATE);
        }
      }
      if (shuffled) {
        for (int k = out.size() - 1; k > batchStart; k--) {
          out.swap(k, batchStart + r.nextInt(k - batchStart + 1));
        }
      }
    }
    MeterDeliveries deferred = later.build();
    for (int k = 0; k < deferred.size; k++) {
      out.add(
          deferred.deliveryMinute[k], deferred.interval[k], deferred.value[k], deferred.quality(k));
    }
    MeterTruth truth =
        new MeterTruth(h, grid, clean, recorded, finalValue, faults, kind, registerStart, parts);
    return new SimulatedMeter(truth, out.build());
  }

  /**
   * Marks gaps so that about {@code rate} of the intervals are missing: gap-free runs are geometric
   * with start probability p, gaps have mean length L, so the missing share is L / (L + 1/p); p is
   * chosen to make that the rate.
   */
  private static void injectGaps(SplittableRandom r, short[] faults, double rate, int len) {
    int longMin = 6 * 60 / len;
    int longMax = 48 * 60 / len;
    double meanLength = SHORT_GAP_SHARE * 2.5 + (1 - SHORT_GAP_SHARE) * (longMin + longMax) / 2.0;
    double p = rate / (meanLength * (1 - rate));
    int n = faults.length;
    int i = 0;
    while (i < n) {
      if (r.nextDouble() < p) {
        int length =
            r.nextDouble() < SHORT_GAP_SHARE
                ? 1 + r.nextInt(4)
                : longMin + r.nextInt(longMax - longMin + 1);
        for (int k = i; k < Math.min(n, i + length); k++) {
          mark(faults, k, Fault.GAP);
        }
        i += length;
      } else {
        i++;
      }
    }
  }

  private static long wrongValue(SplittableRandom r, ValueKind kind, long v) {
    if (kind == ValueKind.REGISTER) {
      return (v + 1 + r.nextInt(1000)) % MeterTruth.REGISTER_MAX_WH;
    }
    long w = Math.round(v * (0.3 + 1.4 * r.nextDouble()));
    return w == v ? v + 1 + r.nextInt(100) : w;
  }

  private static void mark(short[] faults, int i, Fault f) {
    faults[i] |= (short) f.bit();
  }
}
