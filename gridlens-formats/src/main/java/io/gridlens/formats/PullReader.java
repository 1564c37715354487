package io.gridlens.formats;

import io.gridlens.core.Reading;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;

/** The iterator plumbing shared by all readers: one reading of look-ahead, tally, close. */
abstract class PullReader implements ReadingReader {

  final ReadTally tally;
  final String source;
  private final Closeable input;
  private Reading ahead;
  private boolean done;
  private boolean closed;

  PullReader(ReadingFormat format, ReadOptions options, Closeable input) {
    this.tally = new ReadTally(options);
    this.source = format.formatName();
    this.input = input;
  }

  /** The next reading, or null at the end of the input. */
  abstract Reading advance() throws IOException;

  @Override
  public final boolean hasNext() {
    if (ahead == null && !done) {
      if (closed) {
        throw new IllegalStateException("reader is closed");
      }
      try {
        ahead = advance();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      done = ahead == null;
    }
    return ahead != null;
  }

  @Override
  public final Reading next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more readings");
    }
    Reading r = ahead;
    ahead = null;
    tally.reading();
    return r;
  }

  @Override
  public final ReadReport report() {
    return tally.snapshot();
  }

  @Override
  public final void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      input.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
