package io.gridlens.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class WeatherModelTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private final WeatherModel weather = new WeatherModel(1);

  @Test
  void shouldMakeJulyWarmerThanJanuaryByAboutTwiceTheSeasonalAmplitude() {
    // Paris: amplitude 7.8 °C, so July's mean is 15.6 °C above January's on average. One month's
    // mean weather anomaly has an sd of about 2 °C (AR(1), a week of memory), so average ten
    // years: the difference's sd is then about 2.9 / sqrt(10) ≈ 0.9 °C.
    double sum = 0;
    for (int year = 2020; year < 2030; year++) {
      sum += monthMean(Region.FR_IDF, year, 7) - monthMean(Region.FR_IDF, year, 1);
    }

    assertThat(sum / 10).isBetween(12.5, 18.5);
  }

  @Test
  void shouldMakeMarseilleWarmerThanLilleOverAYear() {
    double pac = 0;
    double hdf = 0;
    for (int month = 1; month <= 12; month++) {
      pac += monthMean(Region.FR_PAC, 2025, month);
      hdf += monthMean(Region.FR_HDF, 2025, month);
    }

    // Normals differ by 15.6 - 10.9 = 4.7 °C.
    assertThat((pac - hdf) / 12).isBetween(2.5, 7.0);
  }

  @Test
  void shouldMakeAfternoonsWarmerThanDawnsOnAverage() {
    double dawn = 0;
    double afternoon = 0;
    long first = LocalDate.of(2025, 1, 1).toEpochDay() * 24;
    for (int d = 0; d < 365; d++) {
      dawn += weather.temperatureC(Region.FR_ARA, first + d * 24L + 4); // 05:00 CET
      afternoon += weather.temperatureC(Region.FR_ARA, first + d * 24L + 15); // 16:00 CET
    }

    // Lyon's diurnal amplitude is 5 °C: about 10 °C between dawn and afternoon.
    assertThat((afternoon - dawn) / 365).isBetween(6.0, 12.0);
  }

  @Test
  void shouldPersistWeatherFromHourToHour() {
    long first = LocalDate.of(2025, 1, 1).toEpochDay() * 24;
    double maxStep = 0;
    for (long h = first; h < first + 24 * 365 - 1; h++) {
      maxStep =
          Math.max(
              maxStep,
              Math.abs(
                  weather.temperatureC(Region.FR_BRE, h + 1)
                      - weather.temperatureC(Region.FR_BRE, h)));
    }

    // Diurnal slope at most 3.5 x 2 pi / 24 x 1.3 ≈ 1.2 °C/h, noise step sd 0.33 °C.
    assertThat(maxStep).isLessThan(3.0);
  }

  @Test
  void shouldGiveTheSameTemperatureForTheSameSeedAndHour() {
    long hour = LocalDate.of(2026, 2, 3).toEpochDay() * 24 + 7;

    assertThat(new WeatherModel(1).temperatureC(Region.FR_IDF, hour))
        .isEqualTo(weather.temperatureC(Region.FR_IDF, hour))
        .isNotEqualTo(new WeatherModel(2).temperatureC(Region.FR_IDF, hour));
  }

  private double monthMean(Region r, int year, int month) {
    LocalDate d = LocalDate.of(year, month, 1);
    double sum = 0;
    int n = 0;
    for (; d.getMonthValue() == month; d = d.plusDays(1)) {
      sum += weather.dailyMeanC(r, d, PARIS);
      n++;
    }
    return sum / n;
  }
}
