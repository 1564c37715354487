package io.gridlens.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlens.core.DayContext;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.core.reference.Period;
import io.gridlens.core.reference.Premise;
import io.gridlens.core.reference.TariffKind;
import io.gridlens.core.reference.TempoColour;
import io.gridlens.core.reference.TimeWindow;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetReferenceDataTest {

  // One full Tempo season: 2024-09-01 to 2025-08-31.
  private static final Fleet FLEET = Fleet.of(FleetSpec.of(9, 40, LocalDate.of(2024, 9, 1), 365));
  private static final InMemoryReferenceData REF = FLEET.referenceData();

  @Test
  void shouldDescribeEveryMeterWithItsHouseholdsPremiseAndContract() {
    LocalDate day = LocalDate.of(2025, 1, 15);
    for (int m = 0; m < FLEET.size(); m++) {
      Household h = FLEET.household(m);
      DayContext ctx = DayContext.of(REF, h.meterId(), day);
      Premise p = ctx.premise();

      assertThat(ctx.meter().tenant()).isEqualTo("t1");
      assertThat(ctx.meter().intervalMinutes()).isEqualTo(30);
      assertThat(p.region()).isEqualTo(h.region().code());
      assertThat(p.heating()).isEqualTo(h.heating());
      assertThat(p.occupants()).isEqualTo(h.occupants());
      assertThat(p.floorAreaM2()).isEqualTo(h.floorAreaM2());
      assertThat(ctx.contract().tariff()).isEqualTo(h.tariff());
      assertThat(ctx.contract().kva()).isEqualTo(h.kva());
      assertThat(ctx.carbon()).isNotNull();
    }
  }

  @Test
  void shouldGiveOffPeakContractsTheHoursFrom22To6() {
    for (int m = 0; m < FLEET.size(); m++) {
      Household h = FLEET.household(m);
      var c = REF.contract(h.meterId(), LocalDate.of(2025, 1, 1)).orElseThrow();
      if (h.tariff() == TariffKind.BASE) {
        assertThat(c.offPeak()).isEmpty();
        assertThat(c.pricesEurPerKwh()).containsOnlyKeys(Period.BASE);
      } else {
        assertThat(c.offPeak()).containsExactly(TimeWindow.parse("22:00-06:00"));
      }
    }
  }

  @Test
  void shouldHoldTheDailyWeatherOfEveryRegionForEveryDay() {
    for (Region r : Region.values()) {
      Map<LocalDate, Double> days = REF.weather(r.code()).orElseThrow().days();
      assertThat(days).hasSize(365);
      assertThat(days.get(LocalDate.of(2025, 1, 15))).isBetween(-15.0, 20.0);
    }
  }

  @Test
  void shouldHoldHourlyCarbonIntensityHigherInWinterThanInSummer() {
    var carbon = REF.carbon("FR-IDF").orElseThrow();
    double january = 0;
    double july = 0;
    Instant jan = Instant.parse("2025-01-10T00:00:00Z");
    Instant jul = Instant.parse("2025-07-10T00:00:00Z");
    for (int h = 0; h < 24 * 7; h++) {
      january += carbon.gPerKwh(jan.plusSeconds(3600L * h));
      july += carbon.gPerKwh(jul.plusSeconds(3600L * h));
    }

    // Base 52 g/kWh x (1 ± 0.35) in January vs July.
    assertThat(january).isGreaterThan(july * 1.5);
  }

  @Test
  void shouldColour22WinterWeekdaysRedAnd43DaysWhitePerTempoSeason() {
    Map<LocalDate, TempoColour> colours = REF.tempo().colours();
    long red = 0;
    long white = 0;
    for (Map.Entry<LocalDate, TempoColour> e : colours.entrySet()) {
      LocalDate d = e.getKey();
      if (d.isBefore(LocalDate.of(2024, 9, 1)) || !d.isBefore(LocalDate.of(2025, 9, 1))) {
        continue;
      }
      if (e.getValue() == TempoColour.RED) {
        red++;
        assertThat(d.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(d.getMonth())
            .isIn(
                EnumSet.of(
                    Month.NOVEMBER, Month.DECEMBER, Month.JANUARY, Month.FEBRUARY, Month.MARCH));
      } else if (e.getValue() == TempoColour.WHITE) {
        white++;
        assertThat(d.getDayOfWeek()).isNotEqualTo(DayOfWeek.SUNDAY);
      }
    }
    assertThat(red).isEqualTo(22);
    assertThat(white).isEqualTo(43);
  }
}
