package io.gridlens.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One value sent by a meter for one interval.
 *
 * <p>The constructor checks the shape of a reading (a known interval length, a meter id, a time);
 * whether the value is plausible (negative, spike, future, unaligned, …) is VEE's business, so such
 * readings can be constructed, flagged and kept in the master dataset.
 *
 * @param meterId the meter, non-blank, at most {@value #MAX_METER_ID_LENGTH} characters
 * @param channel import (consumption) or export (production)
 * @param intervalStart start of the interval, UTC
 * @param intervalMinutes interval length: 5, 10, 15, 30 or 60
 * @param kind interval energy or cumulative register index
 * @param wh the value in Wh (energy of the interval, or the register index)
 * @param quality as sent by the source
 * @param source where the reading came from (a format or feed name), never null
 * @param ingestTime when the platform accepted it, or null before ingest
 * @param position where the platform logged it, or null before ingest
 */
public record Reading(
    String meterId,
    Channel channel,
    Instant intervalStart,
    int intervalMinutes,
    ValueKind kind,
    long wh,
    Quality quality,
    String source,
    Instant ingestTime,
    IngestPosition position) {

  /** Longest accepted meter id. */
  public static final int MAX_METER_ID_LENGTH = 64;

  /** The interval lengths a reading may have, in minutes. */
  public static final Set<Integer> INTERVAL_MINUTES = Set.of(5, 10, 15, 30, 60);

  public Reading {
    if (meterId == null || meterId.isBlank()) {
      throw new IllegalArgumentException("meterId must not be blank");
    }
    if (meterId.length() > MAX_METER_ID_LENGTH) {
      throw new IllegalArgumentException(
          "meterId must be at most "
              + MAX_METER_ID_LENGTH
              + " characters, was "
              + meterId.length());
    }
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(intervalStart, "intervalStart");
    checkIntervalMinutes(intervalMinutes);
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(quality, "quality");
    if (quality == Quality.MISSING
        || quality == Quality.INTERPOLATED
        || quality == Quality.PROFILED) {
      throw new IllegalArgumentException(
          "quality "
              + quality
              + " is set by VEE, a reading may only be ACTUAL, EDITED or ESTIMATED");
    }
    Objects.requireNonNull(source, "source");
  }

  /** An interval-energy reading of the import channel, actual, not yet ingested. */
  public static Reading of(String meterId, Instant intervalStart, int intervalMinutes, long wh) {
    return new Reading(
        meterId,
        Channel.IMPORT,
        intervalStart,
        intervalMinutes,
        ValueKind.INTERVAL,
        wh,
        Quality.ACTUAL,
        "",
        null,
        null);
  }

  /** This reading as logged at a position, at a time. */
  public Reading ingested(IngestPosition at, Instant when) {
    return new Reading(
        meterId,
        channel,
        intervalStart,
        intervalMinutes,
        kind,
        wh,
        quality,
        source,
        Objects.requireNonNull(when, "when"),
        Objects.requireNonNull(at, "at"));
  }

  /** End of the interval (exclusive). */
  public Instant intervalEnd() {
    return intervalStart.plusSeconds(intervalMinutes * 60L);
  }

  /** Fails with a message naming the value when it is not a known interval length. */
  public static void checkIntervalMinutes(int minutes) {
    boolean allowed =
        switch (minutes) {
          case 5, 10, 15, 30, 60 -> true;
          default -> false;
        };
    if (!allowed) {
      throw new IllegalArgumentException(
          "intervalMinutes must be one of 5, 10, 15, 30, 60, was " + minutes);
    }
  }
}
