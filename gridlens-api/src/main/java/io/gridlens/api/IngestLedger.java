package io.gridlens.api;

import io.gridlens.ingest.IngestReport;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the uploads of each tenant did, since this API instance started: request and reading counts,
 * the last report, and a bounded ring of the most recent refused records (the dead letters listed
 * in reports; every one of them is also on the {@code deadletter} topic).
 *
 * <p>Per instance and in memory: it answers "what happened to my uploads" quickly, and loses its
 * memory on restart (the topic keeps everything). Thread-safe.
 */
final class IngestLedger {

  /**
   * A refused record of an upload.
   *
   * @param at when the upload finished
   * @param format the upload's format
   * @param line 1-based line in the upload, 0 when unknown
   * @param record 1-based record ordinal, 0 when unknown
   * @param field the field at fault
   * @param reason what is wrong and how to fix it
   */
  record Letter(Instant at, String format, long line, long record, String field, String reason) {}

  /**
   * The uploads of one tenant.
   *
   * @param requests uploads finished
   * @param inFlight uploads in progress
   * @param accepted readings logged
   * @param rejected records refused
   * @param failed valid readings Kafka did not acknowledge
   * @param lastAt when the last upload finished, or null
   * @param lastSummary the last upload's summary, or null
   */
  record Status(
      long requests,
      long inFlight,
      long accepted,
      long rejected,
      long failed,
      Instant lastAt,
      String lastSummary) {

    static final Status NONE = new Status(0, 0, 0, 0, 0, null, null);
  }

  private final int ringSize;
  private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();

  IngestLedger(int ringSize) {
    if (ringSize < 1) {
      throw new IllegalArgumentException("dead-letter ring size must be >= 1, was " + ringSize);
    }
    this.ringSize = ringSize;
  }

  /** Counts an upload that started. */
  void started(String tenant) {
    Tenant t = tenant(tenant);
    synchronized (t) {
      t.inFlight++;
    }
  }

  /** Counts an upload that ended without a report (it failed before its end). */
  void abandoned(String tenant) {
    Tenant t = tenant(tenant);
    synchronized (t) {
      t.inFlight--;
    }
  }

  /** Records the report of an upload that finished. */
  void finished(String tenant, String format, IngestReport report, Instant at) {
    Objects.requireNonNull(report, "report");
    Tenant t = tenant(tenant);
    synchronized (t) {
      t.inFlight--;
      t.requests++;
      t.accepted += report.accepted();
      t.rejected += report.rejected();
      t.failed += report.failed();
      t.lastAt = at;
      t.lastSummary = report.summary();
      for (IngestReport.IngestError e : report.errors()) {
        if (t.ring.size() == ringSize) {
          t.ring.removeFirst();
        }
        t.ring.addLast(new Letter(at, format, e.line(), e.record(), e.field(), e.reason()));
      }
    }
  }

  Status status(String tenant) {
    Tenant t = tenants.get(tenant);
    if (t == null) {
      return Status.NONE;
    }
    synchronized (t) {
      return new Status(
          t.requests, t.inFlight, t.accepted, t.rejected, t.failed, t.lastAt, t.lastSummary);
    }
  }

  /** The most recent refused records of a tenant, newest first, at most {@code limit}. */
  List<Letter> recent(String tenant, int limit) {
    Tenant t = tenants.get(tenant);
    List<Letter> out = new ArrayList<>();
    if (t == null) {
      return out;
    }
    synchronized (t) {
      Iterator<Letter> it = t.ring.descendingIterator();
      while (it.hasNext() && out.size() < limit) {
        out.add(it.next());
      }
    }
    return out;
  }

  private Tenant tenant(String tenant) {
    return tenants.computeIfAbsent(Objects.requireNonNull(tenant, "tenant"), k -> new Tenant());
  }

  private static final class Tenant {
    final ArrayDeque<Letter> ring = new ArrayDeque<>();
    long requests;
    long inFlight;
    long accepted;
    long rejected;
    long failed;
    Instant lastAt;
    String lastSummary;
  }
}
