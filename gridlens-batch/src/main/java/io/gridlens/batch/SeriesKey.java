package io.gridlens.batch;

import io.gridlens.core.Channel;
import java.util.Objects;

/**
 * One channel of one meter: the unit the batch hands to the core, with all its days in order.
 *
 * @param meterId the meter
 * @param channel import or export
 */
public record SeriesKey(String meterId, Channel channel) implements java.io.Serializable {

  public SeriesKey {
    if (meterId == null || meterId.isBlank()) {
      throw new IllegalArgumentException("meterId must not be blank");
    }
    Objects.requireNonNull(channel, "channel");
  }
}
