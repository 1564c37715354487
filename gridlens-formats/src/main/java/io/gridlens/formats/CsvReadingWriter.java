package io.gridlens.formats;

import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.gridlens.core.Reading;
import io.gridlens.core.ValueKind;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writer of plain CSV, every column of {@link CsvReadingReader} in its order; {@code
 * interval_start} with the offset of the options' zone (default UTC, written {@code Z}).
 */
final class CsvReadingWriter implements ReadingWriter {

  private static final CsvFactory FACTORY = new CsvFactory();

  private final CsvGenerator generator;
  private final ZoneId zone;
  private boolean closed;

  CsvReadingWriter(OutputStream out, WriteOptions options) {
    this.zone = options.zoneOr(ZoneOffset.UTC);
    CsvSchema.Builder schema = CsvSchema.builder();
    CsvReadingReader.COLUMNS.forEach(schema::addColumn);
    try {
      generator = FACTORY.createGenerator(out);
      generator.setSchema(schema.build().withHeader().withLineSeparator("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String timestamp(Reading r, ZoneId zone) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(r.intervalStart().atZone(zone));
  }

  @Override
  public void write(Reading r) {
    boolean interval = r.kind() == ValueKind.INTERVAL;
    try {
      generator.writeStartArray();
      generator.writeString(r.meterId());
      generator.writeString(r.channel().name().toLowerCase(Locale.ROOT));
      generator.writeString(timestamp(r, zone));
      generator.writeNumber(r.intervalMinutes());
      if (interval) {
        generator.writeNumber(r.wh());
        generator.writeString("");
      } else {
        generator.writeString("");
        generator.writeNumber(r.wh());
      }
      generator.writeString(r.quality().name());
      generator.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      generator.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
