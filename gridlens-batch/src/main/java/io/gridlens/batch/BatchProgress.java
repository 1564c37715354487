package io.gridlens.batch;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a batch run is: its stage, the units done of the stage's total (readings in {@link
 * BatchStage#COMPUTE}, series in {@link BatchStage#CARRY}, meter-months in {@link
 * BatchStage#SUMMARIES}) and the estimated time left of the stage.
 *
 * @param stage the current stage
 * @param done units done
 * @param total units in the stage, 0 when unknown
 * @param elapsed time spent in the stage
 */
public record BatchProgress(BatchStage stage, long done, long total, Duration elapsed) {

  public BatchProgress {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(elapsed, "elapsed");
    if (done < 0 || total < 0) {
      throw new IllegalArgumentException(
          "done and total must be >= 0, were " + done + ", " + total);
    }
  }

  /** Share of the stage done, in [0, 1]; 0 when the total is unknown. */
  public double fraction() {
    return total == 0 ? 0 : Math.min(1.0, (double) done / total);
  }

  /**
   * The time left of the stage at the pace so far ({@code elapsed * (total - done) / done}); empty
   * before anything is done or when the total is unknown.
   */
  public java.util.Optional<Duration> eta() {
    if (done == 0 || total == 0) {
      return java.util.Optional.empty();
    }
    long left = Math.max(0, total - done);
    return java.util.Optional.of(
        Duration.ofNanos((long) (elapsed.toNanos() * (double) left / done)));
  }

  /** Listens to the progress of a batch run (a CLI progress bar, metrics). */
  @FunctionalInterface
  public interface Listener {

    /** Nothing listens. */
    Listener NONE = p -> {};

    /** Called from the run's thread at each stage change and every few thousand units. */
    void progress(BatchProgress progress);
  }
}
