package io.gridlens.core.view;

import io.gridlens.core.Cut;
import java.time.Instant;
import java.util.Objects;

/**
 * A published batch view: its version number, the cut its batch run read up to, and when it was
 * published.
 *
 * <p>Batch view {@code number} holds the insights of every meter-day computed from all readings
 * below {@code cut} (DESIGN.md section 5).
 *
 * @param number the version, {@code >= 1}; a newer batch run has a larger number
 * @param cut the exclusive end of the readings the run read
 * @param publishedAt when the version was (first) published
 */
public record BatchVersion(long number, Cut cut, Instant publishedAt) {

  public BatchVersion {
    if (number < 1) {
      throw new IllegalArgumentException(
          "batch version number must be >= 1, was " + number + "; number batch runs from 1");
    }
    Objects.requireNonNull(cut, "cut");
    Objects.requireNonNull(publishedAt, "publishedAt");
  }
}
