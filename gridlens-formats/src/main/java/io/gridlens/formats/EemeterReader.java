package io.gridlens.formats;

import io.gridlens.core.Channel;
import io.gridlens.core.Quality;
import io.gridlens.core.Reading;
import io.gridlens.core.ValueKind;
import java.io.InputStream;

/**
 * Reader of the OpenEEmeter sample meter files: CSV {@code start,value}, {@code start} ISO-8601
 * with offset ({@code 2015-11-22T00:00:00-06:00} or {@code 2020-04-01 01:00:00+00:00}), {@code
 * value} the kWh of the interval (hourly unless {@link ReadOptions#withIntervalMinutes} says
 * otherwise). The files name no meter: the caller gives one ({@link ReadOptions#withMeterId}). kWh
 * become Wh rounded half-up ({@code 0.028999999999999998} kWh -> 29 Wh). An empty or {@code NaN}
 * value is a missing reading, not an error.
 */
final class EemeterReader extends PullReader {

  private final CsvRows rows;
  private final int start;
  private final int value;
  private final String meterId;
  private final int minutes;
  private final Channel channel;

  EemeterReader(InputStream in, ReadOptions options) {
    this(new CsvRows(in, "eemeter"), options);
  }

  private EemeterReader(CsvRows rows, ReadOptions options) {
    super(ReadingFormat.EEMETER, options, rows);
    if (options.meterId() == null) {
      throw new IllegalArgumentException(
          "eemeter files carry no meter id; pass one with ReadOptions.withMeterId(\"...\")");
    }
    this.rows = rows;
    this.start = rows.column("start");
    this.value = rows.column("value");
    if (start < 0 || value < 0) {
      throw new ReadingFormatException(
          new RecordError(
              1,
              0,
              "header",
              String.join(",", rows.header()),
              "an eemeter file starts with the header start,value"));
    }
    this.meterId = options.meterId();
    this.minutes = options.intervalMinutesOr(60);
    this.channel = options.channel();
  }

  @Override
  Reading advance() {
    while (rows.next()) {
      tally.record();
      try {
        String v = rows.cell(value);
        if (v == null || v.isBlank() || v.strip().equalsIgnoreCase("nan")) {
          tally.missing();
          continue;
        }
        return new Reading(
            meterId,
            channel,
            Fields.offsetInstant("start", rows.cell(start)),
            minutes,
            ValueKind.INTERVAL,
            Fields.kwhToWh("value", v),
            Quality.ACTUAL,
            source,
            null,
            null);
      } catch (FieldException e) {
        tally.error(e.at(rows.line(), tally.records()));
      }
    }
    return null;
  }
}
