package io.gridlens.core.testkit;

import io.gridlens.core.Channel;
import io.gridlens.core.DayReadings;
import io.gridlens.core.DaySlots;
import io.gridlens.core.IngestPosition;
import io.gridlens.core.MeterDay;
import io.gridlens.core.MeterDayKey;
import io.gridlens.core.Quality;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Objects;

/**
 * Cleaned {@link MeterDay}s for tests, built slot by slot without going through VEE.
 *
 * <p>The raw fold of a built day agrees with its cleaned values: a slot with a sender quality
 * (ACTUAL, EDITED, ESTIMATED) holds one reading with that value, at ingest position {@code 0@slot};
 * a MISSING slot and a slot filled by VEE (INTERPOLATED, PROFILED) hold none.
 *
 * <pre>{@code
 * MeterDay d = TestDays.day(LocalDate.of(2026, 1, 15)).whAll(250).wh(20, 400).missing(47).build();
 * }</pre>
 */
public final class TestDays {

  /** The zone of most examples. */
  public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  /** The meter of most examples. */
  public static final String METER = "M1";

  private TestDays() {}

  /** A day of meter {@link #METER} in Europe/Paris, half-hourly, import, all slots 0 Wh actual. */
  public static Builder day(LocalDate date) {
    return day(METER, PARIS, date, 30);
  }

  /** A day of a meter, all slots 0 Wh actual. */
  public static Builder day(String meterId, ZoneId zone, LocalDate date, int intervalMinutes) {
    return new Builder(meterId, new DaySlots(zone, date, intervalMinutes));
  }

  /** Builds one day; not thread-safe, reusable (each {@link #build()} is independent). */
  public static final class Builder {
    private final String meterId;
    private final DaySlots slots;
    private final long[] wh;
    private final Quality[] quality;
    private final int[] flags;
    private Channel channel = Channel.IMPORT;

    private Builder(String meterId, DaySlots slots) {
      this.meterId = Objects.requireNonNull(meterId, "meterId");
      this.slots = slots;
      int n = slots.count();
      this.wh = new long[n];
      this.quality = new Quality[n];
      Arrays.fill(quality, Quality.ACTUAL);
      this.flags = new int[n];
    }

    /** The slots of the day being built. */
    public DaySlots slots() {
      return slots;
    }

    /** Number of slots of the day being built. */
    public int count() {
      return wh.length;
    }

    public Builder channel(Channel c) {
      this.channel = Objects.requireNonNull(c, "channel");
      return this;
    }

    /** Sets one slot's value (keeps its quality; a MISSING slot becomes ACTUAL). */
    public Builder wh(int slot, long value) {
      wh[slot] = value;
      if (quality[slot] == Quality.MISSING) {
        quality[slot] = Quality.ACTUAL;
      }
      return this;
    }

    /** Sets the value of slots {@code from} (inclusive) to {@code to} (exclusive). */
    public Builder wh(int from, int to, long value) {
      for (int i = from; i < to; i++) {
        wh(i, value);
      }
      return this;
    }

    /** Sets every slot's value. */
    public Builder whAll(long value) {
      return wh(0, wh.length, value);
    }

    /** Sets all slot values at once; the array must have {@link #count()} entries. */
    public Builder wh(long... values) {
      if (values.length != wh.length) {
        throw new IllegalArgumentException(
            slots.date() + " has " + wh.length + " slots, got " + values.length + " values");
      }
      for (int i = 0; i < values.length; i++) {
        wh(i, values[i]);
      }
      return this;
    }

    /** Sets one slot's quality; MISSING also sets its value to 0. */
    public Builder quality(int slot, Quality q) {
      quality[slot] = Objects.requireNonNull(q, "quality");
      if (q == Quality.MISSING) {
        wh[slot] = 0;
      }
      return this;
    }

    /** Marks one slot missing (value 0). */
    public Builder missing(int slot) {
      return quality(slot, Quality.MISSING);
    }

    /** Sets one slot's validation flag word. */
    public Builder flags(int slot, int word) {
      flags[slot] = word;
      return this;
    }

    public MeterDay build() {
      DayReadings raw = new DayReadings(new MeterDayKey(meterId, channel, slots.date()), slots);
      byte[] codes = new byte[wh.length];
      for (int i = 0; i < wh.length; i++) {
        Quality q = quality[i];
        codes[i] = (byte) q.code();
        if (q.isActual() || q == Quality.ESTIMATED) {
          raw.add(i, wh[i], new IngestPosition(0, i).packed(), (byte) q.code(), (byte) 0);
        }
      }
      return new MeterDay(raw, wh, codes, flags);
    }
  }

  /** Start of slot {@code i} of a Paris half-hourly day (for hand-written expectations). */
  public static Instant slotStart(LocalDate date, int i) {
    return new DaySlots(PARIS, date, 30).slotStart(i);
  }
}
