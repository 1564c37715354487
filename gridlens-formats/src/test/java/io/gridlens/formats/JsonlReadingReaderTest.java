package io.gridlens.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.gridlens.core.Channel;
import io.gridlens.core.Quality;
import io.gridlens.core.Reading;
import io.gridlens.core.ValueKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonlReadingReaderTest {

  @Test
  void shouldReadOneReadingPerLineWithNumbersOrStrings() {
    String jsonl =
        "{\"meter_id\":\"m1\",\"interval_start\":\"2024-06-01T10:00:00-04:00\","
            + "\"interval_minutes\":15,\"wh\":120}\n"
            + "\n"
            + "{\"meter_id\":\"m1\",\"channel\":\"export\",\"interval_start\":\"2024-06-01T14:15:00Z\","
            + "\"interval_minutes\":\"15\",\"register_wh\":\"99\",\"quality\":\"EDITED\",\"wh\":null}\n";

    List<Reading> readings = Fixtures.readAll(ReadingFormat.JSONL, jsonl);

    // 10:00-04:00 is 14:00Z.
    assertThat(readings)
        .containsExactly(
            new Reading(
                "m1",
                Channel.IMPORT,
                Instant.parse("2024-06-01T14:00:00Z"),
                15,
                ValueKind.INTERVAL,
                120,
                Quality.ACTUAL,
                "jsonl",
                null,
                null),
            new Reading(
                "m1",
                Channel.EXPORT,
                Instant.parse("2024-06-01T14:15:00Z"),
                15,
                ValueKind.REGISTER,
                99,
                Quality.EDITED,
                "jsonl",
                null,
                null));
  }

  @Test
  void shouldReportMalformedAndInvalidLinesWithLineAndFieldAndContinue() {
    String jsonl =
        "{\"meter_id\":\"m1\",\"interval_start\":\"2024-01-01T00:00:00Z\",\"interval_minutes\":30,\"wh\":1}\n"
            + "{\"meter_id\":\"m1\",\"interval_start\":\n"
            + "{\"meter_id\":\"m1\",\"interval_start\":\"2024-01-01T00:30:00Z\",\"interval_minutes\":30,\"wh\":1.5}\n"
            + "{\"meter_id\":\"m1\",\"interval_start\":\"2024-01-01T01:00:00Z\",\"interval_minutes\":30,\"wh\":1,\"kwh\":2}\n"
            + "[1,2]\n"
            + "{\"meter_id\":\"m1\",\"interval_start\":\"2024-01-01T01:30:00Z\",\"interval_minutes\":30,\"wh\":4}\n";
    ReadOptions skip = ReadOptions.defaults().withErrorPolicy(ErrorPolicy.SKIP_AND_REPORT);

    try (ReadingReader r = ReadingFormat.JSONL.open(Fixtures.text(jsonl), skip)) {
      List<Reading> readings = new ArrayList<>();
      r.forEachRemaining(readings::add);

      assertThat(readings).extracting(Reading::wh).containsExactly(1L, 4L);
      assertThat(r.report().errors())
          .extracting(RecordError::line, RecordError::field)
          .containsExactly(tuple(2L, "line"), tuple(3L, "wh"), tuple(4L, "kwh"), tuple(5L, "line"));
    }
  }

  @Test
  void shouldFailOnFirstBadLineUnderFailPolicy() {
    String jsonl =
        "{\"meter_id\":\"m1\",\"interval_start\":\"2024-01-01T00:00:00Z\",\"interval_minutes\":7,\"wh\":1}\n";

    assertThatThrownBy(() -> Fixtures.readAll(ReadingFormat.JSONL, jsonl))
        .isInstanceOf(ReadingFormatException.class)
        .hasMessageContaining("line 1 (record 1), field 'interval_minutes', value '7'");
  }
}
