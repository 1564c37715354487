package io.gridlens.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.gridlens.core.Reading;
import io.gridlens.core.ValueKind;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

/** Writer of JSON Lines, one object per reading with the fields of {@link JsonlReadingReader}. */
final class JsonlReadingWriter implements ReadingWriter {

  private static final JsonFactory FACTORY = new JsonFactory();

  private final JsonGenerator generator;
  private final ZoneId zone;
  private boolean closed;

  JsonlReadingWriter(OutputStream out, WriteOptions options) {
    this.zone = options.zoneOr(ZoneOffset.UTC);
    try {
      generator = FACTORY.createGenerator(out);
      generator.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void write(Reading r) {
    try {
      generator.writeStartObject();
      generator.writeStringField("meter_id", r.meterId());
      generator.writeStringField("channel", r.channel().name().toLowerCase(Locale.ROOT));
      generator.writeStringField("interval_start", CsvReadingWriter.timestamp(r, zone));
      generator.writeNumberField("interval_minutes", r.intervalMinutes());
      generator.writeNumberField(r.kind() == ValueKind.INTERVAL ? "wh" : "register_wh", r.wh());
      generator.writeStringField("quality", r.quality().name());
      generator.writeEndObject();
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
      generator.writeRaw('\n');
      generator.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
