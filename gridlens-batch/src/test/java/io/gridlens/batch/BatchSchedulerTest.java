package io.gridlens.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class BatchSchedulerTest {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  static ZonedDateTime paris(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(PARIS);
  }

  @Test
  void shouldRunLaterTheSameDayWhenTheTimeIsStillAhead() {
    // 2026-01-10 01:00 Paris, runs at 02:30: 1 h 30 later, same day.
    assertThat(BatchScheduler.nextRun(paris("2026-01-10T01:00"), LocalTime.of(2, 30)))
        .isEqualTo(paris("2026-01-10T02:30"));
  }

  @Test
  void shouldRunTheNextDayWhenTheTimeHasPassedOrIsNow() {
    assertThat(BatchScheduler.nextRun(paris("2026-01-10T02:30"), LocalTime.of(2, 30)))
        .isEqualTo(paris("2026-01-11T02:30"));
  }

  @Test
  void shouldRunAnHourLaterWhenTheTimeFallsInTheSpringForwardGap() {
    // 2026-03-29 in Paris: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist. The run is at
    // 03:30 CEST = 01:30 UTC, one hour after 02:30 CET would have been.
    ZonedDateTime next = BatchScheduler.nextRun(paris("2026-03-28T23:00"), LocalTime.of(2, 30));

    assertThat(next.toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-03-29T03:30"));
    assertThat(next.toInstant().toString()).isEqualTo("2026-03-29T01:30:00Z");
  }

  @Test
  void shouldRunOnceAtTheFirstOccurrenceOnTheFallBackDay() {
    // 2026-10-25 in Paris: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice, at 00:30 UTC
    // (CEST, +02:00) and 01:30 UTC (CET). The run is at the first, and once only.
    ZonedDateTime first = BatchScheduler.nextRun(paris("2026-10-25T00:10"), LocalTime.of(2, 30));

    assertThat(first.toInstant().toString()).isEqualTo("2026-10-25T00:30:00Z");
    ZonedDateTime afterFirst = BatchScheduler.nextRun(first, LocalTime.of(2, 30));
    assertThat(afterFirst.toLocalDate()).isEqualTo(java.time.LocalDate.parse("2026-10-26"));
  }
}
