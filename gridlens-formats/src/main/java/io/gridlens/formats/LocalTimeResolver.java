package io.gridlens.formats;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * Turns the local timestamps of one meter's series into instants, using the order of the series to
 * pick the offset of a local time that occurs twice (the autumn DST overlap).
 *
 * <p>Rule: an ambiguous local time takes the earlier offset (summer time) unless that instant is
 * not after the previous resolved instant of the same series, in which case it takes the later one.
 * So Europe/Paris ends on 2019-10-27 labelled 02:00, 02:30, 02:00, 02:30, 03:00 resolve to 00:00Z,
 * 00:30Z, 01:00Z, 01:30Z, 02:00Z. A local time in the spring gap does not exist: {@link #resolve}
 * returns null and the caller reports it.
 */
final class LocalTimeResolver {

  private final ZoneRules rules;
  private Instant previous;

  LocalTimeResolver(ZoneId zone) {
    this.rules = zone.getRules();
  }

  /** Forgets the series' order; call when the meter changes. */
  void reset() {
    previous = null;
  }

  /** The instant of a local time, or null when it falls in a DST gap. */
  Instant resolve(LocalDateTime local) {
    List<ZoneOffset> offsets = rules.getValidOffsets(local);
    Instant at;
    if (offsets.isEmpty()) {
      return null;
    } else if (offsets.size() == 1) {
      at = local.toInstant(offsets.get(0));
    } else {
      // getValidOffsets lists the earlier offset (the larger one, summer time) first.
      Instant earlier = local.toInstant(offsets.get(0));
      Instant later = local.toInstant(offsets.get(1));
      if (earlier.isAfter(later)) {
        Instant t = earlier;
        earlier = later;
        later = t;
      }
      at = previous != null && !earlier.isAfter(previous) ? later : earlier;
    }
    previous = at;
    return at;
  }
}
