package io.gridlens.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlens.core.insight.DayInsights;
import io.gridlens.core.reference.CarbonIntensity;
import io.gridlens.core.reference.Contract;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.reference.Period;
import io.gridlens.core.reference.ReferenceData;
import io.gridlens.core.reference.TariffKind;
import io.gridlens.core.reference.TimeWindow;
import io.gridlens.core.reference.Validity;
import io.gridlens.core.vee.History;
import io.gridlens.core.vee.Vee;
import io.gridlens.core.vee.VeeConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The blending invariant of DESIGN.md section 5, on the core functions alone: for any reading
 * stream (duplicates, corrections, late and out-of-order delivery, bad values) and ANY cut, the
 * blended answer (batch rows of the readings below the cut; speed rows = batch row + the later
 * readings, recomputed by the same code) equals the batch of all readings, for every meter-day —
 * the cleaned day itself and its additive insights (consumption, time-of-use, cost, carbon).
 *
 * <p>Both sides clean without history: long-gap (profile) estimation is batch-only and converges at
 * the next batch, as DESIGN.md says.
 */
class BlendLawTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final String METER = "M1";
  private static final LocalDate FIRST = LocalDate.of(2026, 3, 28); // 28th: 48, 29th: 46 slots
  private static final int DAYS = 3;
  private static final ReferenceData REF = reference();

  private record Draw(int day, int slot, long wh, Quality quality) {}

  @Provide
  Arbitrary<List<Reading>> streams() {
    Arbitrary<Integer> day = Arbitraries.integers().between(0, DAYS - 1);
    Arbitrary<Integer> slot =
        Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.integers().between(0, 5)),
            Tuple.of(3, Arbitraries.integers().between(0, 45)));
    Arbitrary<Long> wh =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.longs().between(0, 1_500)),
            Tuple.of(2, Arbitraries.longs().between(0, 3)),
            Tuple.of(1, Arbitraries.longs().between(-50, -1)),
            Tuple.of(1, Arbitraries.longs().between(5_000, 40_000)));
    Arbitrary<Quality> quality =
        Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.just(Quality.ACTUAL)),
            Tuple.of(1, Arbitraries.just(Quality.ESTIMATED)),
            Tuple.of(1, Arbitraries.just(Quality.EDITED)));
    return Combinators.combine(day, slot, wh, quality)
        .as(Draw::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(160)
        .map(BlendLawTest::deliver);
  }

  /** Delivery order is the draw order: ingest positions follow it, event time does not. */
  private static List<Reading> deliver(List<Draw> draws) {
    List<Reading> out = new ArrayList<>();
    for (int i = 0; i < draws.size(); i++) {
      Draw d = draws.get(i);
      DaySlots slots = new DaySlots(PARIS, FIRST.plusDays(d.day()), 30);
      Instant start = slots.slotStart(Math.min(d.slot(), slots.count() - 1));
      Reading r =
          new Reading(
              METER,
              Channel.IMPORT,
              start,
              30,
              ValueKind.INTERVAL,
              d.wh(),
              d.quality(),
              "test",
              null,
              null);
      out.add(r.ingested(new IngestPosition(0, i), start));
    }
    return out;
  }

  @Property(tries = 300)
  void shouldBlendToTheBatchOfAllReadingsForEveryCut(@ForAll("streams") List<Reading> stream) {
    Map<LocalDate, MeterDay> all = batch(stream);

    for (int cut = 0; cut <= stream.size(); cut++) {
      Map<LocalDate, MeterDay> blended = blend(stream, cut);

      assertThat(blended.keySet()).as("days at cut %d", cut).isEqualTo(all.keySet());
      for (LocalDate date : all.keySet()) {
        MeterDay expected = all.get(date);
        MeterDay actual = blended.get(date);
        assertThat(actual).as("day %s at cut %d", date, cut).isEqualTo(expected);
        assertThat(insights(actual))
            .as("insights of %s at cut %d", date, cut)
            .isEqualTo(insights(expected));
      }
    }
  }

  /** Batch: every reading below the cut, folded per day, cleaned. */
  private static Map<LocalDate, MeterDay> batch(List<Reading> readings) {
    Map<LocalDate, DayReadings> folds = new TreeMap<>();
    for (Reading r : readings) {
      LocalDate date = DaySlots.localDate(r.intervalStart(), PARIS);
      folds
          .computeIfAbsent(
              date,
              d ->
                  new DayReadings(
                      new MeterDayKey(METER, Channel.IMPORT, d), new DaySlots(PARIS, d, 30)))
          .add(r);
    }
    Map<LocalDate, MeterDay> days = new TreeMap<>();
    folds.forEach((d, f) -> days.put(d, clean(f)));
    return days;
  }

  /**
   * Speed on top of batch: the days touched at or after the cut are the batch row's raw fold plus
   * the later readings; the query takes the speed row when it holds an offset at or after the cut.
   */
  private static Map<LocalDate, MeterDay> blend(List<Reading> stream, int cut) {
    Map<LocalDate, MeterDay> batchView = batch(stream.subList(0, cut));
    Map<LocalDate, DayReadings> speedFolds = new HashMap<>();
    for (Reading r : stream.subList(cut, stream.size())) {
      LocalDate date = DaySlots.localDate(r.intervalStart(), PARIS);
      speedFolds
          .computeIfAbsent(
              date,
              d -> {
                MeterDay base = batchView.get(d);
                return base != null
                    ? base.readings()
                    : new DayReadings(
                        new MeterDayKey(METER, Channel.IMPORT, d), new DaySlots(PARIS, d, 30));
              })
          .add(r);
    }
    Map<LocalDate, MeterDay> speedView = new HashMap<>();
    speedFolds.forEach((d, f) -> speedView.put(d, clean(f)));

    Map<LocalDate, MeterDay> answer = new TreeMap<>(batchView);
    speedView.forEach(
        (d, row) -> {
          if (IngestPosition.offsetOf(row.maxPosition()) >= cut) {
            answer.put(d, row);
          }
        });
    return answer;
  }

  private static MeterDay clean(DayReadings fold) {
    DayContext ctx = DayContext.of(REF, METER, fold.key().date());
    return Vee.clean(fold, ctx, VeeConfig.DEFAULTS, History.none());
  }

  private static DayInsights insights(MeterDay day) {
    return DayInsights.of(day, DayContext.of(REF, METER, day.date()));
  }

  private static ReferenceData reference() {
    Map<Instant, Double> hourly = new HashMap<>();
    Instant h0 = FIRST.atStartOfDay(PARIS).toInstant();
    for (int h = 0; h < DAYS * 24; h++) {
      hourly.put(h0.plusSeconds(3600L * h), 20.0 + (h * 37 % 90));
    }
    return InMemoryReferenceData.builder()
        .meter(new Meter(METER, "t1", "P1", "C1", PARIS, 30))
        .premise(
            new io.gridlens.core.reference.Premise(
                "P1",
                "t1",
                PARIS,
                "FR-IDF",
                io.gridlens.core.reference.DwellingType.HOUSE,
                90,
                io.gridlens.core.reference.HeatingEnergy.ELECTRIC,
                3,
                Validity.ALWAYS))
        .contract(
            new Contract(
                METER,
                "t1",
                Validity.ALWAYS,
                TariffKind.HPHC,
                9,
                List.of(TimeWindow.parse("22:00-06:00")),
                Map.of(Period.HP, 0.2081, Period.HC, 0.1635),
                185.58))
        .carbon(CarbonIntensity.hourly("FR-IDF", hourly, 55.0))
        .build();
  }
}
