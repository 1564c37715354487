package io.gridlens.formats;

import io.gridlens.core.Channel;
import io.gridlens.core.Reading;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How to read one input.
 *
 * @param errorPolicy what to do with a bad record
 * @param meterId the meter of every reading, or null to take it from the input; required by {@code
 *     eemeter} (its files carry no meter id), optional for {@code greenbutton} (overrides the
 *     UsagePoint) and {@code enedis} (overrides {@code usage_point_id}); ignored by formats that
 *     carry a meter id per record ({@code csv}, {@code jsonl}, {@code lcl})
 * @param zone the zone of local timestamps, or null for the format's default ({@code enedis}:
 *     Europe/Paris, {@code lcl}: Europe/London); unused by formats with offsets or epoch seconds
 * @param intervalMinutes interval length of formats that do not say it ({@code eemeter}, {@code
 *     lcl}), or 0 for the format's default (60 and 30)
 * @param channel the channel of formats that do not say it ({@code enedis}, {@code lcl}, {@code
 *     eemeter})
 * @param maxKeptErrors how many {@link RecordError}s the report keeps (all are counted)
 */
public record ReadOptions(
    ErrorPolicy errorPolicy,
    String meterId,
    ZoneId zone,
    int intervalMinutes,
    Channel channel,
    int maxKeptErrors) {

  /** Errors kept by default. */
  public static final int DEFAULT_MAX_KEPT_ERRORS = 1000;

  public ReadOptions {
    Objects.requireNonNull(errorPolicy, "errorPolicy");
    Objects.requireNonNull(channel, "channel");
    if (meterId != null && (meterId.isBlank() || meterId.length() > Reading.MAX_METER_ID_LENGTH)) {
      throw new IllegalArgumentException(
          "meterId must be non-blank and at most "
              + Reading.MAX_METER_ID_LENGTH
              + " characters, was '"
              + meterId
              + "'");
    }
    if (intervalMinutes != 0) {
      Reading.checkIntervalMinutes(intervalMinutes);
    }
    if (maxKeptErrors < 0) {
      throw new IllegalArgumentException("maxKeptErrors must be >= 0, was " + maxKeptErrors);
    }
  }

  /** Fail at the first bad record; everything else from the input or the format's defaults. */
  public static ReadOptions defaults() {
    return new ReadOptions(
        ErrorPolicy.FAIL, null, null, 0, Channel.IMPORT, DEFAULT_MAX_KEPT_ERRORS);
  }

  /** These options with another error policy. */
  public ReadOptions withErrorPolicy(ErrorPolicy policy) {
    return new ReadOptions(policy, meterId, zone, intervalMinutes, channel, maxKeptErrors);
  }

  /** These options with a caller-given meter id. */
  public ReadOptions withMeterId(String id) {
    return new ReadOptions(errorPolicy, id, zone, intervalMinutes, channel, maxKeptErrors);
  }

  /** These options with the zone of local timestamps. */
  public ReadOptions withZone(ZoneId z) {
    return new ReadOptions(errorPolicy, meterId, z, intervalMinutes, channel, maxKeptErrors);
  }

  /** These options with the interval length of formats that do not say it. */
  public ReadOptions withIntervalMinutes(int minutes) {
    return new ReadOptions(errorPolicy, meterId, zone, minutes, channel, maxKeptErrors);
  }

  /** These options with the channel of formats that do not say it. */
  public ReadOptions withChannel(Channel c) {
    return new ReadOptions(errorPolicy, meterId, zone, intervalMinutes, c, maxKeptErrors);
  }

  /** These options keeping at most {@code max} errors in the report. */
  public ReadOptions withMaxKeptErrors(int max) {
    return new ReadOptions(errorPolicy, meterId, zone, intervalMinutes, channel, max);
  }

  ZoneId zoneOr(ZoneId fallback) {
    return zone == null ? fallback : zone;
  }

  int intervalMinutesOr(int fallback) {
    return intervalMinutes == 0 ? fallback : intervalMinutes;
  }
}
