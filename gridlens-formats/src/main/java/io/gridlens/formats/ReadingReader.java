package io.gridlens.formats;

import io.gridlens.core.Reading;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A pull-style, streaming source of readings parsed from one input.
 *
 * <p>Contract: the reader holds at most one record (or one bounded block) in memory, never the
 * input; {@link #hasNext()} parses ahead by one reading and may throw {@link
 * ReadingFormatException} (bad record under {@link ErrorPolicy#FAIL}, or a document-level error) or
 * {@link java.io.UncheckedIOException}. Readings are not ingested: their {@code ingestTime} and
 * {@code position} are null and their {@code source} is the format name. Not thread-safe. {@link
 * #close()} closes the underlying input; it is idempotent.
 */
public interface ReadingReader extends Iterator<Reading>, AutoCloseable {

  /** What was read so far; complete once {@link #hasNext()} returned false. */
  ReadReport report();

  /** The zone of the input's local time, when the input or the format says it. */
  default Optional<ZoneId> zone() {
    return Optional.empty();
  }

  /** The remaining readings as a sequential stream; closing the stream closes this reader. */
  default Stream<Reading> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(this::close);
  }

  @Override
  void close();
}
