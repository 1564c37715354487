package io.gridlens.core.vee;

import io.gridlens.core.DayReadings;
import io.gridlens.core.MeterDay;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@link Vee#clean} may know of a meter's days before the one it cleans: the previous cleaned
 * days (for profile estimation of long gaps) and the register index at the start of the day (the
 * previous day's last index, for the energy of the first interval of register reads).
 *
 * <p>The batch passes the meter's previous days; the speed layer passes {@link #none()} (or only an
 * opening index), so long gaps stay missing there and converge at the next batch (DESIGN.md section
 * 10). Implementations must answer the same for the same inputs: {@code clean} is pure. The batch
 * may implement this over a rolling window of days to avoid a map per day.
 */
public interface History {

  /** The value of {@link #openingIndex()} when it is not known. */
  long NO_INDEX = -1L;

  /**
   * The cleaned day of this meter and channel on a date, or null when not known. Only dates before
   * the cleaned day are asked for.
   */
  MeterDay day(LocalDate date);

  /**
   * The register index in Wh at the start of the cleaned day (the last index of the day before), or
   * {@link #NO_INDEX}.
   */
  default long openingIndex() {
    return NO_INDEX;
  }

  /** No history at all: what the speed layer knows. */
  static History none() {
    return MapHistory.NONE;
  }

  /** A history of previous cleaned days, without an opening index. */
  static History of(Collection<MeterDay> days) {
    Map<LocalDate, MeterDay> byDate = new HashMap<>();
    MeterDay first = null;
    for (MeterDay d : days) {
      if (first == null) {
        first = d;
      } else if (!first.meterId().equals(d.meterId()) || first.channel() != d.channel()) {
        throw new IllegalArgumentException(
            "history holds "
                + first.key()
                + " and "
                + d.key()
                + "; a history is of one meter and channel");
      }
      if (byDate.put(d.date(), d) != null) {
        throw new IllegalArgumentException(
            "history holds " + d.key() + " twice; give each day once");
      }
    }
    return new MapHistory(Map.copyOf(byDate), NO_INDEX);
  }

  /** This history with the register index at the start of the day. */
  default History withOpeningIndex(long wh) {
    MapHistory.checkIndex(wh);
    History self = this;
    return new History() {
      @Override
      public MeterDay day(LocalDate date) {
        return self.day(date);
      }

      @Override
      public long openingIndex() {
        return wh;
      }
    };
  }

  /**
   * The register index at the end of a day: the value of its last interval when that is a register
   * read, else {@link #NO_INDEX}. Feed it as the next day's {@link #withOpeningIndex opening
   * index}.
   */
  static long closingIndex(MeterDay day) {
    DayReadings raw = day.readings();
    int last = raw.size() - 1;
    if (raw.present(last)
        && (raw.marks(last) & DayReadings.REGISTER) != 0
        && raw.value(last) >= 0) {
      return raw.value(last);
    }
    return NO_INDEX;
  }
}
