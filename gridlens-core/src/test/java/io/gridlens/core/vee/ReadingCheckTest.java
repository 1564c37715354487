package io.gridlens.core.vee;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlens.core.Flag;
import io.gridlens.core.Reading;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.core.reference.ReferenceData;
import io.gridlens.core.testkit.TestTariffs;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Edge validation of single readings by {@link ReadingCheck}. */
class ReadingCheckTest {

  private static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");
  private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu"); // UTC+05:45

  private static final ReferenceData REF =
      InMemoryReferenceData.builder()
          .meter(TestTariffs.meter("M1", RawDay.PARIS, 30))
          .meter(TestTariffs.meter("K1", KATHMANDU, 30))
          .build();

  private static Verdict check(Reading r) {
    return check(r, NOW);
  }

  private static Verdict check(Reading r, Instant now) {
    return new ReadingCheck(REF, Clock.fixed(now, ZoneOffset.UTC), VeeConfig.DEFAULTS).check(r);
  }

  private static Reading at(String meter, String start, int minutes, long wh) {
    return Reading.of(meter, Instant.parse(start), minutes, wh);
  }

  @Test
  void shouldAcceptAGoodReading() {
    Verdict v = check(at("M1", "2026-01-15T11:00:00Z", 30, 250));

    assertThat(v).isSameAs(Verdict.ACCEPTED);
    assertThat(v.accepted()).isTrue();
  }

  @Test
  void shouldRejectAnIntervalEndingInTheFuture() {
    // Ends 12:30, now 12:00, tolerance 5 min.
    Verdict v = check(at("M1", "2026-01-15T12:00:00Z", 30, 250));

    assertThat(v.accepted()).isFalse();
    assertThat(Flag.decode(v.flags())).containsExactly(Flag.FUTURE);
    assertThat(v.field()).isEqualTo("interval_start");
    assertThat(v.reason()).contains("future").contains("2026-01-15T12:30:00Z");
  }

  @Test
  void shouldAcceptAnIntervalEndingWithinTheTolerance() {
    // Ends 12:00, now 11:56: 4 min ahead, within the 5 min of clock skew.
    Verdict v = check(at("M1", "2026-01-15T11:30:00Z", 30, 250), NOW.minusSeconds(240));

    assertThat(v.accepted()).isTrue();
  }

  @Test
  void shouldRejectAnUnalignedStart() {
    Verdict v = check(at("M1", "2026-01-15T11:10:00Z", 30, 250));

    assertThat(Flag.decode(v.flags())).containsExactly(Flag.UNALIGNED);
    assertThat(v.field()).isEqualTo("interval_start");
    assertThat(v.reason()).contains("11:10").contains("30 min");
  }

  @Test
  void shouldJudgeAlignmentInTheMetersLocalDay() {
    // Kathmandu is UTC+05:45: 18:15Z is local midnight, a half-hour boundary; 18:00Z is 23:45.
    assertThat(check(at("K1", "2026-01-14T18:15:00Z", 30, 250)).accepted()).isTrue();
    assertThat(check(at("K1", "2026-01-14T18:00:00Z", 30, 250)).has(Flag.UNALIGNED)).isTrue();
  }

  @Test
  void shouldRejectAnUnknownMeter() {
    Verdict v = check(at("NOPE", "2026-01-15T11:00:00Z", 30, 250));

    assertThat(Flag.decode(v.flags())).containsExactly(Flag.UNKNOWN_METER);
    assertThat(v.field()).isEqualTo("meter_id");
    assertThat(v.reason()).contains("NOPE");
  }

  @Test
  void shouldRejectAnIntervalLengthThatIsNotTheMeters() {
    Verdict v = check(at("M1", "2026-01-15T11:15:00Z", 15, 100));

    assertThat(Flag.decode(v.flags())).containsExactly(Flag.INTERVAL_LENGTH);
    assertThat(v.field()).isEqualTo("interval_minutes");
    assertThat(v.reason()).contains("15 min").contains("30 min");
  }

  @Test
  void shouldRejectANegativeValue() {
    Verdict v = check(at("M1", "2026-01-15T11:00:00Z", 30, -3));

    assertThat(Flag.decode(v.flags())).containsExactly(Flag.NEGATIVE);
    assertThat(v.field()).isEqualTo("wh");
    assertThat(v.reason()).contains("-3");
  }

  @Test
  void shouldReportEveryProblemOfOneReading() {
    Verdict v = check(at("NOPE", "2026-01-16T11:00:00Z", 30, -3));

    assertThat(Flag.decode(v.flags()))
        .containsExactlyInAnyOrder(Flag.UNKNOWN_METER, Flag.FUTURE, Flag.NEGATIVE);
    assertThat(v.field()).isEqualTo("meter_id");
    assertThat(v.reason()).contains("unknown meter").contains("future").contains("negative");
  }
}
