package io.gridlens.core.insight;

import io.gridlens.core.reference.Premise;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The second pass of peer comparison: the monthly consumption of every member of every placed
 * cohort-month, gathered to compute {@link CohortStats}.
 *
 * <p>A mergeable fold: {@link #add} a meter-month at a time, {@link #merge} partial folds of
 * disjoint meter sets built with the same {@link CohortAssigner}. Merge only concatenates the value
 * lists, and statistics sort them, so {@link #stats()} does not depend on the split nor on the
 * order of the input (property-tested).
 *
 * <p>Memory: exact, no sketch: one {@code double} (8 bytes) per member per placed cohort-month,
 * i.e. 8 to 32 bytes per meter-month (a meter's value belongs to at most four nested cohorts, see
 * {@link CohortAssigner#memberships}), plus array slack below 2x while growing. 12 million meters
 * for one month: at most 384 MB, typically about 100 MB since most meters sit in one or two placed
 * cohorts. Run one month at a time to bound it.
 *
 * <p>Not thread-safe.
 */
public final class CohortValues {

  private final CohortAssigner assigner;
  private final Map<CohortMonth, Doubles> values = new HashMap<>();

  /** An empty fold for the placement of an assigner. */
  public CohortValues(CohortAssigner assigner) {
    this.assigner = Objects.requireNonNull(assigner, "assigner");
  }

  /**
   * Adds one meter's consumption in a local month to the cohorts it belongs to.
   *
   * @throws IllegalArgumentException when the consumption is negative or not finite
   */
  public CohortValues add(YearMonth month, Premise premise, double kwh) {
    if (!(kwh >= 0) || Double.isInfinite(kwh)) {
      throw new IllegalArgumentException(
          "monthly consumption of premise "
              + premise.id()
              + " in "
              + month
              + " must be finite and >= 0 kWh, was "
              + kwh);
    }
    for (CohortKey k : assigner.memberships(month, premise)) {
      values.computeIfAbsent(new CohortMonth(k, month), x -> new Doubles()).add(kwh);
    }
    return this;
  }

  /** Adds the values of another fold (of other meters, same assigner) to this one. */
  public CohortValues merge(CohortValues other) {
    if (other.assigner != assigner) {
      throw new IllegalArgumentException(
          "cannot merge peer values gathered with another CohortAssigner; build both from the same"
              + " census");
    }
    other.values.forEach((k, v) -> values.computeIfAbsent(k, x -> new Doubles()).addAll(v));
    return this;
  }

  /** The number of values held: the memory is 8 bytes each, plus slack. */
  public long size() {
    long n = 0;
    for (Doubles d : values.values()) {
      n += d.size;
    }
    return n;
  }

  /**
   * The statistics of every cohort-month with at least {@link CohortConfig#minSize()} values; the
   * others are left out (privacy floor). Ordered by month, then cohort.
   *
   * <p>Each cohort-month's values are sorted once, in a copy: this fold stays usable.
   */
  public SortedMap<CohortMonth, CohortStats> stats() {
    int min = assigner.config().minSize();
    SortedMap<CohortMonth, CohortStats> out = new TreeMap<>();
    values.forEach(
        (k, v) -> {
          if (v.size >= min) {
            out.put(k, CohortStats.owning(k, Arrays.copyOf(v.items, v.size), v.size, min));
          }
        });
    return out;
  }

  /** A growable array of doubles: one object per cohort-month, never one per value. */
  private static final class Doubles {
    double[] items = new double[16];
    int size;

    void add(double v) {
      if (size == items.length) {
        items = Arrays.copyOf(items, size * 2);
      }
      items[size++] = v;
    }

    void addAll(Doubles o) {
      if (size + o.size > items.length) {
        items = Arrays.copyOf(items, Math.max(size + o.size, size * 2));
      }
      System.arraycopy(o.items, 0, items, size, o.size);
      size += o.size;
    }
  }
}
