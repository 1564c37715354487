package io.gridlens.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlens.core.Reading;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EemeterReaderTest {

  /** Row count and sum of per-row half-up Wh, computed by plain string splitting. */
  private static long[] expected(String fixture) throws IOException {
    long rows = 0;
    long wh = 0;
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(Fixtures.fixture(fixture))),
                StandardCharsets.UTF_8))) {
      in.readLine();
      String line;
      while ((line = in.readLine()) != null) {
        String v = line.substring(line.indexOf(',') + 1);
        wh +=
            new BigDecimal(v)
                .multiply(BigDecimal.valueOf(1000))
                .setScale(0, RoundingMode.HALF_UP)
                .longValue();
        rows++;
      }
    }
    return new long[] {rows, wh};
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "eemeter/il-electricity-cdd-hdd-hourly.csv.gz",
        "eemeter/uk-electricity-hdd-only-hourly-sample-0.csv.gz"
      })
  void shouldReadGzippedSamplesIntoHourlyReadingsOfTheGivenMeter(String fixture)
      throws IOException {
    long[] expected = expected(fixture);

    List<Reading> readings;
    try (InputStream in = Files.newInputStream(Fixtures.fixture(fixture))) {
      readings =
          Fixtures.readAll(ReadingFormat.EEMETER, in, ReadOptions.defaults().withMeterId("site-1"));
    }

    assertThat(readings).hasSize((int) expected[0]);
    assertThat(readings.stream().mapToLong(Reading::wh).sum()).isEqualTo(expected[1]);
    assertThat(readings).allSatisfy(r -> assertThat(r.meterId()).isEqualTo("site-1"));
    assertThat(readings).allSatisfy(r -> assertThat(r.intervalMinutes()).isEqualTo(60));
  }

  @Test
  void shouldParseBothTimestampStylesAndRoundFloatNoise() throws IOException {
    String csv =
        "start,value\n"
            + "2015-11-22T00:00:00-06:00,0.29\n"
            + "2022-12-06 12:00:00+00:00,0.028999999999999998\n"
            + "2022-12-06 13:00:00+00:00,\n";

    try (ReadingReader r =
        ReadingFormat.EEMETER.open(Fixtures.text(csv), ReadOptions.defaults().withMeterId("m"))) {
      // 00:00-06:00 = 06:00Z, 0.29 kWh = 290 Wh; 0.028999999999999998 kWh = 28.999... -> 29 Wh.
      assertThat(r.next())
          .extracting(Reading::intervalStart, Reading::wh)
          .containsExactly(Instant.parse("2015-11-22T06:00:00Z"), 290L);
      assertThat(r.next())
          .extracting(Reading::intervalStart, Reading::wh)
          .containsExactly(Instant.parse("2022-12-06T12:00:00Z"), 29L);
      assertThat(r.hasNext()).isFalse();
      assertThat(r.report().missing()).isEqualTo(1);
    }
  }

  @Test
  void shouldRequireACallerGivenMeterId() {
    assertThatThrownBy(
            () ->
                ReadingFormat.EEMETER.open(Fixtures.text("start,value\n"), ReadOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("withMeterId");
  }
}
