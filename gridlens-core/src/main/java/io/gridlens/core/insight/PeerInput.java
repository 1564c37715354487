package io.gridlens.core.insight;

import io.gridlens.core.reference.Premise;
import java.time.YearMonth;
import java.util.Objects;

/**
 * One meter's consumption in one local month, with its premise: an input row of peer comparison.
 *
 * @param meterId the meter
 * @param month the local month
 * @param premise the meter's premise in that month (its tenant and attributes place the meter)
 * @param kwh the meter's consumption in the month, finite and >= 0
 */
public record PeerInput(String meterId, YearMonth month, Premise premise, double kwh) {

  public PeerInput {
    if (meterId == null || meterId.isBlank()) {
      throw new IllegalArgumentException("meterId must not be blank");
    }
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(premise, "premise");
    if (!(kwh >= 0) || Double.isInfinite(kwh)) {
      throw new IllegalArgumentException(
          "monthly consumption of "
              + meterId
              + " in "
              + month
              + " must be finite and >= 0, was "
              + kwh);
    }
  }
}
