package io.gridlens.core.vee;

import io.gridlens.core.MeterDay;
import java.time.LocalDate;
import java.util.Map;

/** A {@link History} held in a map of days by date. */
final class MapHistory implements History {

  static final MapHistory NONE = new MapHistory(Map.of(), NO_INDEX);

  private final Map<LocalDate, MeterDay> days;
  private final long openingIndex;

  MapHistory(Map<LocalDate, MeterDay> days, long openingIndex) {
    this.days = days;
    this.openingIndex = openingIndex;
  }

  @Override
  public MeterDay day(LocalDate date) {
    return days.get(date);
  }

  @Override
  public long openingIndex() {
    return openingIndex;
  }

  @Override
  public History withOpeningIndex(long wh) {
    return new MapHistory(days, checkIndex(wh));
  }

  static long checkIndex(long wh) {
    if (wh < 0) {
      throw new IllegalArgumentException(
          "opening index must be a register index >= 0 (or use a history without one), was " + wh);
    }
    return wh;
  }
}
