package io.gridlens.core.view;

import io.gridlens.core.Cut;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A published batch view: its version number, the cut its batch run read up to, when it was
 * published, and up to when its cut holds every accepted reading of each partition.
 *
 * <p>Batch view {@code number} holds the insights of every meter-day computed from all readings
 * below {@code cut} (DESIGN.md section 5).
 *
 * <p>{@code heldUpTo} is what an answer's freshness may claim from the batch alone: for a partition
 * of the cut, the newest ingest time among its readings below the cut. Ingest times rise with the
 * offset in a partition, so every reading of that partition accepted up to that instant lies below
 * the cut. A partition without readings below the cut, or a version published before this was
 * recorded, has no entry.
 *
 * @param number the version, {@code >= 1}; a newer batch run has a larger number
 * @param cut the exclusive end of the readings the run read
 * @param publishedAt when the version was (first) published
 * @param heldUpTo by partition of the cut: the newest ingest time below the cut; copied, sorted
 */
public record BatchVersion(
    long number, Cut cut, Instant publishedAt, Map<Integer, Instant> heldUpTo) {

  public BatchVersion {
    if (number < 1) {
      throw new IllegalArgumentException(
          "batch version number must be >= 1, was " + number + "; number batch runs from 1");
    }
    Objects.requireNonNull(cut, "cut");
    Objects.requireNonNull(publishedAt, "publishedAt");
    Objects.requireNonNull(heldUpTo, "heldUpTo");
    Map<Integer, Instant> held = new TreeMap<>();
    for (Map.Entry<Integer, Instant> e : heldUpTo.entrySet()) {
      Integer p = Objects.requireNonNull(e.getKey(), "heldUpTo partition");
      if (!cut.offsets().containsKey(p)) {
        throw new IllegalArgumentException(
            "batch version "
                + number
                + " holds readings of partition "
                + p
                + " up to "
                + e.getValue()
                + ", but its cut "
                + cut.offsets()
                + " does not name that partition");
      }
      held.put(p, Objects.requireNonNull(e.getValue(), "heldUpTo of partition " + p));
    }
    heldUpTo = Collections.unmodifiableMap(held);
  }

  /** A version that records no ingest times (its freshness falls back to the publish time). */
  public BatchVersion(long number, Cut cut, Instant publishedAt) {
    this(number, cut, publishedAt, Map.of());
  }
}
