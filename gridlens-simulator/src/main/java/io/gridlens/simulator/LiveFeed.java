package io.gridlens.simulator;

import io.gridlens.core.Channel;
import io.gridlens.core.Quality;
import io.gridlens.core.Reading;
import io.gridlens.core.ValueKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A live feed of a fleet for demos: when an interval ends, every meter sends its true reading of
 * that interval, meter after meter, at a set rate.
 *
 * <p>Pacing is a pure function of the clock ({@link #dueCount}): meter {@code j}'s reading of the
 * interval ending at {@code E} is due at {@code E + j / rate}. Each {@link #poll()} sends every
 * reading due by the clock's now and not sent yet, in order; a poll after a long pause catches up.
 * {@link #start} merely polls on a scheduler. Readings are sent from the polling thread; {@code
 * poll} is synchronized.
 */
public final class LiveFeed {

  private final Fleet fleet;
  private final Clock clock;
  private final double readingsPerSecond;
  private final Consumer<Reading> sink;
  private final HouseholdLoad[] loads;
  private final long intervalMillis;
  private long pendingEndMillis;
  private int nextMeter;
  private long sent;

  /**
   * A feed that starts with the interval in progress at the clock's now.
   *
   * @param readingsPerSecond pace of sending within an interval, positive
   * @param sink receives each reading (interval energy, ACTUAL, source {@link Fleet#SOURCE})
   */
  public LiveFeed(Fleet fleet, Clock clock, double readingsPerSecond, Consumer<Reading> sink) {
    this.fleet = Objects.requireNonNull(fleet, "fleet");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (!(readingsPerSecond > 0) || Double.isInfinite(readingsPerSecond)) {
      throw new IllegalArgumentException(
          "readingsPerSecond must be positive and finite, was " + readingsPerSecond);
    }
    this.readingsPerSecond = readingsPerSecond;
    this.sink = Objects.requireNonNull(sink, "sink");
    this.loads = new HouseholdLoad[fleet.size()];
    this.intervalMillis = fleet.spec().intervalMinutes() * 60_000L;
    this.pendingEndMillis =
        Math.floorDiv(clock.millis(), intervalMillis) * intervalMillis + intervalMillis;
  }

  /**
   * How many of an interval's readings are due a given time after the interval ended: none before
   * the end, then one more every {@code 1 / rate} seconds, at most {@code meters}.
   *
   * <p>Example: rate 1000/s, 5000 meters, 2.5 s after the end: floor(2.5 × 1000) + 1 = 2501.
   */
  static int dueCount(long millisSinceEnd, double readingsPerSecond, int meters) {
    if (millisSinceEnd < 0) {
      return 0;
    }
    double due = Math.floor(millisSinceEnd * readingsPerSecond / 1000.0) + 1;
    return due >= meters ? meters : (int) due;
  }

  /**
   * Sends every reading due by now.
   *
   * @return the number of readings sent by this call
   */
  public synchronized int poll() {
    long now = clock.millis();
    int count = 0;
    int meters = fleet.size();
    while (now >= pendingEndMillis) {
      int due = dueCount(now - pendingEndMillis, readingsPerSecond, meters);
      Instant intervalStart = Instant.ofEpochMilli(pendingEndMillis - intervalMillis);
      for (int j = nextMeter; j < due; j++) {
        sink.accept(reading(j, intervalStart));
        count++;
      }
      nextMeter = due;
      if (nextMeter < meters) {
        break;
      }
      nextMeter = 0;
      pendingEndMillis += intervalMillis;
    }
    sent += count;
    return count;
  }

  /** Readings sent so far. */
  public synchronized long sent() {
    return sent;
  }

  /** Start of the interval whose readings are being sent or will be sent next. */
  public synchronized Instant pendingIntervalStart() {
    return Instant.ofEpochMilli(pendingEndMillis - intervalMillis);
  }

  /**
   * Polls on a scheduler every {@code tick}; closing the returned handle stops polling (the
   * scheduler stays the caller's to shut down).
   */
  public AutoCloseable start(ScheduledExecutorService scheduler, Duration tick) {
    long ms = Math.max(1, tick.toMillis());
    ScheduledFuture<?> f = scheduler.scheduleAtFixedRate(this::poll, 0, ms, TimeUnit.MILLISECONDS);
    return () -> f.cancel(false);
  }

  private Reading reading(int meter, Instant intervalStart) {
    HouseholdLoad load = loads[meter];
    if (load == null) {
      load = fleet.load(meter);
      loads[meter] = load;
    }
    return new Reading(
        FleetSpec.meterId(meter),
        Channel.IMPORT,
        intervalStart,
        fleet.spec().intervalMinutes(),
        ValueKind.INTERVAL,
        fleet.cleanWh(load, intervalStart),
        Quality.ACTUAL,
        Fleet.SOURCE,
        null,
        null);
  }
}
