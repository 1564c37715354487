package io.gridlens.core.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeatherTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final LocalDate JAN_5 = LocalDate.of(2026, 1, 5);

  /** The spring change day of Europe/Paris: 02:00 -> 03:00, 23 hours. */
  private static final LocalDate MAR_29 = LocalDate.of(2026, 3, 29);

  /** The autumn change day of Europe/Paris: 03:00 -> 02:00, 25 hours. */
  private static final LocalDate OCT_25 = LocalDate.of(2026, 10, 25);

  /** 0, 1, ..., n - 1 °C. */
  private static double[] ramp(int n) {
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = i;
    }
    return t;
  }

  @Test
  void shouldDeriveTheDailyMeanFromTwentyFourHourlySamples() {
    Weather w = Weather.ofSamples("FR-IDF", PARIS, Map.of(JAN_5, ramp(24)));

    // (0 + 1 + ... + 23) / 24 = 276 / 24 = 11.5
    assertThat(w.meanC(JAN_5)).hasValue(11.5);
    assertThat(w.samples(JAN_5).orElseThrow()).hasSize(24).startsWith(0.0, 1.0).endsWith(23.0);
    assertThat(w.zone()).contains(PARIS);
  }

  @Test
  void shouldTakeTwentyThreeAndTwentyFiveSamplesOnTheDstChangeDaysOfTheZone() {
    Weather w = Weather.ofSamples("FR-IDF", PARIS, Map.of(MAR_29, ramp(23), OCT_25, ramp(25)));

    // (0 + ... + 22) / 23 = 253 / 23 = 11; (0 + ... + 24) / 25 = 300 / 25 = 12
    assertThat(w.meanC(MAR_29)).hasValue(11.0);
    assertThat(w.meanC(OCT_25)).hasValue(12.0);
  }

  @Test
  void shouldTakeHalfHourlySamples() {
    Weather w = Weather.ofSamples("FR-IDF", PARIS, Map.of(MAR_29, ramp(46)));

    // (0 + ... + 45) / 46 = 1035 / 46 = 22.5
    assertThat(w.meanC(MAR_29)).hasValue(22.5);
  }

  @Test
  void shouldRefuseASampleCountThatDoesNotFitTheLocalDayNamingDayAndCounts() {
    assertThatThrownBy(() -> Weather.ofSamples("FR-IDF", PARIS, Map.of(MAR_29, ramp(24))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "weather of FR-IDF on 2026-03-29 has 24 temperature samples; a local day in"
                + " Europe/Paris takes 23 hourly, 46 half-hourly or 92 quarter-hourly ones,"
                + " equally spaced from local midnight");
  }

  @Test
  void shouldRefuseASampleOutsideTheTemperatureRangeNamingDayAndSample() {
    double[] t = ramp(24);
    t[7] = 60;

    assertThatThrownBy(() -> Weather.ofSamples("FR-IDF", PARIS, Map.of(JAN_5, t)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "temperature of FR-IDF on 2026-01-05 sample 7 must be in (-90, 60) °C, was 60.0");
  }

  @Test
  void shouldRefuseSamplesWithoutAZone() {
    assertThatThrownBy(() -> new Weather("FR-IDF", Map.of(), null, Map.of(JAN_5, ramp(24))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has temperature samples but no zone");
  }

  @Test
  void shouldLetAGivenDailyMeanWinOverTheSamplesMean() {
    Weather w = new Weather("FR-IDF", Map.of(JAN_5, 10.0), PARIS, Map.of(JAN_5, ramp(24)));

    assertThat(w.meanC(JAN_5)).hasValue(10.0);
    assertThat(w.samples()).containsOnlyKeys(JAN_5);
  }

  @Test
  void shouldKeepTheDailyMeanConstructorWorkingWithoutSamples() {
    Weather w = new Weather("FR-IDF", Map.of(JAN_5, 4.5));

    assertThat(w.meanC(JAN_5)).hasValue(4.5);
    assertThat(w.meanC(MAR_29)).isEmpty();
    assertThat(w.days()).isEqualTo(Map.of(JAN_5, 4.5));
    assertThat(w.samples()).isEmpty();
    assertThat(w.zone()).isEmpty();
  }

  @Test
  void shouldGiveSamplesSortedByDateAndNotLetCallersChangeThem() {
    double[] given = ramp(24);
    Weather w = Weather.ofSamples("FR-IDF", PARIS, Map.of(OCT_25, ramp(25), JAN_5, given));
    given[0] = 50;
    w.samples().get(JAN_5)[1] = 50;

    assertThat(w.samples().keySet()).containsExactly(JAN_5, OCT_25);
    assertThat(w.samples().get(JAN_5)[0]).isEqualTo(0.0);
    assertThat(w.samples().get(JAN_5)[1]).isEqualTo(1.0);
    assertThatThrownBy(() -> w.samples().remove(JAN_5))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldGroupHourlyInstantsIntoLocalDaysAndLeaveOutADayMissingAnHour() {
    Map<Instant, Double> hours = new HashMap<>();
    // Local 2026-03-29 in Paris starts at 2026-03-28T23:00Z and has 23 hours: 10.0 each, but
    // 10.0 + 23 at its first hour: mean = (23 x 10 + 23) / 23 = 11.
    Instant start = Instant.parse("2026-03-28T23:00:00Z");
    for (int h = 0; h < 23; h++) {
      hours.put(start.plusSeconds(3600L * h), h == 0 ? 33.0 : 10.0);
    }
    // The next local day gets only 2 hours: left out.
    hours.put(start.plusSeconds(3600L * 23), 5.0);
    hours.put(start.plusSeconds(3600L * 24), 5.0);

    Weather w = Weather.ofHourly("FR-IDF", PARIS, hours);

    assertThat(w.samples()).containsOnlyKeys(MAR_29);
    assertThat(w.samples(MAR_29).orElseThrow()).hasSize(23).startsWith(33.0, 10.0);
    assertThat(w.meanC(MAR_29)).hasValue(11.0);
    assertThat(w.meanC(MAR_29.plusDays(1))).isEmpty();
  }

  @Test
  void shouldRefuseAnHourlyInstantOffTheHourOfTheZone() {
    Instant t = Instant.parse("2026-01-05T10:30:00Z");

    assertThatThrownBy(() -> Weather.ofHourly("FR-IDF", PARIS, Map.of(t, 1.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("temperature of FR-IDF at 2026-01-05T11:30+01:00[Europe/Paris]")
        .hasMessageContaining("is not on an hour of Europe/Paris");
  }

  @Test
  void shouldLayTheDaysOfNewerWeatherOverOlderOnes() {
    Weather old =
        new Weather(
            "FR-IDF", Map.of(JAN_5, 4.0, JAN_5.plusDays(1), 6.0), PARIS, Map.of(MAR_29, ramp(23)));
    Weather newer = new Weather("FR-IDF", Map.of(MAR_29, 8.0), PARIS, Map.of(JAN_5, ramp(24)));

    Weather w = old.with(newer);

    // Jan 5: samples of newer (mean 11.5); Jan 6 kept (6.0); Mar 29: newer's mean, no samples.
    assertThat(w.meanC(JAN_5)).hasValue(11.5);
    assertThat(w.meanC(JAN_5.plusDays(1))).hasValue(6.0);
    assertThat(w.meanC(MAR_29)).hasValue(8.0);
    assertThat(w.samples()).containsOnlyKeys(JAN_5);
  }

  @Test
  void shouldRefuseToLaySamplesOfAnotherZoneOverSamples() {
    Weather old = Weather.ofSamples("FR-IDF", PARIS, Map.of(JAN_5, ramp(24)));
    Weather utc = Weather.ofSamples("FR-IDF", ZoneId.of("UTC"), Map.of(MAR_29, ramp(24)));

    assertThatThrownBy(() -> old.with(utc))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weather samples of FR-IDF are in Europe/Paris, the new ones in UTC");
  }

  @Test
  void shouldSurviveJavaSerialization() throws Exception {
    Weather w = new Weather("FR-IDF", Map.of(JAN_5, 4.0), PARIS, Map.of(MAR_29, ramp(23)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(w);
    }
    Weather back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (Weather) in.readObject();
    }

    assertThat(back.meanC(JAN_5)).hasValue(4.0);
    assertThat(back.samples(MAR_29).orElseThrow()).isEqualTo(ramp(23));
    assertThat(back.zone()).contains(PARIS);
    assertThat(List.copyOf(back.samples().keySet())).containsExactly(MAR_29);
  }
}
