package io.gridlens.core.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.gridlens.core.DayContext;
import io.gridlens.core.MeterDay;
import io.gridlens.core.Quality;
import io.gridlens.core.reference.CarbonIntensity;
import io.gridlens.core.reference.Contract;
import io.gridlens.core.reference.Period;
import io.gridlens.core.reference.TariffKind;
import io.gridlens.core.reference.TempoCalendar;
import io.gridlens.core.reference.TempoColour;
import io.gridlens.core.reference.TimeWindow;
import io.gridlens.core.reference.Validity;
import io.gridlens.core.testkit.TestDays;
import io.gridlens.core.testkit.TestTariffs;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Laws of the per-day additive insights, on random days (DST change days over-represented), zones,
 * interval lengths, qualities, tariffs, off-peak windows, Tempo colours and carbon intensities.
 *
 * <p>The oracle classifies each interval independently of {@link TimeOfUse}, the slow way: the
 * {@link ZonedDateTime} of its start.
 */
class DayInsightsPropertiesTest {

  /** One generated day with its context. */
  record Case(MeterDay day, Contract contract, TempoCalendar tempo, CarbonIntensity carbon) {
    DayContext ctx() {
      return TestTariffs.context(day, contract, tempo, carbon);
    }
  }

  @Property(tries = 300)
  void shouldSplitTimeOfUseIntoTheDaysEnergy(@ForAll("cases") Case c) {
    DayInsights d = DayInsights.of(c.day(), c.ctx());

    assertThat(d.touWh().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(d.wh());
    assertThat(d.touWh()).containsOnlyKeys(c.contract().tariff().periods());
  }

  @Property(tries = 300)
  void shouldCostPeriodEnergyAtPeriodPricePlusStanding(@ForAll("cases") Case c) {
    DayInsights d = DayInsights.of(c.day(), c.ctx());

    double expected = c.contract().standingEurPerYear() / c.day().date().lengthOfYear();
    for (Map.Entry<Period, Long> e : d.touWh().entrySet()) {
      expected += e.getValue() * c.contract().price(e.getKey()) / 1000;
    }
    assertClose(d.costEur(), expected);
  }

  @Property(tries = 300)
  void shouldAgreeWithIntervalByIntervalDefinition(@ForAll("cases") Case c) {
    // DESIGN.md section 9, literally: per interval, its period from the local date-time of its
    // start, kWh x price, kWh x intensity of its UTC hour.
    MeterDay day = c.day();
    ZoneId zone = day.zone();
    Map<Period, Long> tou = new EnumMap<>(Period.class);
    c.contract().tariff().periods().forEach(p -> tou.put(p, 0L));
    double energyCost = 0;
    double co2 = 0;
    long wh = 0;
    int missing = 0;
    for (int i = 0; i < day.size(); i++) {
      Instant start = day.slots().slotStart(i);
      Period p = oraclePeriod(c, start.atZone(zone));
      tou.merge(p, day.wh(i), Long::sum);
      energyCost += day.wh(i) / 1000.0 * c.contract().price(p);
      co2 += day.wh(i) / 1000.0 * c.carbon().gPerKwh(start);
      wh += day.wh(i);
      missing += day.quality(i) == Quality.MISSING ? 1 : 0;
    }

    DayInsights d = DayInsights.of(day, c.ctx());

    assertThat(d.touWh()).isEqualTo(tou);
    assertThat(d.wh()).isEqualTo(wh);
    assertThat(d.missing()).isEqualTo(missing);
    assertClose(d.energyCostEur(), energyCost);
    assertClose(d.co2G(), co2);
  }

  @Property(tries = 100)
  void shouldGiveBitIdenticalInsightsForEqualDays(@ForAll("cases") Case c) {
    // Batch and speed build their own MeterDay and context objects for the same day.
    MeterDay copy =
        new MeterDay(
            c.day().readings(), c.day().whArray(), c.day().qualityCodes(), c.day().flagWords());

    DayInsights a = DayInsights.of(c.day(), c.ctx());
    DayInsights b =
        DayInsights.of(copy, TestTariffs.context(copy, c.contract(), c.tempo(), c.carbon()));

    assertThat(b).isEqualTo(a);
    assertThat(Double.doubleToRawLongBits(b.costEur()))
        .isEqualTo(Double.doubleToRawLongBits(a.costEur()));
    assertThat(Double.doubleToRawLongBits(b.co2G()))
        .isEqualTo(Double.doubleToRawLongBits(a.co2G()));
  }

  private static void assertClose(double actual, double expected) {
    if (expected == 0) {
      assertThat(actual).isZero();
    } else {
      assertThat(actual).isCloseTo(expected, withinPercentage(1e-7)); // 1e-9 relative
    }
  }

  private static Period oraclePeriod(Case c, ZonedDateTime start) {
    LocalTime t = start.toLocalTime();
    boolean off = c.contract().offPeak().stream().anyMatch(w -> w.contains(t));
    return switch (c.contract().tariff()) {
      case BASE -> Period.BASE;
      case HPHC -> off ? Period.HC : Period.HP;
      case TEMPO ->
          Period.tempo(c.tempo().colour(start.toLocalDateTime().minusHours(6).toLocalDate()), off);
    };
  }

  // ---- generators ------------------------------------------------------------------------

  private static final List<ZoneId> ZONES =
      List.of(
          ZoneId.of("Europe/Paris"),
          ZoneId.of("America/New_York"),
          ZoneId.of("Asia/Kolkata"),
          ZoneId.of("UTC"));

  private static final List<LocalDate> DST_DAYS =
      List.of(
          LocalDate.of(2026, 3, 29),
          LocalDate.of(2026, 10, 25),
          LocalDate.of(2026, 3, 8),
          LocalDate.of(2026, 11, 1),
          LocalDate.of(2028, 3, 26),
          LocalDate.of(2028, 10, 29));

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<LocalDate> dates =
        Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.of(DST_DAYS)),
            Tuple.of(
                3,
                Arbitraries.longs()
                    .between(
                        LocalDate.of(2024, 1, 1).toEpochDay(),
                        LocalDate.of(2028, 12, 31).toEpochDay())
                    .map(LocalDate::ofEpochDay)));
    Arbitrary<ZoneId> zones = Arbitraries.of(ZONES);
    Arbitrary<Integer> minutes = Arbitraries.of(15, 30, 60);
    return Combinators.combine(dates, zones, minutes, contracts(), tempos())
        .flatAs(
            (date, zone, len, contract, tempo) -> {
              TestDays.Builder b = TestDays.day("M1", zone, date, len);
              return slotValues(b.count())
                  .flatMap(
                      values ->
                          carbons(b.slots().start(), b.slots().end())
                              .map(
                                  carbon -> {
                                    for (int i = 0; i < values.size(); i++) {
                                      long v = values.get(i);
                                      if (v < 0) {
                                        b.quality(i, Quality.ofCode((int) -v));
                                      } else {
                                        b.wh(i, v);
                                      }
                                    }
                                    return new Case(b.build(), contract, tempo.apply(date), carbon);
                                  }));
            });
  }

  /** Per slot: a value in Wh (>= 0, ACTUAL), or minus a quality code to set instead. */
  private static Arbitrary<List<Long>> slotValues(int n) {
    Arbitrary<Long> slot =
        Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.longs().between(0, 4_000)),
            Tuple.of(1, Arbitraries.just((long) -Quality.MISSING.code())),
            Tuple.of(1, Arbitraries.of(-2L, -3L, -4L)));
    return slot.list().ofSize(n);
  }

  private static Arbitrary<Contract> contracts() {
    Arbitrary<Double> price = Arbitraries.doubles().between(0, 1).ofScale(4);
    Arbitrary<Double> standing = Arbitraries.doubles().between(0, 500).ofScale(2);
    Arbitrary<List<String>> windows = window().list().ofMinSize(1).ofMaxSize(3).uniqueElements();
    Arbitrary<TariffKind> tariff = Arbitraries.of(TariffKind.class);
    return Combinators.combine(tariff, windows, price.list().ofSize(6), standing)
        .as(
            (kind, w, prices, st) -> {
              Map<Period, Double> p = new HashMap<>();
              List<Period> periods = kind.periods();
              for (int i = 0; i < periods.size(); i++) {
                p.put(periods.get(i), prices.get(i));
              }
              List<TimeWindow> offPeak =
                  kind == TariffKind.BASE ? List.of() : TestTariffs.windows(w);
              return new Contract(
                  "M1", TestTariffs.TENANT, Validity.ALWAYS, kind, 6, offPeak, p, st);
            });
  }

  /** An off-peak window on 5-minute boundaries (so it can cut an interval in two). */
  private static Arbitrary<String> window() {
    Arbitrary<Integer> fiveMinutes = Arbitraries.integers().between(0, 287);
    return Combinators.combine(fiveMinutes, fiveMinutes)
        .filter((a, b) -> !a.equals(b))
        .as((a, b) -> hhmm(a * 5) + "-" + hhmm(b * 5));
  }

  private static String hhmm(int minuteOfDay) {
    return String.format("%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
  }

  /** Random colours for the day before, the day, and the day after. */
  private static Arbitrary<Function<LocalDate, TempoCalendar>> tempos() {
    return Arbitraries.of(TempoColour.class)
        .list()
        .ofSize(3)
        .map(
            colours ->
                date -> {
                  Map<LocalDate, TempoColour> m = new HashMap<>();
                  m.put(date.minusDays(1), colours.get(0));
                  m.put(date, colours.get(1));
                  m.put(date.plusDays(1), colours.get(2));
                  return new TempoCalendar(m);
                });
  }

  /** Hourly intensities for some hours of the day (others at the fallback), or a fixed factor. */
  private static Arbitrary<CarbonIntensity> carbons(Instant dayStart, Instant dayEnd) {
    Arbitrary<Double> g = Arbitraries.doubles().between(0, 900).ofScale(1);
    long firstHour = Math.floorDiv(dayStart.getEpochSecond(), 3600);
    long lastHour = Math.floorDiv(dayEnd.getEpochSecond() - 1, 3600);
    int hours = (int) (lastHour - firstHour + 1);
    Arbitrary<CarbonIntensity> hourly =
        Combinators.combine(g.injectNull(0.3).list().ofSize(hours), g)
            .as(
                (perHour, fallback) -> {
                  Map<Instant, Double> m = new HashMap<>();
                  for (int h = 0; h < hours; h++) {
                    if (perHour.get(h) != null) {
                      m.put(Instant.ofEpochSecond((firstHour + h) * 3600), perHour.get(h));
                    }
                  }
                  return CarbonIntensity.hourly("FR-IDF", m, fallback);
                });
    Arbitrary<CarbonIntensity> fixed = g.map(v -> CarbonIntensity.fixed("FR-IDF", v));
    return Arbitraries.oneOf(hourly, fixed);
  }
}
