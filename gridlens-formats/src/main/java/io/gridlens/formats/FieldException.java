package io.gridlens.formats;

/**
 * A field of one record that cannot be read; caught by the reader and turned into a {@link
 * RecordError} with the record's line and ordinal. Stackless: bad records may be many.
 */
final class FieldException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String field;
  private final String value;

  FieldException(String field, String value, String reason) {
    super(reason, null, false, false);
    this.field = field;
    this.value = value;
  }

  RecordError at(long line, long element) {
    return new RecordError(line, element, field, value, getMessage());
  }
}
