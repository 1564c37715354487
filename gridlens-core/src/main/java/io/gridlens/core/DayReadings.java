package io.gridlens.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * The raw readings of one {@link MeterDayKey}, folded slot by slot: per interval, the reading with
 * the latest ingest position, and whether others were seen (duplicates, corrections).
 *
 * <p>Design note: this is the accumulator of a mergeable fold (Beam's {@code CombineFn} shape).
 * Each slot is a last-writer-wins register keyed by {@link IngestPosition}, plus two marks that are
 * themselves joins: "more than one position seen" and "more than one value seen". Hence the laws,
 * property-tested in {@code DayReadingsLawsTest}:
 *
 * <ul>
 *   <li>order independence: adding the same readings in any order gives equal states;
 *   <li>merge is commutative and associative, {@code empty} is its identity;
 *   <li>idempotence: adding a reading already folded (same position) changes nothing.
 * </ul>
 *
 * <p>These laws are what make blending exact: the batch folds the readings below a cut, the speed
 * layer folds the rest into a copy of the batch state, and the result equals folding all at once.
 *
 * <p>Not thread-safe. Instances are mutable; {@link MeterDay} holds an unshared copy.
 */
public final class DayReadings {

  /** Slot mark: more than one ingest position was folded into the slot. */
  public static final byte MULTI = 1;

  /** Slot mark: more than one value was folded into the slot. */
  public static final byte CORRECTED = 2;

  /** Slot mark: the winning value is a cumulative register index, not an interval energy. */
  public static final byte REGISTER = 4;

  private final MeterDayKey key;
  private final DaySlots slots;
  private final long[] value;
  private final long[] position;
  private final byte[] quality;
  private final byte[] marks;

  /** An empty fold for a meter's local day. */
  public DayReadings(MeterDayKey key, DaySlots slots) {
    this.key = Objects.requireNonNull(key, "key");
    this.slots = Objects.requireNonNull(slots, "slots");
    if (!key.date().equals(slots.date())) {
      throw new IllegalArgumentException(
          "key date " + key.date() + " differs from slots date " + slots.date());
    }
    int n = slots.count();
    this.value = new long[n];
    this.position = new long[n];
    Arrays.fill(position, IngestPosition.NONE);
    this.quality = new byte[n];
    Arrays.fill(quality, (byte) Quality.MISSING.code());
    this.marks = new byte[n];
  }

  private DayReadings(DayReadings o) {
    this.key = o.key;
    this.slots = o.slots;
    this.value = o.value.clone();
    this.position = o.position.clone();
    this.quality = o.quality.clone();
    this.marks = o.marks.clone();
  }

  /**
   * Rebuilds a fold from persisted slot arrays (the raw part of a view row). The arrays are copied.
   */
  public static DayReadings of(
      MeterDayKey key,
      DaySlots slots,
      long[] value,
      long[] position,
      byte[] quality,
      byte[] marks) {
    DayReadings d = new DayReadings(key, slots);
    int n = d.value.length;
    if (value.length != n || position.length != n || quality.length != n || marks.length != n) {
      throw new IllegalArgumentException(
          "slot arrays must have " + n + " entries for " + key + ", had " + value.length);
    }
    System.arraycopy(value, 0, d.value, 0, n);
    System.arraycopy(position, 0, d.position, 0, n);
    System.arraycopy(quality, 0, d.quality, 0, n);
    System.arraycopy(marks, 0, d.marks, 0, n);
    return d;
  }

  /** An independent copy of this fold. */
  public DayReadings copy() {
    return new DayReadings(this);
  }

  public MeterDayKey key() {
    return key;
  }

  public DaySlots slots() {
    return slots;
  }

  /**
   * Folds one ingested reading in.
   *
   * @throws IllegalArgumentException when the reading is of another meter, channel or day, not
   *     aligned to the day's intervals, of another interval length, or has no ingest position
   */
  public DayReadings add(Reading r) {
    if (!r.meterId().equals(key.meterId()) || r.channel() != key.channel()) {
      throw new IllegalArgumentException(
          "reading of " + r.meterId() + "/" + r.channel() + " folded into " + key);
    }
    if (r.intervalMinutes() != slots.intervalMinutes()) {
      throw new IllegalArgumentException(
          "reading of "
              + r.intervalMinutes()
              + " min folded into a day of "
              + slots.intervalMinutes()
              + " min intervals ("
              + key
              + ")");
    }
    int slot = slots.slotOf(r.intervalStart());
    if (slot < 0) {
      throw new IllegalArgumentException(
          "reading at " + r.intervalStart() + " is not a slot start of " + key);
    }
    if (r.position() == null) {
      throw new IllegalArgumentException(
          "reading at " + r.intervalStart() + " of " + key + " has no ingest position");
    }
    add(
        slot,
        r.wh(),
        r.position().packed(),
        (byte) r.quality().code(),
        r.kind() == ValueKind.REGISTER ? REGISTER : 0);
    return this;
  }

  /**
   * Folds one value into a slot: the hot path, without allocation.
   *
   * @param kindMark {@link #REGISTER} for a register index, 0 for interval energy
   */
  public void add(int slot, long wh, long packedPosition, byte qualityCode, byte kindMark) {
    if (packedPosition < 0) {
      throw new IllegalArgumentException("slot " + slot + " of " + key + ": no ingest position");
    }
    mergeSlot(slot, wh, packedPosition, qualityCode, kindMark);
  }

  /** Folds another fold of the same key in (commutative, associative, idempotent). */
  public DayReadings merge(DayReadings other) {
    if (!other.key.equals(key) || !other.slots.equals(slots)) {
      throw new IllegalArgumentException("cannot merge " + other.key + " into " + key);
    }
    for (int i = 0; i < value.length; i++) {
      if (other.position[i] != IngestPosition.NONE) {
        mergeSlot(i, other.value[i], other.position[i], other.quality[i], other.marks[i]);
      }
    }
    return this;
  }

  private void mergeSlot(int i, long v, long pos, byte q, byte m) {
    long mine = position[i];
    if (mine == IngestPosition.NONE) {
      value[i] = v;
      position[i] = pos;
      quality[i] = q;
      marks[i] = m;
      return;
    }
    if (mine == pos) {
      // The same reading again: nothing new, except marks the other side had learned.
      marks[i] |= (byte) (m & (MULTI | CORRECTED));
      return;
    }
    byte joined = (byte) (((marks[i] | m) & (MULTI | CORRECTED)) | MULTI);
    if (v != value[i]) {
      joined |= CORRECTED;
    }
    if (pos > mine) {
      value[i] = v;
      position[i] = pos;
      quality[i] = q;
      marks[i] = (byte) (joined | (m & REGISTER));
    } else {
      marks[i] = (byte) (joined | (marks[i] & REGISTER));
    }
  }

  /** Number of slots of the day. */
  public int size() {
    return value.length;
  }

  /** Whether any reading was folded into slot {@code i}. */
  public boolean present(int i) {
    return position[i] != IngestPosition.NONE;
  }

  /** The winning value of slot {@code i} (0 when absent). */
  public long value(int i) {
    return value[i];
  }

  /** The packed ingest position of the winner of slot {@code i}, or {@link IngestPosition#NONE}. */
  public long position(int i) {
    return position[i];
  }

  /** The quality of the winner of slot {@code i}; {@link Quality#MISSING} when absent. */
  public Quality quality(int i) {
    return Quality.ofCode(quality[i]);
  }

  /** The marks ({@link #MULTI}, {@link #CORRECTED}, {@link #REGISTER}) of slot {@code i}. */
  public byte marks(int i) {
    return marks[i];
  }

  /** The highest packed ingest position folded in, or {@link IngestPosition#NONE}. */
  public long maxPosition() {
    long max = IngestPosition.NONE;
    for (long p : position) {
      max = Math.max(max, p);
    }
    return max;
  }

  /** Number of slots that received a reading. */
  public int presentCount() {
    int n = 0;
    for (long p : position) {
      if (p != IngestPosition.NONE) {
        n++;
      }
    }
    return n;
  }

  long[] valuesView() {
    return value;
  }

  /** Copies of the slot arrays, for codecs: values, positions, quality codes, marks. */
  public long[] values() {
    return value.clone();
  }

  public long[] positions() {
    return position.clone();
  }

  public byte[] qualityCodes() {
    return quality.clone();
  }

  public byte[] allMarks() {
    return marks.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DayReadings d
        && key.equals(d.key)
        && slots.equals(d.slots)
        && Arrays.equals(value, d.value)
        && Arrays.equals(position, d.position)
        && Arrays.equals(quality, d.quality)
        && Arrays.equals(marks, d.marks);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, Arrays.hashCode(value), Arrays.hashCode(position));
  }

  @Override
  public String toString() {
    return "DayReadings[" + key + ", " + presentCount() + "/" + size() + " slots]";
  }
}
