package io.gridlens.formats;

/**
 * An input that cannot be read: a bad record under {@link ErrorPolicy#FAIL}, or a document-level
 * problem (bad header, malformed syntax, forbidden DOCTYPE) under any policy.
 */
public final class ReadingFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient RecordError error;

  /** The exception of one bad record. */
  public ReadingFormatException(RecordError error) {
    super(error.describe());
    this.error = error;
  }

  /** The exception of a bad record whose cause is a lower-level parse failure. */
  public ReadingFormatException(RecordError error, Throwable cause) {
    super(error.describe(), cause);
    this.error = error;
  }

  /** What was wrong and where. */
  public RecordError error() {
    return error;
  }
}
