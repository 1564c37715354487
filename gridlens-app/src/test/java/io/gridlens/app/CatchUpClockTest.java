package io.gridlens.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CatchUpClockTest {

  private static final Instant T0 = Instant.parse("2026-03-29T08:00:00Z");

  /** A base clock moved by hand. */
  private static final class HandClock extends Clock {
    Instant now = T0;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void shouldRunFasterWhileBehindThenFollowTheBase() {
    HandClock base = new HandClock();
    CatchUpClock c = new CatchUpClock(base, T0.minus(Duration.ofMinutes(30)), 60);

    assertThat(c.instant()).isEqualTo(T0.minus(Duration.ofMinutes(30)));
    // 10 real seconds at 60x: 600 s later, 07:40, still 20 minutes behind.
    base.now = T0.plusSeconds(10);
    assertThat(c.instant()).isEqualTo(Instant.parse("2026-03-29T07:40:00Z"));
    // 30 real seconds: 07:30 + 1800 s = 08:00, 30 s behind the base's 08:00:30.
    base.now = T0.plusSeconds(30);
    assertThat(c.instant()).isEqualTo(Instant.parse("2026-03-29T08:00:00Z"));
    // 31 real seconds: 07:30 + 1860 s = 08:01 would pass the base's 08:00:31: it follows the base.
    base.now = T0.plusSeconds(31);
    assertThat(c.instant()).isEqualTo(T0.plusSeconds(31));
    base.now = T0.plusSeconds(3600);
    assertThat(c.instant()).isEqualTo(T0.plusSeconds(3600));
  }

  @Test
  void shouldNeverStartAheadOfTheBase() {
    HandClock base = new HandClock();

    CatchUpClock c = new CatchUpClock(base, T0.plusSeconds(60), 60);

    assertThat(c.instant()).isEqualTo(T0);
  }
}
