package io.gridlens.core.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridlens.core.MeterDay;
import io.gridlens.core.reference.Weather;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The choice of estimator shared by the batch and the API, on a meter in UTC whose hourly use is
 * made exactly by base 12 kWh a day plus 2 kWh per heating degree day at 14 °C of the temperature
 * THREE hours earlier: hour energy = (12 + 2 max(0, 14 - T(h - 3))) / 24 kWh, rounded to the Wh.
 */
class DegreeDayFitTest {

  private static final LocalDate START = LocalDate.of(2025, 1, 1);
  private static final int DAYS = 200;
  private static final ZoneId UTC = ZoneOffset.UTC;

  static final List<MeterDay> days = new ArrayList<>();
  static final Map<LocalDate, double[]> samples = new TreeMap<>();
  static final Map<LocalDate, Double> means = new TreeMap<>();

  /** A seasonal swing of ±10 °C around 10 °C, a daily one of ±5 °C and a ±2 °C jitter. */
  private static double temperature(int hour) {
    int d = Math.floorDiv(hour, 24);
    double jitter = 4 * ((Math.abs(hour) * 0.6180339887498949) % 1.0) - 2;
    return 10
        + 10 * Math.cos(2 * Math.PI * d / 150.0)
        + 5 * Math.cos(2 * Math.PI * (Math.floorMod(hour, 24) - 15) / 24.0)
        + jitter;
  }

  @BeforeAll
  static void meterAndWeather() {
    for (int d = -1; d < DAYS; d++) {
      double[] t = new double[24];
      long[] wh = new long[24];
      double sum = 0;
      for (int h = 0; h < 24; h++) {
        t[h] = temperature(24 * d + h);
        sum += t[h];
        double lagged = temperature(24 * d + h - 3);
        wh[h] = Math.round((12 + 2 * Math.max(0, 14 - lagged)) / 24 * 1000);
      }
      LocalDate date = START.plusDays(d);
      samples.put(date, t);
      means.put(date, sum / 24);
      if (d >= 0) {
        days.add(HistoryDays.day(date, 60, wh));
      }
    }
  }

  private static LocalDate last() {
    return START.plusDays(DAYS - 1L);
  }

  @Test
  void shouldFitPerIntervalWhenTheWeatherHasSamplesOverTheMetersLocalDays() {
    Weather weather = Weather.ofSamples("R", UTC, samples);

    DegreeDayFit fit =
        DegreeDayFit.of(days, weather, UTC, last(), DegreeDays.Settings.CELSIUS).orElseThrow();

    assertThat(fit.estimator()).isEqualTo(DegreeDayFit.Estimator.INTERVAL);
    assertThat(fit.model().lag()).isEqualTo(3);
    assertThat(fit.model().heatingBalance()).isEqualTo(14.0);
    assertThat(fit.model().heatingSlope()).isCloseTo(2.0, within(0.02));
    assertThat(fit.model().baseKwh()).isCloseTo(12.0, within(0.1));
    assertThat(fit.model().hasCooling()).isFalse();
  }

  @Test
  void shouldFitOnDailyMeansWithoutSamples() {
    Weather weather = new Weather("R", means);

    DegreeDayFit fit =
        DegreeDayFit.of(days, weather, UTC, last(), DegreeDays.Settings.CELSIUS).orElseThrow();

    assertThat(fit.estimator()).isEqualTo(DegreeDayFit.Estimator.DAILY);
    assertThat(fit.model().lag()).isZero();
    assertThat(fit.observations()).hasSize(DAYS);
  }

  @Test
  void shouldFitOnDailyMeansWhenTheSamplesAreOverLocalDaysOfOtherZoneRules() {
    // Samples over the local days of UTC-05:00 do not line up with the meter's UTC days.
    Weather weather = Weather.ofSamples("R", ZoneId.of("Etc/GMT+5"), samples);

    DegreeDayFit fit =
        DegreeDayFit.of(days, weather, UTC, last(), DegreeDays.Settings.CELSIUS).orElseThrow();

    assertThat(fit.estimator()).isEqualTo(DegreeDayFit.Estimator.DAILY);
  }

  @Test
  void shouldGiveADaysObservationWithItsSamplesAndTheLaggedHoursBeforeIt() {
    Weather weather = Weather.ofSamples("R", UTC, samples);
    DegreeDayFit fit =
        DegreeDayFit.of(days, weather, UTC, last(), DegreeDays.Settings.CELSIUS).orElseThrow();
    LocalDate date = START.plusDays(10);

    DegreeDays.Observation o = fit.observation(weather, UTC, date, 30.0).orElseThrow();

    assertThat(o.kwh()).isEqualTo(30.0);
    assertThat(o.temperatures()).containsExactly(samples.get(date));
    // Lag 3: the day's first hour is modelled on the temperature of 21:00 the day before.
    assertThat(o.laggedTemperature(0, 3)).isEqualTo(samples.get(date.minusDays(1))[21]);
    assertThat(o.laggedTemperature(5, 3)).isEqualTo(samples.get(date)[2]);
    assertThat(fit.observation(weather, UTC, START.plusDays(DAYS + 5L), 30.0)).isEmpty();
  }

  @Test
  void shouldSumTheModelledLoadsOfTheWindow() {
    Weather weather = new Weather("R", means);
    DegreeDayFit fit =
        DegreeDayFit.of(days, weather, UTC, last(), DegreeDays.Settings.CELSIUS).orElseThrow();

    double heating = 0;
    for (DegreeDays.Observation o : fit.observations()) {
      heating += fit.model().heatingSlope() * o.heatingDegrees(fit.model().heatingBalance());
    }
    assertThat(fit.windowHeatingKwh()).isCloseTo(heating, within(1e-9));
    assertThat(fit.windowCoolingKwh()).isZero();
  }
}
