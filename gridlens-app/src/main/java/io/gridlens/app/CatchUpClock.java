package io.gridlens.app;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A clock that starts in the past and runs {@code speed} times faster than its base until it has
 * caught up with it, then follows it: {@code min(base, start + speed * (base - baseAtStart))}.
 * Never goes backwards. The demo's live feed runs on it, so the intervals that ended while the
 * history was loading are replayed quickly, and later intervals arrive when they end.
 *
 * <p>Example: started 30 minutes behind at speed 60, it reads 1 minute later per real second and
 * meets the base clock after 30 / (60 - 1) minutes ≈ 30.5 s.
 */
final class CatchUpClock extends Clock {

  private final Clock base;
  private final long baseStartMillis;
  private final long startMillis;
  private final double speed;

  /**
   * @param start the instant the clock reads now (at or before the base's now)
   * @param speed how many times faster than the base it runs while behind, at least 1
   */
  CatchUpClock(Clock base, Instant start, double speed) {
    this.base = Objects.requireNonNull(base, "base");
    this.baseStartMillis = base.millis();
    this.startMillis = Math.min(start.toEpochMilli(), baseStartMillis);
    if (!(speed >= 1)) {
      throw new IllegalArgumentException("speed must be >= 1, was " + speed);
    }
    this.speed = speed;
  }

  @Override
  public long millis() {
    long now = base.millis();
    long fast = startMillis + (long) (speed * (now - baseStartMillis));
    return Math.min(now, fast);
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a catch-up clock keeps its base's zone");
  }
}
