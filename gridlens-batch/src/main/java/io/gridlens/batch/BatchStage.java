package io.gridlens.batch;

/** The stages of a batch run, in order. */
public enum BatchStage {
  /** Finding the cut, the series and what changed. */
  PLAN,
  /** Copying the unchanged rows of the previous version (incremental runs). */
  CARRY,
  /** Scanning, sorting, cleaning and computing the insights of every series; writing rows. */
  COMPUTE,
  /** Peer cohorts and the monthly summaries. */
  SUMMARIES,
  /** The atomic pointer flip. */
  PUBLISH,
  /** Done. */
  DONE
}
