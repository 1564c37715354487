package io.gridlens.formats;

import io.gridlens.core.Reading;
import io.gridlens.core.ValueKind;
import java.io.InputStream;
import java.util.List;

/**
 * Reader of plain CSV: a header line, then one reading per row.
 *
 * <p>Columns (any order, names case-insensitive): {@code meter_id}, {@code channel} (optional,
 * import | export, default import), {@code interval_start} (ISO-8601 with offset), {@code
 * interval_minutes}, {@code wh} and/or {@code register_wh} (each row fills exactly one of them),
 * {@code quality} (optional, default ACTUAL). An unknown column fails the header.
 */
final class CsvReadingReader extends PullReader {

  static final List<String> COLUMNS =
      List.of(
          "meter_id",
          "channel",
          "interval_start",
          "interval_minutes",
          "wh",
          "register_wh",
          "quality");

  private final CsvRows rows;
  private final int meterId;
  private final int channel;
  private final int start;
  private final int minutes;
  private final int wh;
  private final int registerWh;
  private final int quality;

  CsvReadingReader(InputStream in, ReadOptions options) {
    this(new CsvRows(in, "csv"), options);
  }

  private CsvReadingReader(CsvRows rows, ReadOptions options) {
    super(ReadingFormat.CSV, options, rows);
    this.rows = rows;
    for (String name : rows.header()) {
      if (!COLUMNS.contains(name)) {
        throw headerError(name, "unknown column; known: " + String.join(", ", COLUMNS));
      }
    }
    meterId = requiredColumn("meter_id");
    channel = rows.column("channel");
    start = requiredColumn("interval_start");
    minutes = requiredColumn("interval_minutes");
    wh = rows.column("wh");
    registerWh = rows.column("register_wh");
    quality = rows.column("quality");
    if (wh < 0 && registerWh < 0) {
      throw headerError("wh", "missing column: a csv file needs wh or register_wh (or both)");
    }
  }

  private int requiredColumn(String name) {
    int c = rows.column(name);
    if (c < 0) {
      throw headerError(
          name,
          "missing column; required: meter_id, interval_start, interval_minutes, wh | register_wh");
    }
    return c;
  }

  private static ReadingFormatException headerError(String value, String reason) {
    return new ReadingFormatException(new RecordError(1, 0, "header", value, reason));
  }

  @Override
  Reading advance() {
    while (rows.next()) {
      tally.record();
      try {
        return parseRow();
      } catch (FieldException e) {
        tally.error(e.at(rows.line(), tally.records()));
      }
    }
    return null;
  }

  private Reading parseRow() {
    if (rows.width() != rows.headerWidth()) {
      throw new FieldException(
          "row", null, "has " + rows.width() + " cells, the header has " + rows.headerWidth());
    }
    String whCell = rows.cell(wh);
    String regCell = rows.cell(registerWh);
    boolean hasWh = whCell != null && !whCell.isBlank();
    boolean hasReg = regCell != null && !regCell.isBlank();
    if (hasWh == hasReg) {
      throw new FieldException(
          hasWh ? "wh" : "wh|register_wh",
          hasWh ? whCell + "|" + regCell : "",
          "exactly one of wh and register_wh must be set");
    }
    return new Reading(
        Fields.meterId("meter_id", rows.cell(meterId)),
        Fields.channel("channel", rows.cell(channel)),
        Fields.offsetInstant("interval_start", rows.cell(start)),
        Fields.minutes("interval_minutes", rows.cell(minutes)),
        hasWh ? ValueKind.INTERVAL : ValueKind.REGISTER,
        hasWh ? Fields.wholeWh("wh", whCell) : Fields.wholeWh("register_wh", regCell),
        Fields.quality("quality", rows.cell(quality)),
        source,
        null,
        null);
  }
}
