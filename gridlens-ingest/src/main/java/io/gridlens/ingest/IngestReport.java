package io.gridlens.ingest;

import java.util.List;

/**
 * What one ingest request did: readings logged, records rejected, and why.
 *
 * <p>{@code accepted} counts only readings whose Kafka write was acknowledged ({@code acks=all}):
 * they are durable and will be in the master dataset. {@code rejected} counts records refused at
 * the edge (unreadable, or failing validation); each was sent to the {@code deadletter} topic.
 * {@code failed} counts valid readings that Kafka did not acknowledge (broker down, timeout): they
 * are not logged and must be sent again.
 *
 * @param accepted readings acknowledged by Kafka
 * @param rejected records refused at the edge
 * @param failed valid readings that could not be logged
 * @param errors the first refused records, with line and reason (at most a configured number)
 * @param failure why logging failed, or null when {@code failed == 0}
 */
public record IngestReport(
    long accepted, long rejected, long failed, List<IngestError> errors, String failure) {

  public IngestReport {
    if (accepted < 0 || rejected < 0 || failed < 0) {
      throw new IllegalArgumentException(
          "counts must be >= 0, were " + accepted + ", " + rejected + ", " + failed);
    }
    errors = List.copyOf(errors);
  }

  /** Whether every record was logged. */
  public boolean clean() {
    return rejected == 0 && failed == 0;
  }

  /** A short human summary: {@code accepted 1000, rejected 2, failed 0}. */
  public String summary() {
    return "accepted " + accepted + ", rejected " + rejected + ", failed " + failed;
  }

  /**
   * One refused record.
   *
   * @param line 1-based line in the input, 0 when the reader does not know it
   * @param record 1-based ordinal of the record in the input, 0 when unknown
   * @param field the field at fault
   * @param reason what is wrong and how to fix it
   */
  public record IngestError(long line, long record, String field, String reason) {

    @Override
    public String toString() {
      return (line > 0 ? "line " + line : "record " + record) + ", " + field + ": " + reason;
    }
  }
}
