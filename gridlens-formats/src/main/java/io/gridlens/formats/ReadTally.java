package io.gridlens.formats;

import java.util.ArrayList;
import java.util.List;

/** The running counts of one read, and the place where the error policy is applied. */
final class ReadTally {

  private final ErrorPolicy policy;
  private final int maxKept;
  private final List<RecordError> kept = new ArrayList<>();
  private long records;
  private long readings;
  private long missing;
  private long duplicates;
  private long errors;

  ReadTally(ReadOptions options) {
    this.policy = options.errorPolicy();
    this.maxKept = options.maxKeptErrors();
  }

  void record() {
    records++;
  }

  long records() {
    return records;
  }

  void reading() {
    readings++;
  }

  void missing() {
    missing++;
  }

  void duplicate() {
    duplicates++;
  }

  /** Counts a bad record; throws under {@link ErrorPolicy#FAIL}. */
  void error(RecordError error) {
    errors++;
    if (policy == ErrorPolicy.FAIL) {
      throw new ReadingFormatException(error);
    }
    if (kept.size() < maxKept) {
      kept.add(error);
    }
  }

  ReadReport snapshot() {
    return new ReadReport(records, readings, missing, duplicates, errors, kept);
  }
}
