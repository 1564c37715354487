package io.gridlens.core;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Objects;

/**
 * One meter, one local day, after data hygiene: the cleaned value of every interval with its
 * quality and validation flags, and the raw fold it was cleaned from.
 *
 * <p>It is the unit of batch views, speed views and blending. The raw fold ({@link #readings()}) is
 * kept so that the speed layer can apply later readings on top of a batch row by the same rule.
 * Values of {@link Quality#MISSING} intervals are 0 in {@link #wh(int)} and are never counted as
 * consumption: use {@link #missingCount()}.
 *
 * <p>Immutable; the arrays passed in are copied.
 */
public final class MeterDay {

  private final DayReadings readings;
  private final long[] wh;
  private final byte[] quality;
  private final int[] flags;

  /**
   * A cleaned day.
   *
   * @param readings the raw fold (copied)
   * @param wh cleaned energy per interval in Wh, 0 where missing
   * @param quality quality code per interval ({@link Quality#code()})
   * @param flags validation flag word per interval ({@link Flag#mask()})
   */
  public MeterDay(DayReadings readings, long[] wh, byte[] quality, int[] flags) {
    Objects.requireNonNull(readings, "readings");
    int n = readings.size();
    if (wh.length != n || quality.length != n || flags.length != n) {
      throw new IllegalArgumentException(
          "a day of "
              + readings.key()
              + " has "
              + n
              + " intervals; got wh["
              + wh.length
              + "], quality["
              + quality.length
              + "], flags["
              + flags.length
              + "]");
    }
    for (int i = 0; i < n; i++) {
      Quality q = Quality.ofCode(quality[i]);
      if (q == Quality.MISSING && wh[i] != 0) {
        throw new IllegalArgumentException(
            "interval " + i + " of " + readings.key() + " is MISSING but has " + wh[i] + " Wh");
      }
      if (wh[i] < 0) {
        throw new IllegalArgumentException(
            "interval " + i + " of " + readings.key() + " has negative cleaned value " + wh[i]);
      }
    }
    this.readings = readings.copy();
    this.wh = wh.clone();
    this.quality = quality.clone();
    this.flags = flags.clone();
  }

  public MeterDayKey key() {
    return readings.key();
  }

  public String meterId() {
    return readings.key().meterId();
  }

  public Channel channel() {
    return readings.key().channel();
  }

  public LocalDate date() {
    return readings.key().date();
  }

  public ZoneId zone() {
    return readings.slots().zone();
  }

  public DaySlots slots() {
    return readings.slots();
  }

  public int intervalMinutes() {
    return readings.slots().intervalMinutes();
  }

  /** Number of intervals of the day (46/48/50 half-hours on DST days). */
  public int size() {
    return wh.length;
  }

  /** The raw fold (a copy: mutating it does not change this day). */
  public DayReadings readings() {
    return readings.copy();
  }

  /** Cleaned energy of interval {@code i} in Wh; 0 when {@link #quality(int)} is MISSING. */
  public long wh(int i) {
    return wh[i];
  }

  /** Quality of interval {@code i}. */
  public Quality quality(int i) {
    return Quality.ofCode(quality[i]);
  }

  /** Validation flag word of interval {@code i}. */
  public int flags(int i) {
    return flags[i];
  }

  /** Sum of the cleaned energy of the intervals that are not missing, in Wh. */
  public long totalWh() {
    long s = 0;
    for (long v : wh) {
      s += v;
    }
    return s;
  }

  /** Number of intervals with an actual value (measured or edited by the sender). */
  public int actualCount() {
    return count(true);
  }

  /** Number of intervals with an estimated value (by the sender or by VEE). */
  public int estimatedCount() {
    return count(false);
  }

  /** Number of intervals without a value. */
  public int missingCount() {
    int n = 0;
    for (byte q : quality) {
      if (q == Quality.MISSING.code()) {
        n++;
      }
    }
    return n;
  }

  private int count(boolean actual) {
    int n = 0;
    for (byte q : quality) {
      Quality x = Quality.ofCode(q);
      if (actual ? x.isActual() : x.isEstimated()) {
        n++;
      }
    }
    return n;
  }

  /** The highest packed ingest position the day contains, or {@link IngestPosition#NONE}. */
  public long maxPosition() {
    return readings.maxPosition();
  }

  /** Copies of the per-interval arrays, for codecs. */
  public long[] whArray() {
    return wh.clone();
  }

  public byte[] qualityCodes() {
    return quality.clone();
  }

  public int[] flagWords() {
    return flags.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MeterDay d
        && readings.equals(d.readings)
        && Arrays.equals(wh, d.wh)
        && Arrays.equals(quality, d.quality)
        && Arrays.equals(flags, d.flags);
  }

  @Override
  public int hashCode() {
    return 31 * readings.hashCode() + Arrays.hashCode(wh);
  }

  @Override
  public String toString() {
    return "MeterDay["
        + key()
        + ", "
        + totalWh()
        + " Wh, actual="
        + actualCount()
        + ", estimated="
        + estimatedCount()
        + ", missing="
        + missingCount()
        + "]";
  }
}
