package io.gridlens.formats;

import java.util.List;

/**
 * What a reader has seen so far: records, readings produced, missing values, duplicates, errors.
 *
 * <p>Invariant: {@code records == readings + missing + duplicates + errorCount} for readers that
 * produce at most one reading per record (all of ours).
 *
 * @param records records seen (rows, JSON lines, {@code IntervalReading} / {@code interval_reading}
 *     elements), excluding headers and blank lines
 * @param readings readings handed to the caller
 * @param missing records that stand for a missing value (LCL {@code Null}, an empty eemeter value):
 *     not errors
 * @param duplicates records skipped because they repeat the previous record exactly
 * @param errorCount records skipped because they were bad (all of them)
 * @param errors the first bad records, at most {@link ReadOptions#maxKeptErrors()} of them
 */
public record ReadReport(
    long records,
    long readings,
    long missing,
    long duplicates,
    long errorCount,
    List<RecordError> errors) {

  public ReadReport {
    errors = List.copyOf(errors);
  }
}
