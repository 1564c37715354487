package io.gridlens.core.view;

import io.gridlens.core.insight.Anomalies;
import java.util.EnumSet;
import java.util.Set;

/**
 * The history-based insights of one meter-day that only the batch computes (DESIGN.md section 5:
 * provisional in speed, converged at the next batch): the always-on power as of the day and the
 * anomalies found on the day.
 *
 * <p>Both are causal: they depend on the day and the days before it only, so a batch row of a day
 * never changes when later days arrive.
 *
 * @param alwaysOnW always-on power in W of the 14 days ending on the day ({@link
 *     io.gridlens.core.insight.AlwaysOn}), or NaN when there is too little data
 * @param anomalies the kinds found on the day, as bits {@code 1 << Kind.ordinal()}
 */
public record DayHistory(double alwaysOnW, int anomalies) {

  /** No always-on figure, no anomaly. */
  public static final DayHistory EMPTY = new DayHistory(Double.NaN, 0);

  private static final int KNOWN = (1 << Anomalies.Kind.values().length) - 1;

  public DayHistory {
    if (!Double.isNaN(alwaysOnW) && !(alwaysOnW >= 0 && alwaysOnW < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          "alwaysOnW must be NaN (unknown) or finite >= 0, was " + alwaysOnW);
    }
    if ((anomalies & ~KNOWN) != 0) {
      throw new IllegalArgumentException(
          "anomalies has unknown kind bits " + Integer.toBinaryString(anomalies & ~KNOWN));
    }
  }

  /** The history fields of a day from its always-on power (NaN when unknown) and anomaly kinds. */
  public static DayHistory of(double alwaysOnW, Iterable<Anomalies.Kind> kinds) {
    int bits = 0;
    for (Anomalies.Kind k : kinds) {
      bits |= 1 << k.ordinal();
    }
    return new DayHistory(alwaysOnW, bits);
  }

  /** Whether the always-on power is known. */
  public boolean hasAlwaysOn() {
    return !Double.isNaN(alwaysOnW);
  }

  /** The anomaly kinds of the day. */
  public Set<Anomalies.Kind> anomalyKinds() {
    EnumSet<Anomalies.Kind> out = EnumSet.noneOf(Anomalies.Kind.class);
    for (Anomalies.Kind k : Anomalies.Kind.values()) {
      if ((anomalies & (1 << k.ordinal())) != 0) {
        out.add(k);
      }
    }
    return out;
  }
}
