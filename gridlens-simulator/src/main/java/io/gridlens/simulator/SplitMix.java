package io.gridlens.simulator;

/**
 * A counter-based random source: the SplitMix64 finaliser applied to a key, so that a draw is a
 * pure function of (seed, meter, interval, purpose) and any meter or interval can be simulated
 * alone.
 */
final class SplitMix {

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  /** Purposes of draws, so that draws for different things do not correlate. */
  static final long HOUSEHOLD = 1;

  static final long NOISE = 2;
  static final long WATER = 3;
  static final long WEATHER = 4;
  static final long FAULTS = 5;
  static final long CARBON = 6;
  static final long TEMPO = 7;
  static final long DELIVERY = 8;

  private SplitMix() {}

  /** The SplitMix64 finaliser: a bijection of longs that scatters every input bit. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static long hash(long a, long b) {
    return mix(mix(a + GOLDEN) + b * GOLDEN);
  }

  static long hash(long a, long b, long c) {
    return mix(hash(a, b) + c * GOLDEN);
  }

  static long hash(long a, long b, long c, long d) {
    return mix(hash(a, b, c) + d * GOLDEN);
  }

  /** A uniform double in [0, 1) from the top 53 bits of a hash. */
  static double unit(long h) {
    return (h >>> 11) * 0x1.0p-53;
  }

  /**
   * An approximately standard normal draw from one hash: the Irwin-Hall sum of its four 16-bit
   * quarters, centred and scaled to variance 1 (range about ±3.46).
   */
  static double gaussian(long h) {
    double s = (h & 0xFFFF) + ((h >>> 16) & 0xFFFF) + ((h >>> 32) & 0xFFFF) + ((h >>> 48) & 0xFFFF);
    // Each quarter is uniform on [0, 65535]: mean 32767.5, variance ~65536^2 / 12; four of them
    // have variance 65536^2 / 3, so the standard deviation is 65536 / sqrt(3).
    return (s - 4 * 32767.5) * (1.7320508075688772 / 65536.0);
  }
}
