package io.gridlens.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlens.core.Channel;
import io.gridlens.core.Quality;
import io.gridlens.core.Reading;
import io.gridlens.core.ValueKind;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnedisReaderTest {

  private static String curve(String... readings) {
    return "{\"meter_reading\": {\"usage_point_id\": \"16401220101758\", \"start\": \"2019-10-26\","
        + " \"end\": \"2019-10-28\", \"quality\": \"BRUT\",\n"
        + " \"reading_type\": {\"unit\": \"W\", \"measurement_kind\": \"power\", \"aggregate\": \"average\"},\n"
        + " \"interval_reading\": [\n"
        + String.join(",\n", readings)
        + "\n]}}";
  }

  private static String r(String value, String date, String length) {
    return "{\"value\": \""
        + value
        + "\", \"date\": \""
        + date
        + "\", \"interval_length\": \""
        + length
        + "\", \"measure_type\": \"B\"}";
  }

  @Test
  void shouldTurnMeanWattsAtIntervalEndIntoWhFromIntervalStart() {
    List<Reading> readings =
        Fixtures.readAll(ReadingFormat.ENEDIS, curve(r("4078", "2019-05-06 00:30:00", "PT30M")));

    // 4078 W for 30 min = 2039 Wh; ends 00:30 Paris summer time (+02:00) = 22:30Z, starts 22:00Z.
    assertThat(readings)
        .containsExactly(
            new Reading(
                "16401220101758",
                Channel.IMPORT,
                Instant.parse("2019-05-05T22:00:00Z"),
                30,
                ValueKind.INTERVAL,
                2039,
                Quality.ACTUAL,
                "enedis",
                null,
                null));
  }

  @Test
  void shouldRoundNonWholeWhHalfUp() {
    List<Reading> readings =
        Fixtures.readAll(
            ReadingFormat.ENEDIS,
            curve(
                r("4079", "2019-05-06 00:30:00", "PT30M"), // 2039.5 Wh -> 2040
                r("1003", "2019-05-06 00:40:00", "PT10M"), // 167.17 Wh -> 167
                r("1001", "2019-05-06 00:50:00", "PT10M"))); // 166.83 Wh -> 167

    assertThat(readings).extracting(Reading::wh).containsExactly(2040L, 167L, 167L);
  }

  @Test
  void shouldUseReadingOrderToResolveTheAutumnOverlap() {
    // Paris, 2019-10-27: clocks go from 03:00 CEST back to 02:00 CET (01:00Z).
    List<Reading> readings =
        Fixtures.readAll(
            ReadingFormat.ENEDIS,
            curve(
                r("1000", "2019-10-27 01:30:00", "PT30M"),
                r("1000", "2019-10-27 02:00:00", "PT30M"),
                r("1000", "2019-10-27 02:30:00", "PT30M"),
                r("1000", "2019-10-27 02:00:00", "PT30M"),
                r("1000", "2019-10-27 02:30:00", "PT30M"),
                r("1000", "2019-10-27 03:00:00", "PT30M")));

    // Ends 23:30Z, 00:00Z, 00:30Z, 01:00Z, 01:30Z, 02:00Z; starts 30 minutes before.
    assertThat(readings)
        .extracting(Reading::intervalStart)
        .containsExactly(
            Instant.parse("2019-10-26T23:00:00Z"),
            Instant.parse("2019-10-26T23:30:00Z"),
            Instant.parse("2019-10-27T00:00:00Z"),
            Instant.parse("2019-10-27T00:30:00Z"),
            Instant.parse("2019-10-27T01:00:00Z"),
            Instant.parse("2019-10-27T01:30:00Z"));
  }

  @Test
  void shouldReportALocalTimeInTheSpringGap() {
    ReadOptions skip = ReadOptions.defaults().withErrorPolicy(ErrorPolicy.SKIP_AND_REPORT);
    try (ReadingReader reader =
        ReadingFormat.ENEDIS.open(
            Fixtures.text(curve(r("10", "2019-03-31 02:30:00", "PT30M"))), skip)) {
      assertThat(reader.hasNext()).isFalse();
      assertThat(reader.report().errors())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.field()).isEqualTo("date");
                assertThat(e.element()).isEqualTo(1);
                assertThat(e.line()).isEqualTo(4);
                assertThat(e.reason()).contains("DST gap");
              });
    }
  }

  @Test
  void shouldRefuseAnotherUnit() {
    String kw =
        curve(r("4", "2019-05-06 00:30:00", "PT30M"))
            .replace("\"unit\": \"W\"", "\"unit\": \"kW\"");

    assertThatThrownBy(() -> Fixtures.readAll(ReadingFormat.ENEDIS, kw))
        .isInstanceOf(ReadingFormatException.class)
        .hasMessageContaining("field 'reading_type.unit', value 'kW'");
  }

  @Test
  void shouldReportBadValuesWithElementIndex() {
    ReadOptions skip = ReadOptions.defaults().withErrorPolicy(ErrorPolicy.SKIP_AND_REPORT);
    String doc =
        curve(
            r("100", "2019-05-06 00:30:00", "PT30M"),
            r("abc", "2019-05-06 01:00:00", "PT30M"),
            r("100", "2019-05-06 01:30:00", "PT20M"));
    try (ReadingReader reader = ReadingFormat.ENEDIS.open(Fixtures.text(doc), skip)) {
      assertThat(reader.next().wh()).isEqualTo(50);
      assertThat(reader.hasNext()).isFalse();
      assertThat(reader.report().errors())
          .extracting(RecordError::element, RecordError::field)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(2L, "value"),
              org.assertj.core.groups.Tuple.tuple(3L, "interval_length"));
      assertThat(reader.zone()).contains(ZoneId.of("Europe/Paris"));
    }
  }

  @Test
  void shouldRequireTheUsagePointBeforeTheReadings() {
    String doc =
        "{\"meter_reading\": {\"interval_reading\": ["
            + r("1", "2019-05-06 00:30:00", "PT30M")
            + "]}}";

    assertThatThrownBy(() -> Fixtures.readAll(ReadingFormat.ENEDIS, doc))
        .isInstanceOf(ReadingFormatException.class)
        .hasMessageContaining("usage_point_id");
    assertThat(
            Fixtures.readAll(
                ReadingFormat.ENEDIS,
                Fixtures.text(doc),
                ReadOptions.defaults().withMeterId("pdl-1")))
        .extracting(Reading::meterId)
        .containsExactly("pdl-1");
  }
}
