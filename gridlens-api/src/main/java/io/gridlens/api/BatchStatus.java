package io.gridlens.api;

import java.util.Locale;
import java.util.Objects;

/**
 * The state of the batch layer: its current or last run and how far it got.
 *
 * @param state what the batch layer is doing
 * @param run the current run, or the last one; null when none ran yet
 * @param stage the run's current or last stage ({@code scan}, {@code insights}, {@code publish},
 *     …), or null
 * @param progress fraction of the run done, in [0, 1], or NaN when unknown
 * @param message what failed and how to fix it (FAILED), or null
 */
public record BatchStatus(
    State state, BatchRun run, String stage, double progress, String message) {

  /** What the batch layer is doing. */
  public enum State {
    /** No run yet. */
    IDLE,
    /** A run is in progress. */
    RUNNING,
    /** The last run published its version. */
    SUCCEEDED,
    /** The last run failed; the previous version stays published. */
    FAILED;

    /** The JSON form: the name in lower case. */
    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** No run yet. */
  public static final BatchStatus IDLE = new BatchStatus(State.IDLE, null, null, Double.NaN, null);

  public BatchStatus {
    Objects.requireNonNull(state, "state");
    if (!Double.isNaN(progress) && !(progress >= 0 && progress <= 1)) {
      throw new IllegalArgumentException(
          "batch progress must be NaN or in [0, 1], was " + progress);
    }
    if (state != State.IDLE && run == null) {
      throw new IllegalArgumentException("a batch status of state " + state + " needs its run");
    }
  }
}
