package io.gridlens.api;

import io.gridlens.core.view.ViewPointer;

/**
 * The batch layer as the API drives it: start a run, read its state, roll back the published
 * version. The application wires it to the real batch runner; the API knows nothing else of it.
 *
 * <p>Implementations are thread-safe.
 */
public interface BatchControl {

  /**
   * Starts a batch run and returns at once; the run goes on in the background.
   *
   * @param full true for a full rebuild from all data, false for an incremental run
   * @throws IllegalStateException when a run is already in progress (answered 409)
   */
  BatchRun run(boolean full);

  /** The state of the current or last run. */
  BatchStatus status();

  /**
   * Publishes the previous batch version again (DESIGN.md section 6).
   *
   * @return the pointer after the rollback
   * @throws IllegalStateException when there is no previous version, or a run is publishing
   *     (answered 409)
   */
  ViewPointer rollback();
}
