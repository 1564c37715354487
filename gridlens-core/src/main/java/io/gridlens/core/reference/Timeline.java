package io.gridlens.core.reference;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The versions of one effective-dated entity, none overlapping another, ordered by start date.
 *
 * <p>Immutable. {@link #with(EffectiveDated)} returns a new timeline in which the new version is in
 * force from its start: an open-ended earlier version is closed the day the new one starts.
 */
public final class Timeline<T extends EffectiveDated> implements java.io.Serializable {

  private final List<T> versions;

  private Timeline(List<T> versions) {
    this.versions = List.copyOf(versions);
  }

  /** A timeline of versions that must not overlap. */
  @SafeVarargs
  public static <T extends EffectiveDated> Timeline<T> of(T... versions) {
    return of(List.of(versions));
  }

  /** A timeline of versions that must not overlap. */
  public static <T extends EffectiveDated> Timeline<T> of(List<T> versions) {
    List<T> sorted = new ArrayList<>(versions);
    sorted.sort(Comparator.comparing(v -> v.validity().from()));
    for (int i = 1; i < sorted.size(); i++) {
      Validity a = sorted.get(i - 1).validity();
      Validity b = sorted.get(i).validity();
      if (a.overlaps(b)) {
        throw new IllegalArgumentException(
            "versions overlap: " + a + " and " + b + "; close the first before the second starts");
      }
    }
    return new Timeline<>(sorted);
  }

  /** The version in force on a date, if any. */
  public Optional<T> at(LocalDate date) {
    // Few versions per entity: a linear scan from the newest is the fastest here.
    for (int i = versions.size() - 1; i >= 0; i--) {
      T v = versions.get(i);
      if (v.validity().contains(date)) {
        return Optional.of(v);
      }
      if (date.isAfter(v.validity().from())) {
        break;
      }
    }
    return Optional.empty();
  }

  /** All versions, oldest first. */
  public List<T> versions() {
    return versions;
  }

  public boolean isEmpty() {
    return versions.isEmpty();
  }
}
