package io.gridlens.formats;

import java.time.ZoneId;

/**
 * How to write readings.
 *
 * @param zone the zone in which timestamps are written, or null for the format's default ({@code
 *     csv}, {@code jsonl}: UTC; {@code enedis}: Europe/Paris; {@code greenbutton} writes epoch
 *     seconds and ignores it)
 */
public record WriteOptions(ZoneId zone) {

  /** The format's defaults. */
  public static WriteOptions defaults() {
    return new WriteOptions(null);
  }

  ZoneId zoneOr(ZoneId fallback) {
    return zone == null ? fallback : zone;
  }
}
