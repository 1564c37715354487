package io.gridlens.core.blend;

import io.gridlens.core.Cut;
import io.gridlens.core.view.BatchVersion;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The state of the views one answer was read from: the pinned batch version with its cut, and how
 * fresh the speed rows are.
 *
 * @param batch the pinned batch version, or {@code null} when none was published yet (the answer
 *     then comes from speed rows only, against {@link Cut#EMPTY})
 * @param freshAsOf when the query read the pointer: the speed rows of the answer hold every reading
 *     the speed layer had written to the store by then
 */
public record Snapshot(BatchVersion batch, Instant freshAsOf) {

  public Snapshot {
    Objects.requireNonNull(freshAsOf, "freshAsOf");
  }

  /** The pinned batch version, if any. */
  public Optional<BatchVersion> batchVersion() {
    return Optional.ofNullable(batch);
  }

  /** The pinned version number, if any. */
  public OptionalLong versionNumber() {
    return batch == null ? OptionalLong.empty() : OptionalLong.of(batch.number());
  }

  /** The cut the answer splits on: the pinned version's, or {@link Cut#EMPTY}. */
  public Cut cut() {
    return batch == null ? Cut.EMPTY : batch.cut();
  }
}
