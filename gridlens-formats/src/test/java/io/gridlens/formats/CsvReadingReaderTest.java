package io.gridlens.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlens.core.Channel;
import io.gridlens.core.Quality;
import io.gridlens.core.Reading;
import io.gridlens.core.ValueKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReadingReaderTest {

  @Test
  void shouldReadIntervalAndRegisterRowsWithOffsetsChannelAndQuality() {
    String csv =
        "meter_id,channel,interval_start,interval_minutes,wh,register_wh,quality\n"
            + "m1,import,2024-03-31T02:00:00+02:00,30,412,,ACTUAL\n"
            + "m1,export,2024-03-31T00:30:00Z,15,,1234567,estimated\n";

    List<Reading> readings = Fixtures.readAll(ReadingFormat.CSV, csv);

    // 02:00+02:00 is 00:00Z.
    assertThat(readings)
        .containsExactly(
            new Reading(
                "m1",
                Channel.IMPORT,
                Instant.parse("2024-03-31T00:00:00Z"),
                30,
                ValueKind.INTERVAL,
                412,
                Quality.ACTUAL,
                "csv",
                null,
                null),
            new Reading(
                "m1",
                Channel.EXPORT,
                Instant.parse("2024-03-31T00:30:00Z"),
                15,
                ValueKind.REGISTER,
                1234567,
                Quality.ESTIMATED,
                "csv",
                null,
                null));
  }

  @Test
  void shouldDefaultChannelToImportAndQualityToActualWhenColumnsAreAbsent() {
    List<Reading> readings =
        Fixtures.readAll(
            ReadingFormat.CSV,
            "interval_minutes,wh,meter_id,interval_start\r\n60,7,m2,2024-01-01T00:00:00Z\r\n");

    assertThat(readings)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.channel()).isEqualTo(Channel.IMPORT);
              assertThat(r.quality()).isEqualTo(Quality.ACTUAL);
              assertThat(r.intervalMinutes()).isEqualTo(60);
              assertThat(r.ingestTime()).isNull();
              assertThat(r.position()).isNull();
            });
  }

  @Test
  void shouldFailAtFirstBadRecordNamingLineAndField() {
    String csv =
        "meter_id,interval_start,interval_minutes,wh\n"
            + "m1,2024-01-01T00:00:00Z,30,10\n"
            + "m1,2024-01-01T00:30:00,30,11\n";

    try (ReadingReader r = ReadingFormat.CSV.open(Fixtures.text(csv), ReadOptions.defaults())) {
      assertThat(r.next().wh()).isEqualTo(10);
      assertThatThrownBy(r::next)
          .isInstanceOf(ReadingFormatException.class)
          .hasMessageContaining("line 3")
          .hasMessageContaining("field 'interval_start'")
          .hasMessageContaining("value '2024-01-01T00:30:00'")
          .hasMessageContaining("offset");
    }
  }

  @Test
  void shouldSkipAndReportEveryBadRecordUnderSkipPolicy() {
    String csv =
        "meter_id,interval_start,interval_minutes,wh,register_wh\n"
            + "m1,2024-01-01T00:00:00Z,30,10,\n" // ok
            + "m1,2024-01-01T00:30:00Z,20,11,\n" // 20 minutes
            + "m1,2024-01-01T01:00:00Z,30,,\n" // neither value
            + "m1,2024-01-01T01:30:00Z,30,1,2\n" // both values
            + "m1,2024-01-01T02:00:00Z,30,x,\n" // not a number
            + ",2024-01-01T02:30:00Z,30,5,\n" // no meter
            + "m1,2024-01-01T03:00:00Z,30,13\n" // short row
            + "m1,2024-01-01T03:30:00Z,30,14,\n"; // ok
    ReadOptions skip = ReadOptions.defaults().withErrorPolicy(ErrorPolicy.SKIP_AND_REPORT);

    try (ReadingReader r = ReadingFormat.CSV.open(Fixtures.text(csv), skip)) {
      List<Reading> readings = new java.util.ArrayList<>();
      r.forEachRemaining(readings::add);

      assertThat(readings).extracting(Reading::wh).containsExactly(10L, 14L);
      ReadReport report = r.report();
      assertThat(report.records()).isEqualTo(8);
      assertThat(report.readings()).isEqualTo(2);
      assertThat(report.errorCount()).isEqualTo(6);
      assertThat(report.errors())
          .extracting(RecordError::line, RecordError::field)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(3L, "interval_minutes"),
              org.assertj.core.groups.Tuple.tuple(4L, "wh|register_wh"),
              org.assertj.core.groups.Tuple.tuple(5L, "wh"),
              org.assertj.core.groups.Tuple.tuple(6L, "wh"),
              org.assertj.core.groups.Tuple.tuple(7L, "meter_id"),
              org.assertj.core.groups.Tuple.tuple(8L, "row"));
      assertThat(report.errors().get(0).element()).isEqualTo(2);
    }
  }

  @Test
  void shouldKeepOnlyTheConfiguredNumberOfErrorsButCountThemAll() {
    StringBuilder csv = new StringBuilder("meter_id,interval_start,interval_minutes,wh\n");
    for (int i = 0; i < 50; i++) {
      csv.append("m1,bad,30,1\n");
    }
    ReadOptions skip =
        ReadOptions.defaults().withErrorPolicy(ErrorPolicy.SKIP_AND_REPORT).withMaxKeptErrors(3);

    try (ReadingReader r = ReadingFormat.CSV.open(Fixtures.text(csv.toString()), skip)) {
      assertThat(r.hasNext()).isFalse();
      assertThat(r.report().errorCount()).isEqualTo(50);
      assertThat(r.report().errors()).hasSize(3);
    }
  }

  @Test
  void shouldRejectUnknownColumnNamingKnownOnes() {
    assertThatThrownBy(
            () ->
                ReadingFormat.CSV.open(
                    Fixtures.text("meter_id,interval_start,interval_minutes,kwh\n"),
                    ReadOptions.defaults()))
        .isInstanceOf(ReadingFormatException.class)
        .hasMessageContaining("field 'header', value 'kwh': unknown column; known: meter_id");
  }

  @Test
  void shouldRejectHeaderWithoutAnyValueColumn() {
    assertThatThrownBy(
            () ->
                ReadingFormat.CSV.open(
                    Fixtures.text("meter_id,interval_start,interval_minutes\n"),
                    ReadOptions.defaults()))
        .isInstanceOf(ReadingFormatException.class)
        .hasMessageContaining("wh or register_wh");
  }

  @Test
  void shouldRejectEmptyInput() {
    assertThatThrownBy(() -> ReadingFormat.CSV.open(Fixtures.text(""), ReadOptions.defaults()))
        .isInstanceOf(ReadingFormatException.class)
        .hasMessageContaining("empty input");
  }
}
