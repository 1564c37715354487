package io.gridlens.formats;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a text input, each at most {@link #MAX_LINE_CHARS} characters: a longer line is
 * skipped (and flagged) instead of filling the heap, so a hostile or broken input cannot make the
 * JSONL reader load it whole.
 */
final class JsonLines implements Closeable {

  static final int MAX_LINE_CHARS = 1 << 20;

  private final BufferedReader in;
  private final StringBuilder buf = new StringBuilder(256);
  private long lineNumber;
  private boolean tooLong;

  JsonLines(InputStream in) {
    this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }

  /** The next line without its terminator, or null at the end of the input. */
  String next() throws IOException {
    buf.setLength(0);
    tooLong = false;
    int c = in.read();
    if (c < 0) {
      return null;
    }
    lineNumber++;
    while (c >= 0 && c != '\n') {
      if (buf.length() < MAX_LINE_CHARS) {
        buf.append((char) c);
      } else {
        tooLong = true;
      }
      c = in.read();
    }
    int len = buf.length();
    if (len > 0 && buf.charAt(len - 1) == '\r') {
      buf.setLength(len - 1);
    }
    return tooLong ? "" : buf.toString();
  }

  /** Whether the last line was longer than {@link #MAX_LINE_CHARS} (and came back empty). */
  boolean tooLong() {
    return tooLong;
  }

  long lineNumber() {
    return lineNumber;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
