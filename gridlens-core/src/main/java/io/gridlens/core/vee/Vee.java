package io.gridlens.core.vee;

import io.gridlens.core.DayContext;
import io.gridlens.core.DayReadings;
import io.gridlens.core.DaySlots;
import io.gridlens.core.Flag;
import io.gridlens.core.MeterDay;
import io.gridlens.core.MeterDayKey;
import io.gridlens.core.Quality;
import io.gridlens.core.reference.Contract;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Data hygiene of one meter-day (DESIGN.md section 10): validation, estimation and editing of the
 * raw fold into a cleaned {@link MeterDay}, the same function in batch and speed.
 *
 * <p>Design note: {@link #clean} is pure and deterministic. It reads only the day's own fold, its
 * context, the configuration and the history; it reads no clock and rounds estimates to whole Wh
 * with integer arithmetic. That is what lets the speed layer, folding later readings into a copy of
 * a batch fold, compute the very day the next batch computes (DESIGN.md section 5). It works on
 * primitive arrays, one pass per rule, and allocates the cleaned day and its three arrays, nothing
 * per reading.
 *
 * <p>The rules, in order:
 *
 * <ol>
 *   <li>read: an absent slot is a GAP; DayReadings marks give DUPLICATE (several ingests, one
 *       value) or CORRECTED (several values, the latest ingest won); a NEGATIVE value is rejected;
 *       a register read (cumulative index at the END of the interval) gives the energy {@code
 *       index[i] − index[i−1]} (slot 0 against {@link History#openingIndex()}), across the wrap
 *       when the index went back near {@link VeeConfig#registerMaxWh()} (ROLLOVER), else the
 *       interval is missing (RESET); a register interval whose previous index is unknown is missing
 *       without a flag;
 *   <li>SPIKE: an interval above k × the 3rd-highest interval of the day, when that is above 0, is
 *       rejected;
 *   <li>IMPLAUSIBLE_POWER: an interval whose average power {@code wh × 60 / minutes} exceeds the
 *       contract's {@code kva × 1000} W is rejected (no check without a contract);
 *   <li>ZERO_RUN: zeros lasting {@link VeeConfig#zeroRunMinutes()} or more inside the day are
 *       flagged and kept;
 *   <li>estimation of every run of missing intervals (absent or rejected): when bounded by values
 *       on both sides inside the day and at most {@link VeeConfig#maxInterpolationMinutes()} long,
 *       by linear interpolation of the interval energy between the two neighbours, {@code v(j) = vL
 *       + (vR − vL) × j / (g + 1)} for the j-th of g missing intervals, rounded half up to whole Wh
 *       (INTERPOLATED); otherwise each interval gets the mean of the same local time on the same
 *       weekday of up to {@link VeeConfig#profileWeeks()} previous weeks that have a value there,
 *       rounded half up (PROFILED); without such a value it stays MISSING.
 * </ol>
 *
 * <p>Sender qualities are kept (ACTUAL, EDITED, ESTIMATED); a register interval takes the worse
 * quality of its two indexes. Flags stay on an interval after it is estimated, so a data-quality
 * report can say why it was.
 */
public final class Vee {

  private static final byte MISSING = (byte) Quality.MISSING.code();
  private static final byte ACTUAL = (byte) Quality.ACTUAL.code();
  private static final byte INTERPOLATED = (byte) Quality.INTERPOLATED.code();
  private static final byte PROFILED = (byte) Quality.PROFILED.code();

  private Vee() {}

  /**
   * Cleans one meter-day.
   *
   * @param raw the day's raw fold (not modified)
   * @param ctx the meter's reference data that day (its contract gives the power limit)
   * @param cfg thresholds
   * @param history the meter's previous cleaned days and opening register index; {@link
   *     History#none()} in the speed layer
   * @throws IllegalArgumentException when the context or a history day is of another meter
   */
  public static MeterDay clean(DayReadings raw, DayContext ctx, VeeConfig cfg, History history) {
    return clean(raw, ctx, cfg, history, null);
  }

  /**
   * Cleans one meter-day as of an instant: intervals that had not ended by then (today's later
   * half-hours) are not readings late to arrive but time yet to come, so they are neither
   * interpolated nor estimated — they stay missing — while every other rule applies as in {@link
   * #clean(DayReadings, DayContext, VeeConfig, History)}.
   *
   * <p>Example: Europe/Paris, 2026-11-28, asOf 11:10 local: the 22 half-hours from 00:00 to 11:00
   * have ended (the one from 11:00 has not), so a gap from 09:00 onwards is estimated up to 11:00
   * and the 26 later half-hours stay missing.
   *
   * @param asOf when the data was taken (a batch run's start), or null for a day wholly past
   */
  public static MeterDay clean(
      DayReadings raw, DayContext ctx, VeeConfig cfg, History history, Instant asOf) {
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(ctx, "ctx");
    Objects.requireNonNull(cfg, "cfg");
    Objects.requireNonNull(history, "history (use History.none() when there is none)");
    MeterDayKey key = raw.key();
    if (!ctx.meter().id().equals(key.meterId())) {
      throw new IllegalArgumentException(
          "context of meter '" + ctx.meter().id() + "' given to clean " + key);
    }
    int n = raw.size();
    int minutes = raw.slots().intervalMinutes();
    long[] wh = new long[n];
    byte[] q = new byte[n];
    int[] flags = new int[n];

    read(raw, cfg, history.openingIndex(), wh, q, flags);
    rejectSpikes(cfg, wh, q, flags);
    Contract contract = ctx.contract();
    if (contract != null) {
      rejectImplausiblePower(contract.kva(), minutes, wh, q, flags);
    }
    flagZeroRuns((cfg.zeroRunMinutes() + minutes - 1) / minutes, wh, q, flags);
    estimate(raw, cfg, history, wh, q, ended(raw.slots(), asOf));
    return new MeterDay(raw, wh, q, flags);
  }

  /** How many of the day's intervals had ended by {@code asOf} (all when it is null). */
  private static int ended(DaySlots slots, Instant asOf) {
    int n = slots.count();
    if (asOf == null || !asOf.isBefore(slots.end())) {
      return n;
    }
    long seconds = asOf.getEpochSecond() - slots.start().getEpochSecond();
    return (int) Math.max(0, Math.min(n, seconds / (slots.intervalMinutes() * 60L)));
  }

  private static void read(
      DayReadings raw, VeeConfig cfg, long openingIndex, long[] wh, byte[] q, int[] flags) {
    long prevIndex = openingIndex;
    byte prevQuality = ACTUAL;
    long max = cfg.registerMaxWh();
    long window = cfg.rolloverWindowWh();
    for (int i = 0; i < wh.length; i++) {
      if (!raw.present(i)) {
        flags[i] = Flag.GAP.mask();
        q[i] = MISSING;
        prevIndex = History.NO_INDEX;
        continue;
      }
      byte marks = raw.marks(i);
      int f = 0;
      if ((marks & DayReadings.CORRECTED) != 0) {
        f = Flag.CORRECTED.mask();
      } else if ((marks & DayReadings.MULTI) != 0) {
        f = Flag.DUPLICATE.mask();
      }
      long v = raw.value(i);
      byte rq = (byte) raw.quality(i).code();
      q[i] = MISSING;
      if ((marks & DayReadings.REGISTER) == 0) {
        prevIndex = History.NO_INDEX;
        if (v < 0) {
          f |= Flag.NEGATIVE.mask();
        } else {
          wh[i] = v;
          q[i] = rq;
        }
      } else if (v < 0) {
        f |= Flag.NEGATIVE.mask();
        prevIndex = History.NO_INDEX;
      } else {
        if (prevIndex >= 0) {
          byte worse = (byte) Math.max(rq, prevQuality);
          if (v >= prevIndex) {
            wh[i] = v - prevIndex;
            q[i] = worse;
          } else if (prevIndex < max && v < max && max - prevIndex + v <= window) {
            f |= Flag.ROLLOVER.mask();
            wh[i] = max - prevIndex + v;
            q[i] = worse;
          } else {
            f |= Flag.RESET.mask();
          }
        }
        prevIndex = v;
        prevQuality = rq;
      }
      flags[i] = f;
    }
  }

  private static void rejectSpikes(VeeConfig cfg, long[] wh, byte[] q, int[] flags) {
    long reference = rankedValue(cfg.spikeRank(), wh, q);
    if (reference <= 0) {
      return;
    }
    double limit = cfg.spikeFactor() * reference;
    for (int i = 0; i < wh.length; i++) {
      if (q[i] != MISSING && wh[i] > limit) {
        reject(i, Flag.SPIKE, wh, q, flags);
      }
    }
  }

  /** The rank-th highest value among the intervals with a value, or -1 when there are fewer. */
  private static long rankedValue(int rank, long[] wh, byte[] q) {
    // top[0] >= top[1] >= ... : an insertion into a tiny sorted array, no sort of the day.
    long[] top = new long[rank];
    int seen = 0;
    for (int i = 0; i < wh.length; i++) {
      if (q[i] == MISSING) {
        continue;
      }
      long v = wh[i];
      int filled = Math.min(seen, rank);
      if (filled == rank && v <= top[rank - 1]) {
        seen++;
        continue;
      }
      int j = filled == rank ? rank - 1 : filled;
      while (j > 0 && top[j - 1] < v) {
        top[j] = top[j - 1];
        j--;
      }
      top[j] = v;
      seen++;
    }
    return seen >= rank ? top[rank - 1] : -1;
  }

  private static void rejectImplausiblePower(
      double kva, int minutes, long[] wh, byte[] q, int[] flags) {
    double maxWatts = kva * 1000.0;
    for (int i = 0; i < wh.length; i++) {
      if (q[i] != MISSING && wh[i] * 60.0 / minutes > maxWatts) {
        reject(i, Flag.IMPLAUSIBLE_POWER, wh, q, flags);
      }
    }
  }

  private static void reject(int i, Flag why, long[] wh, byte[] q, int[] flags) {
    flags[i] |= why.mask();
    wh[i] = 0;
    q[i] = MISSING;
  }

  private static void flagZeroRuns(int minSlots, long[] wh, byte[] q, int[] flags) {
    int n = wh.length;
    int i = 0;
    while (i < n) {
      if (q[i] == MISSING || wh[i] != 0) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && q[i] != MISSING && wh[i] == 0) {
        i++;
      }
      if (i - start >= minSlots) {
        for (int j = start; j < i; j++) {
          flags[j] |= Flag.ZERO_RUN.mask();
        }
      }
    }
  }

  private static void estimate(
      DayReadings raw, VeeConfig cfg, History history, long[] wh, byte[] q, int n) {
    int maxGap = cfg.maxInterpolationMinutes() / raw.slots().intervalMinutes();
    Profile profile = null;
    int i = 0;
    while (i < n) {
      if (q[i] != MISSING) {
        i++;
        continue;
      }
      int a = i;
      while (i < n && q[i] == MISSING) {
        i++;
      }
      int gap = i - a;
      if (a > 0 && i < n && gap <= maxGap) {
        interpolate(a, gap, wh, q);
      } else if (cfg.profileWeeks() > 0) {
        if (profile == null) {
          profile = new Profile(raw, cfg.profileWeeks(), history);
        }
        profile.fill(a, i, wh, q);
      }
    }
  }

  /**
   * Fills g = {@code gap} intervals from {@code a} between the values at a−1 and a+g: the j-th (1
   * based) gets {@code vL + (vR − vL) × j / (g + 1)}, rounded half up.
   */
  private static void interpolate(int a, int gap, long[] wh, byte[] q) {
    long left = wh[a - 1];
    long right = wh[a + gap];
    long steps = gap + 1;
    for (int j = 1; j <= gap; j++) {
      long numerator = left * steps + (right - left) * j;
      wh[a + j - 1] = Math.floorDiv(2 * numerator + steps, 2 * steps);
      q[a + j - 1] = INTERPOLATED;
    }
  }

  /** The same weekday of previous weeks, mapped slot by slot on local time. */
  private static final class Profile {
    private final MeterDay[] days;
    private final int[][] slotMaps;

    Profile(DayReadings raw, int weeks, History history) {
      MeterDayKey key = raw.key();
      DaySlots slots = raw.slots();
      MeterDay[] found = new MeterDay[weeks];
      int[][] maps = new int[weeks][];
      int k = 0;
      for (int w = 1; w <= weeks; w++) {
        LocalDate date = key.date().minusWeeks(w);
        MeterDay d = history.day(date);
        if (d == null) {
          continue;
        }
        if (!d.meterId().equals(key.meterId())
            || d.channel() != key.channel()
            || !d.date().equals(date)) {
          throw new IllegalArgumentException(
              "history gave " + d.key() + " for " + date + " while cleaning " + key);
        }
        if (d.intervalMinutes() != slots.intervalMinutes()) {
          continue; // another interval length: its values are not comparable slot by slot
        }
        found[k] = d;
        maps[k] = slotMap(slots, d.slots());
        k++;
      }
      this.days = found;
      this.slotMaps = maps;
    }

    void fill(int from, int to, long[] wh, byte[] q) {
      for (int i = from; i < to; i++) {
        long sum = 0;
        int count = 0;
        for (int k = 0; k < days.length && days[k] != null; k++) {
          int j = slotMaps[k] == null ? i : slotMaps[k][i];
          if (j >= 0 && days[k].quality(j) != Quality.MISSING) {
            sum += days[k].wh(j);
            count++;
          }
        }
        if (count > 0) {
          wh[i] = (sum + count / 2) / count;
          q[i] = PROFILED;
        }
      }
    }

    /**
     * For each slot of {@code target}, the slot of {@code ref} that starts at the same local time
     * (the first one on an autumn change day), or -1 when that time does not exist in {@code ref};
     * null when both are ordinary days (slot i is slot i).
     */
    private static int[] slotMap(DaySlots target, DaySlots ref) {
      int plain = 24 * 60 / target.intervalMinutes();
      if (target.count() == plain && ref.count() == plain && target.zone().equals(ref.zone())) {
        return null;
      }
      int[] map = new int[target.count()];
      for (int i = 0; i < map.length; i++) {
        LocalDateTime local =
            ref.date()
                .atTime(target.slotStart(i).atZone(target.zone()).toLocalDateTime().toLocalTime());
        ZonedDateTime there = local.atZone(ref.zone());
        map[i] = there.toLocalDateTime().equals(local) ? ref.slotOf(there.toInstant()) : -1;
      }
      return map;
    }
  }
}
