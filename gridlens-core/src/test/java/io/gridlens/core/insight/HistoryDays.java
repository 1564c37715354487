package io.gridlens.core.insight;

import io.gridlens.core.Channel;
import io.gridlens.core.DayReadings;
import io.gridlens.core.DaySlots;
import io.gridlens.core.MeterDay;
import io.gridlens.core.MeterDayKey;
import io.gridlens.core.Quality;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;

/** Cleaned days of one test meter in UTC (24 h every day), for the history-insight tests. */
final class HistoryDays {

  static final String METER = "m-history";

  /** Marks a MISSING interval in the {@code wh} arguments. */
  static final long MISSING = -1;

  private HistoryDays() {}

  /** A day of intervals of {@code minutes}, with {@link #MISSING} for missing intervals. */
  static MeterDay day(LocalDate date, int minutes, long... wh) {
    return day(METER, date, minutes, wh);
  }

  static MeterDay day(String meter, LocalDate date, int minutes, long... wh) {
    DaySlots slots = new DaySlots(ZoneOffset.UTC, date, minutes);
    DayReadings raw = new DayReadings(new MeterDayKey(meter, Channel.IMPORT, date), slots);
    long[] clean = new long[wh.length];
    byte[] quality = new byte[wh.length];
    for (int i = 0; i < wh.length; i++) {
      boolean missing = wh[i] == MISSING;
      clean[i] = missing ? 0 : wh[i];
      quality[i] = (byte) (missing ? Quality.MISSING : Quality.ACTUAL).code();
    }
    return new MeterDay(raw, clean, quality, new int[wh.length]);
  }

  /** A day whose intervals of {@code minutes} all hold {@code wh}. */
  static MeterDay flat(LocalDate date, int minutes, long wh) {
    long[] v = new long[24 * 60 / minutes];
    Arrays.fill(v, wh);
    return day(date, minutes, v);
  }
}
