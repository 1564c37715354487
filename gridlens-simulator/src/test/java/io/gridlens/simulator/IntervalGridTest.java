package io.gridlens.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class IntervalGridTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Test
  void shouldCutDstChangeDaysInto46And50HalfHours() {
    // 2025-03-29 (48), 2025-03-30 spring forward (46), 2025-03-31 (48).
    IntervalGrid spring = new IntervalGrid(PARIS, LocalDate.of(2025, 3, 29), 3, 30);
    // 2025-10-26 autumn back (50).
    IntervalGrid autumn = new IntervalGrid(PARIS, LocalDate.of(2025, 10, 26), 1, 30);

    assertThat(spring.size()).isEqualTo(48 + 46 + 48);
    assertThat(spring.dayFirst(2) - spring.dayFirst(1)).isEqualTo(46);
    assertThat(autumn.size()).isEqualTo(50);
  }

  @Test
  void shouldStartTheWindowAtLocalMidnight() {
    IntervalGrid grid = new IntervalGrid(PARIS, LocalDate.of(2025, 1, 1), 1, 30);

    // Local midnight of 2025-01-01 in Paris (UTC+1) is 2024-12-31T23:00Z = 1 735 686 000 s.
    assertThat(grid.start(0)).isEqualTo(Instant.parse("2024-12-31T23:00:00Z"));
    assertThat(grid.epochMinute(0)).isEqualTo(1_735_686_000 / 60);
    assertThat(grid.minuteOfDay(0)).isZero();
  }

  @Test
  void shouldJumpLocalTimeFromTwoToThreeOnSpringForward() {
    IntervalGrid grid = new IntervalGrid(PARIS, LocalDate.of(2025, 3, 30), 1, 30);

    // Slots 0-3 are 00:00, 00:30, 01:00, 01:30 CET; slot 4 starts at 01:00Z = 03:00 CEST.
    assertThat(grid.minuteOfDay(3)).isEqualTo(90);
    assertThat(grid.minuteOfDay(4)).isEqualTo(180);
    assertThat(grid.start(4)).isEqualTo(Instant.parse("2025-03-30T01:00:00Z"));
  }

  @Test
  void shouldFindTheIntervalAndTheDayOfAnInstant() {
    IntervalGrid grid = new IntervalGrid(PARIS, LocalDate.of(2025, 1, 1), 3, 30);

    // 2025-01-02T10:00 CET = 09:00Z, 48 + 20 half-hours after the window's start.
    Instant t = Instant.parse("2025-01-02T09:00:00Z");
    assertThat(grid.indexOf(t)).isEqualTo(68);
    assertThat(grid.dayOf(68)).isEqualTo(1);
    assertThat(grid.indexOf(t.plusSeconds(60))).isEqualTo(-1);
    assertThat(grid.indexOf(Instant.parse("2025-01-04T00:00:00Z"))).isEqualTo(-1);
  }
}
