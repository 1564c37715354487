package io.gridlens.core.vee;

import java.time.Duration;
import java.util.Objects;

/**
 * The thresholds of data hygiene (DESIGN.md section 10): validation at the edge and in {@link
 * Vee#clean}, and estimation of gaps. One instance serves batch and speed alike, so both clean a
 * day identically.
 *
 * @param spikeFactor k: an interval above k × the {@code spikeRank}-th highest interval of its day
 *     is a spike; default 5, must be above 1
 * @param spikeRank which highest interval of the day is the reference of the spike test; default 3
 *     (so up to two spikes in a day do not hide each other), in 1..20
 * @param zeroRunMinutes a run of zeros at least this long, inside one local day, is flagged
 *     ZERO_RUN; default 1440 (24 h), in 1..1500 (the longest local day)
 * @param maxInterpolationMinutes gaps up to this long, bounded by values on both sides, are
 *     linearly interpolated; default 120 (2 h), in 0..1440 (0 turns interpolation off)
 * @param profileWeeks longer gaps are estimated from the same weekday of up to this many previous
 *     weeks; default 4, in 0..52 (0 turns profile estimation off)
 * @param registerMaxWh the value at which a cumulative register wraps back to 0 (it counts 0 ..
 *     registerMaxWh − 1); default 10^9 Wh (a 9-digit Wh register), positive
 * @param rolloverWindow a register that goes backwards is a rollover when the energy across the
 *     wrap ({@code registerMaxWh − previous + current}) is at most this fraction of {@code
 *     registerMaxWh}, else a reset; default 0.01, in (0, 1)
 * @param futureTolerance an interval may end this much after the ingest clock (clock skew) before
 *     it is FUTURE; default 5 minutes, in 0..24 h
 */
public record VeeConfig(
    double spikeFactor,
    int spikeRank,
    int zeroRunMinutes,
    int maxInterpolationMinutes,
    int profileWeeks,
    long registerMaxWh,
    double rolloverWindow,
    Duration futureTolerance)
    implements java.io.Serializable {

  /** The defaults of DESIGN.md section 10. */
  public static final VeeConfig DEFAULTS =
      new VeeConfig(5.0, 3, 24 * 60, 120, 4, 1_000_000_000L, 0.01, Duration.ofMinutes(5));

  public VeeConfig {
    if (!(spikeFactor > 1 && spikeFactor < 1e6)) {
      throw new IllegalArgumentException(
          "spikeFactor must be above 1 and below 1000000 (default 5), was " + spikeFactor);
    }
    if (spikeRank < 1 || spikeRank > 20) {
      throw new IllegalArgumentException(
          "spikeRank must be in 1..20 (default 3, the 3rd-highest interval), was " + spikeRank);
    }
    if (zeroRunMinutes < 1 || zeroRunMinutes > 1500) {
      throw new IllegalArgumentException(
          "zeroRunMinutes must be in 1..1500 (the longest local day; default 1440), was "
              + zeroRunMinutes);
    }
    if (maxInterpolationMinutes < 0 || maxInterpolationMinutes > 1440) {
      throw new IllegalArgumentException(
          "maxInterpolationMinutes must be in 0..1440 (0 = off; default 120), was "
              + maxInterpolationMinutes);
    }
    if (profileWeeks < 0 || profileWeeks > 52) {
      throw new IllegalArgumentException(
          "profileWeeks must be in 0..52 (0 = off; default 4), was " + profileWeeks);
    }
    if (registerMaxWh <= 0) {
      throw new IllegalArgumentException(
          "registerMaxWh must be positive (default 1000000000 for a 9-digit Wh register), was "
              + registerMaxWh);
    }
    if (!(rolloverWindow > 0 && rolloverWindow < 1)) {
      throw new IllegalArgumentException(
          "rolloverWindow must be a fraction in (0, 1) of registerMaxWh (default 0.01), was "
              + rolloverWindow);
    }
    Objects.requireNonNull(futureTolerance, "futureTolerance (default PT5M)");
    if (futureTolerance.isNegative() || futureTolerance.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException(
          "futureTolerance must be in 0..PT24H (default PT5M), was " + futureTolerance);
    }
  }

  /** The default configuration. */
  public static VeeConfig defaults() {
    return DEFAULTS;
  }

  /** This configuration with another spike factor k. */
  public VeeConfig withSpikeFactor(double k) {
    return new VeeConfig(
        k,
        spikeRank,
        zeroRunMinutes,
        maxInterpolationMinutes,
        profileWeeks,
        registerMaxWh,
        rolloverWindow,
        futureTolerance);
  }

  /** This configuration with another register maximum. */
  public VeeConfig withRegisterMaxWh(long max) {
    return new VeeConfig(
        spikeFactor,
        spikeRank,
        zeroRunMinutes,
        maxInterpolationMinutes,
        profileWeeks,
        max,
        rolloverWindow,
        futureTolerance);
  }

  /** This configuration with another longest interpolated gap. */
  public VeeConfig withMaxInterpolationMinutes(int minutes) {
    return new VeeConfig(
        spikeFactor,
        spikeRank,
        zeroRunMinutes,
        minutes,
        profileWeeks,
        registerMaxWh,
        rolloverWindow,
        futureTolerance);
  }

  /** This configuration with another future tolerance. */
  public VeeConfig withFutureTolerance(Duration tolerance) {
    return new VeeConfig(
        spikeFactor,
        spikeRank,
        zeroRunMinutes,
        maxInterpolationMinutes,
        profileWeeks,
        registerMaxWh,
        rolloverWindow,
        tolerance);
  }

  /** The largest energy across a wrap that counts as a rollover, in Wh. */
  long rolloverWindowWh() {
    return (long) (registerMaxWh * rolloverWindow);
  }
}
