package io.gridlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlens.core.reference.CarbonIntensity;
import io.gridlens.core.reference.Weather;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The weather and carbon shapes of the reference topics, written and read back as JSON. */
class ReferenceJsonTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final LocalDate MAR_29 = LocalDate.of(2026, 3, 29);
  private static final LocalDate APR_1 = LocalDate.of(2026, 4, 1);

  private static double[] constant(int n, double t) {
    double[] out = new double[n];
    java.util.Arrays.fill(out, t);
    return out;
  }

  private static <T> T roundTrip(T value, Class<T> type) {
    return ReferenceJson.read(ReferenceJson.write(value), type);
  }

  @Test
  void shouldCutWeatherIntoLocalMonthsAndReadTheSameDaysBack() {
    // Mar 29: 23 hourly samples of 8 C (mean 8); Mar 30: a given mean; Apr 1: samples and a given
    // mean of 12 that wins over their mean of 10.
    Weather w =
        new Weather(
            "FR-IDF",
            Map.of(MAR_29.plusDays(1), 9.5, APR_1, 12.0),
            PARIS,
            Map.of(MAR_29, constant(23, 8), APR_1, constant(24, 10)));

    List<ReferenceJson.WeatherMonth> months =
        ReferenceJson.weatherMonths(w, Set.of(YearMonth.of(2026, 3), YearMonth.of(2026, 4)));
    List<ReferenceJson.WeatherMonth> back = new ArrayList<>();
    months.forEach(m -> back.add(roundTrip(m, ReferenceJson.WeatherMonth.class)));
    Weather read = ReferenceJson.weather("FR-IDF", back);

    assertThat(months)
        .extracting(ReferenceJson.WeatherMonth::month)
        .containsExactly(YearMonth.of(2026, 3), YearMonth.of(2026, 4));
    assertThat(read.zone()).contains(PARIS);
    assertThat(read.days()).isEqualTo(Map.of(MAR_29, 8.0, MAR_29.plusDays(1), 9.5, APR_1, 12.0));
    assertThat(read.samples()).containsOnlyKeys(MAR_29, APR_1);
    assertThat(read.samples(MAR_29).orElseThrow()).isEqualTo(constant(23, 8));
  }

  @Test
  void shouldWriteOnlyTheMonthsAsked() {
    Weather w = new Weather("FR-IDF", Map.of(MAR_29, 8.0, APR_1, 10.0));

    List<ReferenceJson.WeatherMonth> months =
        ReferenceJson.weatherMonths(w, Set.of(YearMonth.of(2026, 4)));

    assertThat(months).hasSize(1);
    assertThat(months.get(0).zone()).isNull();
    assertThat(months.get(0).days())
        .extracting(ReferenceJson.WeatherDay::date)
        .containsExactly(APR_1);
  }

  @Test
  void shouldCutHourlyCarbonFiguresIntoUtcMonthsAndReadThemBack() {
    Instant lastHourOfMarch = Instant.parse("2026-03-31T23:00:00Z");
    Instant firstHourOfApril = Instant.parse("2026-04-01T00:00:00Z");
    CarbonIntensity c =
        CarbonIntensity.hourly("FR", Map.of(lastHourOfMarch, 40.0, firstHourOfApril, 55.5), 60);

    List<ReferenceJson.CarbonMonth> months =
        ReferenceJson.carbonMonths(c, Set.of(YearMonth.of(2026, 3), YearMonth.of(2026, 4)));
    List<ReferenceJson.CarbonMonth> back = new ArrayList<>();
    months.forEach(m -> back.add(roundTrip(m, ReferenceJson.CarbonMonth.class)));

    // March has 31 x 24 = 744 hours; its last is index 743.
    assertThat(months.get(0).gPerKwh()).hasSize(744);
    assertThat(months.get(0).gPerKwh()[743]).isEqualTo(40.0);
    assertThat(months.get(0).gPerKwh()[742]).isNull();
    assertThat(ReferenceJson.carbonFigures(back))
        .isEqualTo(Map.of(lastHourOfMarch, 40.0, firstHourOfApril, 55.5));
  }
}
