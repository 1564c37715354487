package io.gridlens.core.vee;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlens.core.DaySlots;
import io.gridlens.core.Flag;
import io.gridlens.core.Reading;
import io.gridlens.core.reference.CarbonIntensity;
import io.gridlens.core.reference.Contract;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.reference.Premise;
import io.gridlens.core.reference.ReferenceData;
import io.gridlens.core.reference.Weather;
import io.gridlens.core.testkit.TestTariffs;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Edge validation of single readings by {@link ReadingCheck}. */
class ReadingCheckTest {

  private static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");
  private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu"); // UTC+05:45

  private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe"); // 30 min DST shift

  private static final ReferenceData REF =
      InMemoryReferenceData.builder()
          .meter(TestTariffs.meter("M1", RawDay.PARIS, 30))
          .meter(TestTariffs.meter("K1", KATHMANDU, 30))
          .meter(TestTariffs.meter("LH60", LORD_HOWE, 60))
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

  @Test
  void shouldRejectHourlyReadingsOnADayThatLastsTwentyFourAndAHalfHours() {
    // Lord Howe leaves DST on 2026-04-05 at 02:00 local (+11:00 -> +10:30): that local day lasts
    // 24.5 h, which no whole number of hours fills. Its midnight is 2026-04-04T13:00Z (00:00
    // at +11:00); the next day is an ordinary 24 h day starting 2026-04-05T13:30Z (+10:30).
    Instant now = Instant.parse("2026-05-01T00:00:00Z");

    assertThat(check(at("LH60", "2026-04-04T13:00:00Z", 60, 250), now).has(Flag.UNALIGNED))
        .isTrue();
    assertThat(check(at("LH60", "2026-04-05T13:30:00Z", 60, 250), now).accepted()).isTrue();
  }

  @Test
  void shouldJudgeAMeterByTheZoneItHasWhenTheReadingIsChecked() {
    // 2026-01-14T18:15Z is local midnight in Kathmandu (+05:45), but 19:15 in Paris (+01:00).
    MovableMeter ref = new MovableMeter(TestTariffs.meter("K1", KATHMANDU, 30));
    ReadingCheck check =
        new ReadingCheck(ref, Clock.fixed(NOW, ZoneOffset.UTC), VeeConfig.DEFAULTS);
    Reading r = at("K1", "2026-01-14T18:15:00Z", 30, 250);
    assertThat(check.check(r).accepted()).isTrue();

    ref.meter = TestTariffs.meter("K1", RawDay.PARIS, 30);

    assertThat(Flag.decode(check.check(r).flags())).containsExactly(Flag.UNALIGNED);
  }

  /**
   * Law: one check, fed readings of many zones, days and lengths in any order, calls a start
   * aligned exactly when it is a slot of its local day ({@link DaySlots#slotOf}), the day's slots
   * existing. Tiny day caches make zones and days share entries.
   */
  @Property(tries = 300)
  void shouldJudgeAlignmentAsTheSlotsOfTheLocalDay(
      @ForAll("probes") List<Probe> probes, @ForAll("cacheSizes") int cacheSize) {
    ReadingCheck check =
        new ReadingCheck(
            PROBE_METERS,
            Clock.fixed(Instant.parse("2100-01-01T00:00:00Z"), ZoneOffset.UTC),
            VeeConfig.DEFAULTS,
            cacheSize);
    for (Probe p : probes) {
      Reading r = Reading.of(p.meterId(), p.start(), p.minutes(), 1);

      assertThat(check.check(r).has(Flag.UNALIGNED))
          .as("%s at %s", p.meterId(), p.start())
          .isEqualTo(!slotOfItsDay(p));
    }
  }

  private static final List<ZoneId> PROBE_ZONES =
      List.of(
          ZoneOffset.UTC,
          RawDay.PARIS,
          KATHMANDU,
          LORD_HOWE,
          ZoneId.of("America/Sao_Paulo"), // midnight did not exist on its DST start days
          ZoneId.of("America/St_Johns")); // -03:30 / -02:30

  private static final List<Integer> PROBE_MINUTES = List.of(15, 30, 60);

  private static final ReferenceData PROBE_METERS = probeMeters();

  private static ReferenceData probeMeters() {
    InMemoryReferenceData.Builder b = InMemoryReferenceData.builder();
    for (ZoneId z : PROBE_ZONES) {
      for (int m : PROBE_MINUTES) {
        b.meter(TestTariffs.meter(probeId(z, m), z, m));
      }
    }
    return b.build();
  }

  private static String probeId(ZoneId zone, int minutes) {
    return zone.getId() + "/" + minutes;
  }

  /** A reading start to judge, with the meter (zone and length) it belongs to. */
  record Probe(String meterId, ZoneId zone, int minutes, Instant start) {}

  @Provide
  Arbitrary<Integer> cacheSizes() {
    return Arbitraries.of(1, 2, ReadingCheck.DAY_CACHE_SIZE);
  }

  @Provide
  Arbitrary<List<Probe>> probes() {
    // Quarter hours from 2016 to 2027, shifted by 0 (mostly) or by an odd number of minutes.
    long from = Instant.parse("2016-01-01T00:00:00Z").getEpochSecond();
    Arbitrary<Instant> starts =
        Combinators.combine(
                Arbitraries.longs().between(0, 11L * 366 * 96),
                Arbitraries.of(0, 0, 0, 0, 0, 0, 0, 0, 5, 10, 45, 75))
            .as((q, shift) -> Instant.ofEpochSecond(from + q * 900 + shift * 60L));
    Arbitrary<Probe> one =
        Combinators.combine(Arbitraries.of(PROBE_ZONES), Arbitraries.of(PROBE_MINUTES), starts)
            .as((z, m, t) -> new Probe(probeId(z, m), z, m, t));
    // Runs of one meter's consecutive intervals, as senders send them, mixed with lone readings.
    Arbitrary<List<Probe>> run =
        Combinators.combine(one, Arbitraries.integers().between(1, 60))
            .as(
                (p, n) ->
                    java.util.stream.IntStream.range(0, n)
                        .mapToObj(
                            i ->
                                new Probe(
                                    p.meterId(),
                                    p.zone(),
                                    p.minutes(),
                                    p.start().plusSeconds(i * p.minutes() * 60L)))
                        .toList());
    // The same instants in every zone: neighbouring local days of different zones.
    Arbitrary<List<Probe>> everyZone =
        Combinators.combine(Arbitraries.of(PROBE_MINUTES), starts)
            .as(
                (m, t) ->
                    PROBE_ZONES.stream().map(z -> new Probe(probeId(z, m), z, m, t)).toList());
    return Arbitraries.oneOf(run, everyZone)
        .list()
        .ofMinSize(1)
        .ofMaxSize(20)
        .map(runs -> runs.stream().flatMap(List::stream).toList());
  }

  private static boolean slotOfItsDay(Probe p) {
    DaySlots slots;
    try {
      slots = DaySlots.containing(p.start(), p.zone(), p.minutes());
    } catch (IllegalArgumentException dayNotCutIntoSlots) {
      return false;
    }
    return slots.slotOf(p.start()) >= 0;
  }

  /** Reference data of one meter whose zone an operator may change at any moment. */
  private static final class MovableMeter implements ReferenceData {
    volatile Meter meter;

    MovableMeter(Meter meter) {
      this.meter = meter;
    }

    @Override
    public Optional<Meter> meter(String meterId) {
      return meter.id().equals(meterId) ? Optional.of(meter) : Optional.empty();
    }

    @Override
    public Optional<Premise> premise(String meterId, LocalDate date) {
      return Optional.empty();
    }

    @Override
    public Optional<Contract> contract(String meterId, LocalDate date) {
      return Optional.empty();
    }

    @Override
    public Optional<Weather> weather(String region) {
      return Optional.empty();
    }

    @Override
    public Optional<CarbonIntensity> carbon(String region) {
      return Optional.empty();
    }
  }
}
