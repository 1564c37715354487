package io.gridlens.formats;

import io.gridlens.core.Channel;
import io.gridlens.core.Quality;
import io.gridlens.core.Reading;
import io.gridlens.core.ValueKind;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reader of the London "Low Carbon London" (LCL) smart-meter CSV: {@code LCLid,stdorToU,DateTime,
 * KWH/hh (per half hour) }.
 *
 * <p>Design note. The published files have a trailing space in the last header name, CRLF line
 * ends, values padded with spaces ({@code " 0.263 "}), the text {@code Null} for a missing half
 * hour, and repeated rows. Decisions:
 *
 * <ul>
 *   <li>{@code DateTime} ({@code 2012-10-12 00:30:00.0000000}) is the local START of the half hour
 *       in Europe/London (override with {@link ReadOptions#withZone}): the files label a day's half
 *       hours 00:00 … 23:30, so a label is the interval's start. In the autumn overlap the order of
 *       the rows picks the offset ({@link LocalTimeResolver}); a label inside the spring gap is an
 *       error that says to pass {@code zone=UTC} if the file is in GMT all year.
 *   <li>{@code KWH/hh} has 3 decimals: converted to Wh exactly with {@link java.math.BigDecimal}
 *       (0.263 kWh = 263 Wh); more decimals would be rounded half-up.
 *   <li>{@code Null} is a missing reading: counted in {@link ReadReport#missing()}, not an error.
 *   <li>A row with the same {@code LCLid}, {@code DateTime} and value as the row just before it is
 *       a duplicate: skipped and counted in {@link ReadReport#duplicates()}. When only the value
 *       differs it is kept as a correction (last ingest wins downstream).
 * </ul>
 */
final class LclReader extends PullReader {

  static final String ID = "lclid";
  static final String DATE_TIME = "datetime";
  static final String KWH = "kwh/hh (per half hour)";

  private final CsvRows rows;
  private final int id;
  private final int dateTime;
  private final int kwh;
  private final ZoneId zone;
  private final int minutes;
  private final Channel channel;
  private final LocalTimeResolver resolver;
  private String previousId;
  private String previousTime;
  private String previousValue;
  private Instant previousInstant;

  LclReader(InputStream in, ReadOptions options) {
    this(new CsvRows(in, "lcl"), options);
  }

  private LclReader(CsvRows rows, ReadOptions options) {
    super(ReadingFormat.LCL, options, rows);
    this.rows = rows;
    this.id = required(rows, ID);
    this.dateTime = required(rows, DATE_TIME);
    this.kwh = required(rows, KWH);
    this.zone = options.zoneOr(ZoneId.of("Europe/London"));
    this.minutes = options.intervalMinutesOr(30);
    this.channel = options.channel();
    this.resolver = new LocalTimeResolver(zone);
  }

  private static int required(CsvRows rows, String name) {
    int c = rows.column(name);
    if (c < 0) {
      throw new ReadingFormatException(
          new RecordError(
              1,
              0,
              "header",
              String.join(",", rows.header()),
              "missing column '"
                  + name
                  + "'; an LCL file starts with LCLid,stdorToU,DateTime,KWH/hh (per half hour)"));
    }
    return c;
  }

  @Override
  public Optional<ZoneId> zone() {
    return Optional.of(zone);
  }

  @Override
  Reading advance() {
    while (rows.next()) {
      tally.record();
      try {
        Reading r = parseRow();
        if (r != null) {
          return r;
        }
      } catch (FieldException e) {
        tally.error(e.at(rows.line(), tally.records()));
      }
    }
    return null;
  }

  /** The reading of the current row, or null when it is missing or a repeat. */
  private Reading parseRow() {
    String meter = Fields.meterId("LCLid", rows.cell(id));
    String time = Fields.required("DateTime", rows.cell(dateTime));
    String value = Fields.required("KWH/hh (per half hour)", rows.cell(kwh));
    boolean repeat = meter.equals(previousId) && time.equals(previousTime);
    if (repeat && value.equals(previousValue)) {
      tally.duplicate();
      return null;
    }
    if (!meter.equals(previousId)) {
      resolver.reset();
    }
    Instant start = repeat ? previousInstant : resolve(time);
    previousId = meter;
    previousTime = time;
    previousValue = value;
    previousInstant = start;
    if (value.equalsIgnoreCase("null")) {
      tally.missing();
      return null;
    }
    long wh = Fields.kwhToWh("KWH/hh (per half hour)", value);
    return new Reading(
        meter, channel, start, minutes, ValueKind.INTERVAL, wh, Quality.ACTUAL, source, null, null);
  }

  private Instant resolve(String time) {
    LocalDateTime local;
    try {
      local = LocalDateTime.parse(time.replace(' ', 'T'));
    } catch (DateTimeParseException e) {
      throw new FieldException("DateTime", time, "must be like 2012-10-12 00:30:00.0000000");
    }
    Instant at = resolver.resolve(local);
    if (at == null) {
      throw new FieldException(
          "DateTime",
          time,
          "does not exist in "
              + zone
              + " (DST gap); if the file is in GMT all year, read it with zone UTC");
    }
    return at;
  }
}
