package io.gridlens.batch;

/** How a batch run computes its version. */
public enum BatchMode {
  /** Every row from all readings below the cut. */
  FULL,
  /**
   * Only the days of the series touched since the previous cut, from the earliest touched day on
   * (every history-based field looks backwards only, so earlier days cannot change); the other rows
   * are copied from the previous version; peer statistics are recomputed over every meter.
   */
  INCREMENTAL
}
