package io.gridlens.core.view;

import io.gridlens.core.Channel;
import io.gridlens.core.MeterDayKey;
import io.gridlens.core.codec.MeterDayKeyCodec;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The days of one meter's channel from one local date to another, both inclusive: the unit of a
 * view read.
 *
 * @param meterId the meter
 * @param channel import or export
 * @param from first local date, inclusive
 * @param to last local date, inclusive, not before {@code from}
 */
public record DayRange(String meterId, Channel channel, LocalDate from, LocalDate to) {

  public DayRange {
    if (meterId == null || meterId.isBlank()) {
      throw new IllegalArgumentException("meterId must not be blank");
    }
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException(
          "date range of " + meterId + " ends (" + to + ") before it starts (" + from + ")");
    }
  }

  /** The imported-energy days of a meter, {@code from} to {@code to} inclusive. */
  public static DayRange imports(String meterId, LocalDate from, LocalDate to) {
    return new DayRange(meterId, Channel.IMPORT, from, to);
  }

  /** Number of days in the range. */
  public long days() {
    return ChronoUnit.DAYS.between(from, to) + 1;
  }

  /** Whether a meter-day falls in the range. */
  public boolean contains(MeterDayKey key) {
    return key.meterId().equals(meterId)
        && key.channel() == channel
        && !key.date().isBefore(from)
        && !key.date().isAfter(to);
  }

  /** The sort key ({@link MeterDayKeyCodec}) of the first day, the smallest key in the range. */
  public byte[] firstKey() {
    return MeterDayKeyCodec.encode(new MeterDayKey(meterId, channel, from));
  }

  /** The sort key of the last day, the largest key in the range. */
  public byte[] lastKey() {
    return MeterDayKeyCodec.encode(new MeterDayKey(meterId, channel, to));
  }
}
