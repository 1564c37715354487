package io.gridlens.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlens.core.Reading;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveFeedTest {

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    private Instant now;

    ManualClock(Instant now) {
      this.now = now;
    }

    void set(Instant t) {
      now = t;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

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

  // The fleet's window (January 2025) does not contain "now": the live path needs no window.
  private final Fleet fleet = Fleet.of(FleetSpec.of(3, 10, LocalDate.of(2025, 1, 1), 1));
  private final ManualClock clock = new ManualClock(Instant.parse("2025-06-01T10:07:00Z"));
  private final List<Reading> sent = new ArrayList<>();
  private final LiveFeed feed = new LiveFeed(fleet, clock, 2.0, sent::add);

  @Test
  void shouldComputeHowManyReadingsAreDueFromTheTimeSinceTheIntervalEnded() {
    // 1000 readings/s, 2.5 s after the end: floor(2.5 x 1000) + 1 = 2501 of 5000.
    assertThat(LiveFeed.dueCount(2_500, 1000, 5000)).isEqualTo(2501);
    assertThat(LiveFeed.dueCount(-1, 1000, 5000)).isZero();
    assertThat(LiveFeed.dueCount(0, 1000, 5000)).isEqualTo(1);
    assertThat(LiveFeed.dueCount(60_000, 1000, 5000)).isEqualTo(5000);
  }

  @Test
  void shouldSendNothingBeforeTheIntervalInProgressEnds() {
    clock.set(Instant.parse("2025-06-01T10:29:59.999Z"));

    assertThat(feed.poll()).isZero();
    assertThat(feed.pendingIntervalStart()).isEqualTo(Instant.parse("2025-06-01T10:00:00Z"));
  }

  @Test
  void shouldPaceTheReadingsOfAnIntervalAtTheRate() {
    clock.set(Instant.parse("2025-06-01T10:30:00Z"));
    assertThat(feed.poll()).isEqualTo(1); // meter 0 is due at the end

    clock.advance(Duration.ofMillis(2_000)); // 2 s x 2/s: meters 1-4 more
    assertThat(feed.poll()).isEqualTo(4);

    clock.advance(Duration.ofSeconds(60)); // the rest of the 10
    assertThat(feed.poll()).isEqualTo(5);
    assertThat(sent)
        .extracting(Reading::meterId)
        .containsExactly(
            FleetSpec.meterId(0),
            FleetSpec.meterId(1),
            FleetSpec.meterId(2),
            FleetSpec.meterId(3),
            FleetSpec.meterId(4),
            FleetSpec.meterId(5),
            FleetSpec.meterId(6),
            FleetSpec.meterId(7),
            FleetSpec.meterId(8),
            FleetSpec.meterId(9));
    assertThat(feed.pendingIntervalStart()).isEqualTo(Instant.parse("2025-06-01T10:30:00Z"));
  }

  @Test
  void shouldSendTheTrueEnergyOfTheIntervalJustEnded() {
    clock.set(Instant.parse("2025-06-01T10:31:00Z"));
    feed.poll();

    Instant start = Instant.parse("2025-06-01T10:00:00Z");
    assertThat(sent).hasSize(10);
    for (int m = 0; m < 10; m++) {
      Reading r = sent.get(m);
      assertThat(r.intervalStart()).isEqualTo(start);
      assertThat(r.intervalMinutes()).isEqualTo(30);
      assertThat(r.wh()).isEqualTo(fleet.cleanWh(m, start));
    }
  }

  @Test
  void shouldCatchUpEveryIntervalMissedDuringAPause() {
    // Ends at 10:30 and 11:00 are over a minute past: both complete; 11:30 has not come.
    clock.set(Instant.parse("2025-06-01T11:29:00Z"));

    assertThat(feed.poll()).isEqualTo(20);
    assertThat(feed.sent()).isEqualTo(20);
    assertThat(sent.get(10).intervalStart()).isEqualTo(Instant.parse("2025-06-01T10:30:00Z"));
  }

  @Test
  void shouldRefuseANonPositiveRate() {
    assertThatThrownBy(() -> new LiveFeed(fleet, clock, 0, r -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("readingsPerSecond");
  }
}
