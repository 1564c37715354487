package io.gridlens.core;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;

/** The identity of a {@link MeterDay}: one meter, one channel, one local day. */
public record MeterDayKey(String meterId, Channel channel, LocalDate date)
    implements Comparable<MeterDayKey> {

  private static final Comparator<MeterDayKey> ORDER =
      Comparator.comparing(MeterDayKey::meterId)
          .thenComparing(MeterDayKey::channel)
          .thenComparing(MeterDayKey::date);

  public MeterDayKey {
    if (meterId == null || meterId.isBlank()) {
      throw new IllegalArgumentException("meterId must not be blank");
    }
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(date, "date");
  }

  @Override
  public int compareTo(MeterDayKey o) {
    return ORDER.compare(this, o);
  }
}
