package io.gridlens.formats;

import io.gridlens.core.Reading;

/**
 * A streaming sink of readings in one format.
 *
 * <p>Contract: readings are written as they come (a writer buffers at most one bounded block);
 * {@link #write(Reading)} throws {@link IllegalArgumentException} naming the field when the format
 * cannot carry a reading (e.g. a register value in Enedis), and {@link
 * java.io.UncheckedIOException} on I/O failure. {@link #close()} completes the document and closes
 * the output; it is idempotent. Not thread-safe.
 */
public interface ReadingWriter extends AutoCloseable {

  /** Writes one reading. */
  void write(Reading reading);

  /** Writes every reading, in order. */
  default void writeAll(Iterable<Reading> readings) {
    for (Reading r : readings) {
      write(r);
    }
  }

  @Override
  void close();
}
