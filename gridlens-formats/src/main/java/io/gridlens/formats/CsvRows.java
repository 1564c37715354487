package io.gridlens.formats;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows of a CSV input with a header line, streamed by Jackson's {@link CsvParser}: one row in
 * memory at a time. Header names are matched stripped and case-insensitively (LCL's header ends
 * with a space). Malformed CSV (an unclosed quote) is a document-level error: no row after it can
 * be trusted.
 */
final class CsvRows implements Closeable {

  private static final CsvFactory FACTORY = new CsvFactory();

  private final CsvParser parser;
  private final String[] header;
  private final Map<String, Integer> index = new HashMap<>();
  private final List<String> row = new ArrayList<>();
  private long line;

  CsvRows(InputStream in, String formatName) {
    try {
      parser = FACTORY.createParser(in);
      parser.setSchema(CsvSchema.emptySchema());
      parser.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
    } catch (IOException e) {
      throw documentError(0, "cannot open input: " + e.getMessage(), e);
    }
    if (!next()) {
      throw documentError(
          1, "empty input; a " + formatName + " file starts with a header line", null);
    }
    header = row.toArray(new String[0]);
    for (int i = 0; i < header.length; i++) {
      String name = header[i].strip().toLowerCase(Locale.ROOT);
      header[i] = name;
      if (index.putIfAbsent(name, i) != null) {
        throw new ReadingFormatException(
            new RecordError(1, 0, "header", name, "column appears twice"));
      }
    }
  }

  /** The stripped, lower-cased header names. */
  String[] header() {
    return header.clone();
  }

  /** Number of header columns. */
  int headerWidth() {
    return header.length;
  }

  /** The column index of a header name, or -1. */
  int column(String name) {
    return index.getOrDefault(name, -1);
  }

  /** Line of the current row. */
  long line() {
    return line;
  }

  /** Cells of the current row. */
  int width() {
    return row.size();
  }

  /** The cell of a column in the current row; null when the column is absent or the row short. */
  String cell(int column) {
    return column < 0 || column >= row.size() ? null : row.get(column);
  }

  /** Moves to the next row, skipping blank lines; false at the end of the input. */
  boolean next() {
    while (nextRow()) {
      if (row.size() > 1 || !row.get(0).isBlank()) {
        return true;
      }
    }
    return false;
  }

  private boolean nextRow() {
    try {
      JsonToken t = parser.nextToken();
      if (t == null) {
        return false;
      }
      if (t != JsonToken.START_ARRAY) {
        throw documentError(
            parser.currentLocation().getLineNr(), "unexpected CSV token " + t, null);
      }
      row.clear();
      while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (t == null) {
          throw documentError(line, "truncated row", null);
        }
        if (row.isEmpty()) {
          // The row's START_ARRAY is located at the end of the previous line; its first cell is
          // not.
          line = parser.currentTokenLocation().getLineNr();
        }
        row.add(parser.getText());
      }
      if (row.isEmpty()) {
        row.add("");
      }
      return true;
    } catch (StreamReadException e) {
      throw documentError(
          e.getLocation() == null ? line : e.getLocation().getLineNr(),
          "malformed CSV: " + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static ReadingFormatException documentError(long line, String reason, Throwable cause) {
    return new ReadingFormatException(
        new RecordError(Math.max(0, line), 0, "document", null, reason), cause);
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
