package io.gridlens.core.blend;

import io.gridlens.core.Cut;
import io.gridlens.core.view.BatchVersion;
import io.gridlens.core.view.SpeedProgress;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The state of the views one answer was read from: the pinned batch version with its cut, and how
 * fresh the speed rows are.
 *
 * @param batch the pinned batch version, or {@code null} when none was published yet (the answer
 *     then comes from speed rows only, against {@link Cut#EMPTY})
 * @param freshAsOf the instant up to which the answer holds every accepted reading: see {@link #of}
 *     for how a query derives it
 */
public record Snapshot(BatchVersion batch, Instant freshAsOf) {

  public Snapshot {
    Objects.requireNonNull(freshAsOf, "freshAsOf");
  }

  /**
   * The snapshot of a pinned batch version, with its freshness derived from the speed progress read
   * after the pointer and before any speed row.
   *
   * <p>{@code freshAsOf} is the minimum, over the partitions of the pinned cut, of the instant up
   * to which each partition is complete: the later of what the speed layer has applied ({@link
   * SpeedProgress#completeUpTo()}) and what the batch holds below its cut ({@link
   * BatchVersion#heldUpTo()}), since a reading accepted before either instant is in one of the two
   * views. Every reading accepted before {@code freshAsOf}, in any partition, is in the answer.
   * Fallbacks, in order:
   *
   * <ul>
   *   <li>a partition of the cut that neither records counts as complete up to the pinned version's
   *       {@link BatchVersion#publishedAt() publish time} (a version written before ingest times
   *       were recorded, or a partition with no reading below the cut). It is an upper bound:
   *       readings accepted between the batch's cut and its publish are in neither view until the
   *       speed layer reports;
   *   <li>a cut that names no partition: the minimum over every stored progress, else the publish
   *       time;
   *   <li>no pinned version: the minimum over every stored progress, else {@code queriedAt}
   *       (nothing better is known).
   * </ul>
   *
   * @param batch the pinned version, or null
   * @param progress the speed progress read for this answer, any order, at most one per partition
   * @param queriedAt when the query ran (the last fallback)
   */
  public static Snapshot of(
      BatchVersion batch, Collection<SpeedProgress> progress, Instant queriedAt) {
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(queriedAt, "queriedAt");
    Instant anyMin = null;
    Map<Integer, Instant> byPartition = new HashMap<>();
    for (SpeedProgress p : progress) {
      byPartition.put(p.partition(), p.completeUpTo());
      anyMin = anyMin == null || p.completeUpTo().isBefore(anyMin) ? p.completeUpTo() : anyMin;
    }
    if (batch == null) {
      return new Snapshot(null, anyMin == null ? queriedAt : anyMin);
    }
    if (batch.cut().offsets().isEmpty()) {
      return new Snapshot(batch, anyMin == null ? batch.publishedAt() : anyMin);
    }
    Instant fresh = null;
    for (Integer partition : batch.cut().offsets().keySet()) {
      Instant speed = byPartition.get(partition);
      Instant held = batch.heldUpTo().get(partition);
      Instant p;
      if (speed == null && held == null) {
        p = batch.publishedAt();
      } else if (speed == null || (held != null && held.isAfter(speed))) {
        p = held;
      } else {
        p = speed;
      }
      fresh = fresh == null || p.isBefore(fresh) ? p : fresh;
    }
    return new Snapshot(batch, fresh);
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
