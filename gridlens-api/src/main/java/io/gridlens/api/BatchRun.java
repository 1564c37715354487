package io.gridlens.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A batch run that was started.
 *
 * @param id the run's id, unique per batch runner
 * @param full true for a full rebuild, false for an incremental run
 * @param startedAt when the run was accepted
 */
public record BatchRun(long id, boolean full, Instant startedAt) {

  public BatchRun {
    if (id < 1) {
      throw new IllegalArgumentException("batch run id must be >= 1, was " + id);
    }
    Objects.requireNonNull(startedAt, "startedAt");
  }

  /** {@code full} or {@code incremental}. */
  public String mode() {
    return full ? "full" : "incremental";
  }
}
