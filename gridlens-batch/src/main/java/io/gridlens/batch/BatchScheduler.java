package io.gridlens.batch;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a batch every day at a local time (DESIGN.md section 6: nightly, time configurable).
 *
 * <p>The next run is the next occurrence of the local time in the zone, strictly after now. On a
 * spring-forward day a time inside the gap runs at the same offset later (02:30 becomes 03:30 in
 * Paris); on a fall-back day a time that occurs twice runs once, at its first occurrence. Each run
 * is scheduled after the previous one ends, so runs never overlap; a failing run is reported and
 * the next one is still scheduled.
 */
public final class BatchScheduler implements AutoCloseable {

  private final LocalTime at;
  private final ZoneId zone;
  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final Runnable job;
  private final java.util.function.Consumer<RuntimeException> onFailure;
  private ScheduledFuture<?> next;
  private boolean closed;

  /**
   * A scheduler; call {@link #start()}.
   *
   * @param at the local time of day of the runs
   * @param zone the zone of that time
   * @param onFailure told of a run that threw
   */
  public BatchScheduler(
      LocalTime at,
      ZoneId zone,
      Clock clock,
      ScheduledExecutorService executor,
      Runnable job,
      java.util.function.Consumer<RuntimeException> onFailure) {
    this.at = Objects.requireNonNull(at, "at");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.job = Objects.requireNonNull(job, "job");
    this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
  }

  /** The first run at {@code at} strictly after {@code now}, in {@code now}'s zone. */
  public static ZonedDateTime nextRun(ZonedDateTime now, LocalTime at) {
    ZonedDateTime today = ZonedDateTime.of(now.toLocalDate(), at, now.getZone());
    if (today.isAfter(now)) {
      return today;
    }
    return ZonedDateTime.of(now.toLocalDate().plusDays(1), at, now.getZone());
  }

  /** Schedules the next run. */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("the batch scheduler is closed");
    }
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
    Duration wait = Duration.between(now, nextRun(now, at));
    next = executor.schedule(this::runAndReschedule, wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void runAndReschedule() {
    try {
      job.run();
    } catch (RuntimeException e) {
      onFailure.accept(e);
    }
    synchronized (this) {
      if (!closed) {
        start();
      }
    }
  }

  /** Cancels the next run (a run in progress finishes). */
  @Override
  public synchronized void close() {
    closed = true;
    if (next != null) {
      next.cancel(false);
    }
  }
}
