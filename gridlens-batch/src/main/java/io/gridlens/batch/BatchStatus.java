package io.gridlens.batch;

import io.gridlens.core.view.BatchVersion;
import java.util.Objects;

/**
 * The published batch view: its version with cut and publication time, what the run that made it
 * did, and the previous version (the rollback target).
 *
 * @param current the version queries read
 * @param run what its run did, or null when unknown (published by another tool)
 * @param previous the previous version, or null
 */
public record BatchStatus(BatchVersion current, BatchRun run, BatchVersion previous) {

  public BatchStatus {
    Objects.requireNonNull(current, "current");
  }
}
