package io.gridlens.formats;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlens.core.Reading;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LclReaderTest {

  // As published: trailing space in the header, CRLF, padded values, Null, a repeated row.
  private static final String SAMPLE =
      "LCLid,stdorToU,DateTime,KWH/hh (per half hour) \r\n"
          + "MAC000002,Std,2012-10-12 00:30:00.0000000, 0 \r\n"
          + "MAC000002,Std,2012-10-12 01:00:00.0000000, 0.263 \r\n"
          + "MAC000002,Std,2012-10-12 01:00:00.0000000, 0.263 \r\n"
          + "MAC000002,Std,2012-10-12 01:30:00.0000000,Null\r\n"
          + "MAC000002,Std,2012-10-12 02:00:00.0000000, 1.05 \r\n"
          + "MAC000003,ToU,2012-12-01 00:00:00.0000000, 0.004 \r\n";

  @Test
  void shouldReadPublishedRowsSkippingNullAndRepeatedRows() {
    try (ReadingReader r = ReadingFormat.LCL.open(Fixtures.text(SAMPLE), ReadOptions.defaults())) {
      List<Reading> readings = new ArrayList<>();
      r.forEachRemaining(readings::add);

      // October: London is on BST (+01:00), so 00:30 local is 23:30Z the day before.
      // 0 kWh = 0 Wh, 0.263 kWh = 263 Wh, 1.05 kWh = 1050 Wh, 0.004 kWh = 4 Wh.
      assertThat(readings)
          .extracting(Reading::meterId, Reading::intervalStart, Reading::wh)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  "MAC000002", Instant.parse("2012-10-11T23:30:00Z"), 0L),
              org.assertj.core.groups.Tuple.tuple(
                  "MAC000002", Instant.parse("2012-10-12T00:00:00Z"), 263L),
              org.assertj.core.groups.Tuple.tuple(
                  "MAC000002", Instant.parse("2012-10-12T01:00:00Z"), 1050L),
              org.assertj.core.groups.Tuple.tuple(
                  "MAC000003", Instant.parse("2012-12-01T00:00:00Z"), 4L));
      assertThat(readings).allSatisfy(x -> assertThat(x.intervalMinutes()).isEqualTo(30));
      assertThat(readings).allSatisfy(x -> assertThat(x.source()).isEqualTo("lcl"));
      ReadReport report = r.report();
      assertThat(report.records()).isEqualTo(6); // 4 readings + 1 Null + 1 repeat
      assertThat(report.missing()).isEqualTo(1);
      assertThat(report.duplicates()).isEqualTo(1);
      assertThat(report.errorCount()).isZero();
    }
  }

  @Test
  void shouldConvertKwhToWhWithoutFloatingPointError() {
    // 0.29 and 0.57 are not exact doubles (0.57 * 1000 = 569.9999999999999 in double).
    String csv =
        "LCLid,stdorToU,DateTime,KWH/hh (per half hour) \r\n"
            + "M,Std,2013-01-01 00:00:00.0000000, 0.57 \r\n"
            + "M,Std,2013-01-01 00:30:00.0000000, 0.29 \r\n";

    assertThat(Fixtures.readAll(ReadingFormat.LCL, csv))
        .extracting(Reading::wh)
        .containsExactly(570L, 290L);
  }

  @Test
  void shouldResolveTheAutumnOverlapByRowOrder() {
    // London, 2013-10-27: 01:00-02:00 local happens twice (BST then GMT).
    String csv =
        "LCLid,stdorToU,DateTime,KWH/hh (per half hour) \r\n"
            + "M,Std,2013-10-27 01:00:00.0000000, 0.1 \r\n"
            + "M,Std,2013-10-27 01:30:00.0000000, 0.1 \r\n"
            + "M,Std,2013-10-27 01:00:00.0000000, 0.1 \r\n"
            + "M,Std,2013-10-27 01:30:00.0000000, 0.1 \r\n"
            + "M,Std,2013-10-27 02:00:00.0000000, 0.1 \r\n";

    assertThat(Fixtures.readAll(ReadingFormat.LCL, csv))
        .extracting(Reading::intervalStart)
        .containsExactly(
            Instant.parse("2013-10-27T00:00:00Z"),
            Instant.parse("2013-10-27T00:30:00Z"),
            Instant.parse("2013-10-27T01:00:00Z"),
            Instant.parse("2013-10-27T01:30:00Z"),
            Instant.parse("2013-10-27T02:00:00Z"));
  }

  @Test
  void shouldReportASpringGapTimeAndSuggestUtc() {
    String csv =
        "LCLid,stdorToU,DateTime,KWH/hh (per half hour) \r\n"
            + "M,Std,2013-03-31 01:00:00.0000000, 0.1 \r\n";
    ReadOptions skip = ReadOptions.defaults().withErrorPolicy(ErrorPolicy.SKIP_AND_REPORT);

    try (ReadingReader r = ReadingFormat.LCL.open(Fixtures.text(csv), skip)) {
      assertThat(r.hasNext()).isFalse();
      assertThat(r.report().errors())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.line()).isEqualTo(2);
                assertThat(e.field()).isEqualTo("DateTime");
                assertThat(e.reason()).contains("zone UTC");
              });
    }
    assertThat(
            Fixtures.readAll(
                ReadingFormat.LCL,
                Fixtures.text(csv),
                ReadOptions.defaults().withZone(ZoneOffset.UTC)))
        .extracting(Reading::intervalStart)
        .containsExactly(Instant.parse("2013-03-31T01:00:00Z"));
  }

  @Test
  void shouldReportBadValueWithLineAndField() {
    String csv =
        "LCLid,stdorToU,DateTime,KWH/hh (per half hour) \r\n"
            + "M,Std,2013-01-01 00:00:00.0000000, abc \r\n";
    ReadOptions skip = ReadOptions.defaults().withErrorPolicy(ErrorPolicy.SKIP_AND_REPORT);

    try (ReadingReader r = ReadingFormat.LCL.open(Fixtures.text(csv), skip)) {
      assertThat(r.hasNext()).isFalse();
      assertThat(r.report().errors())
          .singleElement()
          .extracting(RecordError::line, RecordError::field)
          .containsExactly(2L, "KWH/hh (per half hour)");
    }
  }
}
