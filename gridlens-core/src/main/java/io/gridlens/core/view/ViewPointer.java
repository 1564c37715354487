package io.gridlens.core.view;

import java.util.Objects;
import java.util.Optional;

/**
 * The published state of a view store: the batch version queries read, and the one it replaced,
 * kept for rollback.
 *
 * <p>Both are written together by one atomic {@link ViewStore#publish}: a reader sees the old
 * pointer or the new one, never a mix.
 *
 * @param current the version queries read
 * @param previous the version published before it, or {@code null} when there was none
 */
public record ViewPointer(BatchVersion current, BatchVersion previous) {

  public ViewPointer {
    Objects.requireNonNull(current, "current");
    if (previous != null && previous.number() == current.number()) {
      throw new IllegalArgumentException(
          "previous version must differ from the current one, both were " + current.number());
    }
  }

  /** The version a rollback would return to. */
  public Optional<BatchVersion> rollbackTarget() {
    return Optional.ofNullable(previous);
  }

  /** Whether a version is the current or the previous one (so it must not be dropped). */
  public boolean pins(long number) {
    return current.number() == number || (previous != null && previous.number() == number);
  }
}
