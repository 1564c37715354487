package io.gridlens.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DaySlotsTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final LocalDate SPRING = LocalDate.of(2026, 3, 29);
  private static final LocalDate ORDINARY = LocalDate.of(2026, 6, 10);
  private static final LocalDate AUTUMN = LocalDate.of(2026, 10, 25);

  @ParameterizedTest
  @CsvSource({
    "2026-03-29, 30, 46",
    "2026-06-10, 30, 48",
    "2026-10-25, 30, 50",
    "2026-03-29, 15, 92",
    "2026-10-25, 60, 25",
    "2026-06-10, 5, 288"
  })
  void shouldCountTheIntervalsOfALocalDay(LocalDate date, int minutes, int count) {
    assertThat(new DaySlots(PARIS, date, minutes).count()).isEqualTo(count);
  }

  @Test
  void shouldStartTheDayAtLocalMidnight() {
    DaySlots s = new DaySlots(PARIS, ORDINARY, 30);

    // Paris is UTC+2 in June: local midnight is 22:00Z the day before.
    assertThat(s.start()).isEqualTo(Instant.parse("2026-06-09T22:00:00Z"));
    assertThat(s.end()).isEqualTo(Instant.parse("2026-06-10T22:00:00Z"));
  }

  @Test
  void shouldRoundTripEverySlotOfTheDstDays() {
    for (LocalDate date : new LocalDate[] {SPRING, ORDINARY, AUTUMN}) {
      DaySlots s = new DaySlots(PARIS, date, 30);
      for (int i = 0; i < s.count(); i++) {
        assertThat(s.slotOf(s.slotStart(i))).as("%s slot %d", date, i).isEqualTo(i);
      }
    }
  }

  @Test
  void shouldPlaceTheSlotsOfTheSpringDayAroundTheMissingHour() {
    DaySlots s = new DaySlots(PARIS, SPRING, 30);

    // 01:30 CET = 00:30Z is slot 3; the next slot is 03:00 CEST = 01:00Z.
    assertThat(s.slotStart(3)).isEqualTo(Instant.parse("2026-03-29T00:30:00Z"));
    assertThat(s.slotStart(4)).isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
    assertThat(s.slotStart(45)).isEqualTo(Instant.parse("2026-03-29T21:30:00Z"));
  }

  @Test
  void shouldGiveTheRepeatedHourOfTheAutumnDayItsOwnSlots() {
    DaySlots s = new DaySlots(PARIS, AUTUMN, 30);

    // 02:00 CEST = 00:00Z is slot 4; 02:00 CET = 01:00Z is slot 6.
    assertThat(s.slotOf(Instant.parse("2026-10-25T00:00:00Z"))).isEqualTo(4);
    assertThat(s.slotOf(Instant.parse("2026-10-25T01:00:00Z"))).isEqualTo(6);
  }

  @Test
  void shouldAnswerMinusOneForAMisalignedInstant() {
    DaySlots s = new DaySlots(PARIS, ORDINARY, 30);

    assertThat(s.slotOf(s.start().plusSeconds(600))).isEqualTo(-1);
    assertThat(s.slotOf(s.start().plusNanos(1))).isEqualTo(-1);
  }

  @Test
  void shouldAnswerMinusOneOutsideTheDay() {
    DaySlots s = new DaySlots(PARIS, ORDINARY, 30);

    assertThat(s.slotOf(s.start().minusSeconds(1800))).isEqualTo(-1);
    assertThat(s.slotOf(s.end())).isEqualTo(-1);
  }

  @Test
  void shouldRefuseASlotNumberOutsideTheDay() {
    DaySlots s = new DaySlots(PARIS, SPRING, 30);

    assertThatThrownBy(() -> s.slotStart(46)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void shouldRefuseAnIntervalThatDoesNotDivideTheDay() {
    // Lord Howe Island ends DST by 30 min on 2026-04-05: a 24.5 h day, no whole hours.
    ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");

    assertThatThrownBy(() -> new DaySlots(lordHowe, LocalDate.of(2026, 4, 5), 60))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1470 min");
    assertThat(new DaySlots(lordHowe, LocalDate.of(2026, 4, 5), 30).count()).isEqualTo(49);
  }

  @Test
  void shouldStepToTheNextAndPreviousDay() {
    DaySlots s = new DaySlots(PARIS, SPRING, 30);

    assertThat(s.next().date()).isEqualTo(SPRING.plusDays(1));
    assertThat(s.previous().date()).isEqualTo(SPRING.minusDays(1));
    assertThat(s.next().start()).isEqualTo(s.end());
  }

  @Test
  void shouldFindTheLocalDayContainingAnInstant() {
    // 23:30Z on 28 March is 00:30 CET on 29 March.
    DaySlots s = DaySlots.containing(Instant.parse("2026-03-28T23:30:00Z"), PARIS, 30);

    assertThat(s.date()).isEqualTo(SPRING);
    assertThat(s.slotOf(Instant.parse("2026-03-28T23:30:00Z"))).isEqualTo(1);
  }

  @Test
  void shouldAcceptExactlyTheIntervalLengthsAReadingMayHave() {
    LocalDate d = LocalDate.of(2026, 1, 15);
    for (int m = 0; m <= 120; m++) {
      int minutes = m;
      if (Reading.INTERVAL_MINUTES.contains(m)) {
        assertThat(new DaySlots(ZoneId.of("UTC"), d, m).count()).isEqualTo(1440 / m);
      } else {
        assertThatThrownBy(() -> new DaySlots(ZoneId.of("UTC"), d, minutes))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("was " + m);
      }
    }
  }

  @Test
  void shouldBeEqualWithTheSameZoneDateAndIntervalOnly() {
    ZoneId paris = ZoneId.of("Europe/Paris");
    LocalDate d = LocalDate.of(2026, 3, 29);
    DaySlots a = new DaySlots(paris, d, 30);

    assertThat(a)
        .isEqualTo(new DaySlots(paris, d, 30))
        .hasSameHashCodeAs(new DaySlots(paris, d, 30));
    assertThat(a).isNotEqualTo(new DaySlots(paris, d, 15));
    assertThat(a).isNotEqualTo(new DaySlots(paris, d.plusDays(1), 30));
    assertThat(a).isNotEqualTo(new DaySlots(ZoneId.of("UTC"), d, 30));
    assertThat(a).hasToString("DaySlots[zone=Europe/Paris, date=2026-03-29, intervalMinutes=30]");
  }
}
