package io.gridlens.formats;

/** What a reader does with a record it cannot turn into a reading. */
public enum ErrorPolicy {
  /** Throw a {@link ReadingFormatException} at the first bad record. */
  FAIL,
  /** Record a {@link RecordError} in the {@link ReadReport}, skip the record and go on. */
  SKIP_AND_REPORT
}
