package io.gridlens.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import io.gridlens.core.Reading;
import io.gridlens.core.ValueKind;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reader of JSON Lines: one object per line with the fields of {@link CsvReadingReader} ({@code
 * meter_id, channel?, interval_start, interval_minutes, wh | register_wh, quality?}). Numbers may
 * be JSON numbers or strings; {@code null} is absent. Blank lines are skipped.
 *
 * <p>Each line gets its own Jackson {@link JsonParser}, so a malformed line is one bad record
 * (skippable) rather than the end of the input.
 */
final class JsonlReadingReader extends PullReader {

  private static final JsonFactory FACTORY = new JsonFactory();

  private final JsonLines lines;

  JsonlReadingReader(InputStream in, ReadOptions options) {
    this(new JsonLines(in), options);
  }

  private JsonlReadingReader(JsonLines lines, ReadOptions options) {
    super(ReadingFormat.JSONL, options, lines);
    this.lines = lines;
  }

  @Override
  Reading advance() throws IOException {
    String line;
    while ((line = lines.next()) != null) {
      if (line.isBlank() && !lines.tooLong()) {
        continue;
      }
      tally.record();
      try {
        if (lines.tooLong()) {
          throw new FieldException(
              "line", null, "longer than " + JsonLines.MAX_LINE_CHARS + " characters");
        }
        return parse(line);
      } catch (FieldException e) {
        tally.error(e.at(lines.lineNumber(), tally.records()));
      }
    }
    return null;
  }

  private Reading parse(String line) throws IOException {
    String meterId = null;
    String channel = null;
    String start = null;
    String minutes = null;
    String wh = null;
    String registerWh = null;
    String quality = null;
    try (JsonParser p = FACTORY.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new FieldException("line", line, "must be one JSON object");
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        String value = scalar(p, name);
        switch (name) {
          case "meter_id":
            meterId = value;
            break;
          case "channel":
            channel = value;
            break;
          case "interval_start":
            start = value;
            break;
          case "interval_minutes":
            minutes = value;
            break;
          case "wh":
            wh = value;
            break;
          case "register_wh":
            registerWh = value;
            break;
          case "quality":
            quality = value;
            break;
          default:
            throw new FieldException(
                name,
                value,
                "unknown field; known: " + String.join(", ", CsvReadingReader.COLUMNS));
        }
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new FieldException("line", line, "must be exactly one JSON object");
      }
    } catch (StreamReadException e) {
      throw new FieldException("line", line, "malformed JSON: " + e.getOriginalMessage());
    }
    if ((wh == null) == (registerWh == null)) {
      throw new FieldException(
          wh == null ? "wh|register_wh" : "wh",
          wh,
          "exactly one of wh and register_wh must be set");
    }
    return new Reading(
        Fields.meterId("meter_id", meterId),
        Fields.channel("channel", channel),
        Fields.offsetInstant("interval_start", start),
        Fields.minutes("interval_minutes", minutes),
        wh != null ? ValueKind.INTERVAL : ValueKind.REGISTER,
        wh != null ? Fields.wholeWh("wh", wh) : Fields.wholeWh("register_wh", registerWh),
        Fields.quality("quality", quality),
        source,
        null,
        null);
  }

  /** The text of a scalar value, null for JSON null; objects and arrays are errors. */
  private static String scalar(JsonParser p, String name) throws IOException {
    JsonToken v = p.nextToken();
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    if (v == JsonToken.VALUE_NUMBER_FLOAT) {
      throw new FieldException(name, p.getText(), "must be a whole number");
    }
    if (v == null || !v.isScalarValue()) {
      p.skipChildren();
      throw new FieldException(name, String.valueOf(v), "must be a string or a number");
    }
    return p.getText();
  }
}
