package io.gridlens.ingest;

import io.gridlens.core.Reading;
import io.gridlens.core.ValueKind;
import io.gridlens.core.codec.ReadingBatchCodec;
import io.gridlens.core.reference.ReferenceData;
import io.gridlens.core.vee.ReadingCheck;
import io.gridlens.core.vee.VeeConfig;
import io.gridlens.core.vee.Verdict;
import io.gridlens.formats.ReadReport;
import io.gridlens.formats.ReadingReader;
import io.gridlens.formats.RecordError;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * The edge of the platform: validates readings, logs the good ones to {@code readings} and the bad
 * ones to {@code deadletter}, and reports what it did (DESIGN.md sections 1 and 4).
 *
 * <p>Design note: how a reading's ingest position stays exact when a record carries many readings.
 * A {@code readings} record holds a run of one meter's readings of one channel ({@link
 * ReadingBatchCodec}); every reading of it is logged at the record's (partition, offset), and the
 * master dataset keeps its index in the record. "Latest ingest position wins" (core's {@code
 * DayReadings}) compares positions only, and keeps the first of equal positions, so two readings of
 * the same meter, channel and interval must never share a record. This service guarantees it: a
 * meter's records are sent in the order the readings arrived (one producer, key = meter, so one
 * partition, and an idempotent producer keeps the order), and a reading whose interval is already
 * in the meter's pending record closes that record first, so the correction lands at a later
 * offset. Hence within a record (meter, channel, interval start) is unique, and across records the
 * offset order is the arrival order: (partition, offset) alone decides "latest wins" exactly, and
 * the index within a record is only an identity for ledgers, never an order.
 *
 * <p>A request's readings are buffered per (meter, channel) and sent in records of at most {@link
 * Options#maxReadingsPerRecord()} readings; all buffers are sent when {@link
 * Options#maxBufferedReadings()} are pending and at the end of the input. The report is returned
 * only once Kafka answered for every record of the request. Thread-safe: concurrent requests share
 * the producer and nothing else.
 */
public final class IngestService {

  private final Producer<String, byte[]> producer;
  private final IngestTopics topics;
  private final ReadingCheck check;
  private final Clock clock;
  private final Options options;

  /**
   * An ingest service over a producer the caller owns (and closes).
   *
   * @param producer a producer configured by {@link KafkaClients#producer(String)}
   * @param reference the meters readings are checked against
   * @param clock the ingest clock: FUTURE is judged, and records are stamped, with it
   */
  public IngestService(
      Producer<String, byte[]> producer,
      IngestTopics topics,
      ReferenceData reference,
      Clock clock,
      Options options) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.topics = Objects.requireNonNull(topics, "topics");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.options = Objects.requireNonNull(options, "options");
    this.check = new ReadingCheck(reference, clock, options.vee());
  }

  /**
   * Ingests every reading of an input; the reader should skip and report bad records ({@code
   * ErrorPolicy.SKIP_AND_REPORT}), which are then dead-lettered. Closes the reader.
   */
  public IngestReport ingest(ReadingReader reader, Progress progress) {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(progress, "progress");
    try (reader) {
      Session s = new Session(progress);
      while (reader.hasNext()) {
        Reading r = reader.next();
        s.offer(r, reader);
        if ((s.read & 0xFFFF) == 0) {
          s.deadLetterParseErrors(reader.report());
        }
      }
      s.flushAll();
      ReadReport report = reader.report();
      s.deadLetterParseErrors(report);
      s.parseRejected = report.errorCount();
      return s.finish();
    }
  }

  /** Ingests an input without progress. */
  public IngestReport ingest(ReadingReader reader) {
    return ingest(reader, Progress.NONE);
  }

  /**
   * Ingests readings that need no parsing (a binary feed, the simulator): only validation can
   * reject them; their record ordinal is their 1-based place in the iteration.
   */
  public IngestReport ingest(Iterator<Reading> readings, Progress progress) {
    Session s = new Session(progress);
    while (readings.hasNext()) {
      s.offer(readings.next(), null);
    }
    s.flushAll();
    return s.finish();
  }

  /** Receives the counts of a running request, about every 65,536 readings. */
  @FunctionalInterface
  public interface Progress {

    /** No progress reports. */
    Progress NONE = (read, accepted, rejected) -> {};

    /**
     * @param read readings (and bad records) read so far
     * @param accepted readings acknowledged so far
     * @param rejected records refused so far
     */
    void update(long read, long accepted, long rejected);
  }

  /**
   * How requests are batched and checked.
   *
   * @param maxReadingsPerRecord readings in one {@code readings} record, at most
   * @param maxBufferedReadings readings held before every buffer is sent
   * @param maxKeptErrors errors listed in a report (all are counted and dead-lettered)
   * @param vee the edge checks' settings (future tolerance)
   * @param ackTimeout how long to wait for Kafka's answers at the end of a request
   */
  public record Options(
      int maxReadingsPerRecord,
      int maxBufferedReadings,
      int maxKeptErrors,
      VeeConfig vee,
      Duration ackTimeout) {

    public Options {
      if (maxReadingsPerRecord < 1 || maxReadingsPerRecord > 65_536) {
        throw new IllegalArgumentException(
            "maxReadingsPerRecord must be in 1..65536 (default 2048), was " + maxReadingsPerRecord);
      }
      if (maxBufferedReadings < maxReadingsPerRecord) {
        throw new IllegalArgumentException(
            "maxBufferedReadings must be >= maxReadingsPerRecord ("
                + maxReadingsPerRecord
                + "), was "
                + maxBufferedReadings);
      }
      if (maxKeptErrors < 0) {
        throw new IllegalArgumentException("maxKeptErrors must be >= 0, was " + maxKeptErrors);
      }
      Objects.requireNonNull(vee, "vee");
      Objects.requireNonNull(ackTimeout, "ackTimeout");
    }

    /** 2048 readings a record, 1 M buffered, 1000 errors listed, VEE defaults, 2 min for acks. */
    public static Options defaults() {
      return new Options(2048, 1 << 20, 1000, VeeConfig.defaults(), Duration.ofMinutes(2));
    }

    /** These options with another record size. */
    public Options withMaxReadingsPerRecord(int n) {
      return new Options(n, Math.max(n, maxBufferedReadings), maxKeptErrors, vee, ackTimeout);
    }
  }

  /** The pending readings of one meter and channel: the record being built. */
  private static final class MeterBuffer {
    final String meterId;
    final ReadingBatchCodec.Batch batch = new ReadingBatchCodec.Batch(16);
    ValueKind kind;
    int minutes;
    String source;
    long maxStart = Long.MIN_VALUE;

    MeterBuffer(String meterId) {
      this.meterId = meterId;
    }

    boolean holdsStart(long start) {
      for (int i = 0, n = batch.size(); i < n; i++) {
        if (batch.startEpochSecond(i) == start) {
          return true;
        }
      }
      return false;
    }
  }

  /** One request: its buffers, counts and the answers Kafka gave so far. */
  private final class Session {
    private final Progress progress;
    private final Map<String, MeterBuffer[]> buffers = new HashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong outstanding = new AtomicLong();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final List<IngestReport.IngestError> errors = new ArrayList<>();
    private long read;
    private long buffered;
    private long checkRejected;
    private long parseRejected;
    private int parseErrorsSent;
    private String source = "input";

    Session(Progress progress) {
      this.progress = progress;
    }

    void offer(Reading r, ReadingReader reader) {
      read++;
      source = r.source();
      Verdict v = check.check(r);
      if (!v.accepted()) {
        checkRejected++;
        long ordinal = reader == null ? read : reader.report().records();
        reject(
            r.meterId(),
            new DeadLetter(r.source(), 0, ordinal, v.field(), asCsvRow(r), v.reason()));
      } else {
        buffer(r);
      }
      if ((read & 0xFFFF) == 0) {
        progress.update(read, accepted.get(), checkRejected + parseErrorsSent);
      }
    }

    private void buffer(Reading r) {
      MeterBuffer[] pair = buffers.computeIfAbsent(r.meterId(), k -> new MeterBuffer[2]);
      int c = r.channel().ordinal();
      MeterBuffer b = pair[c];
      if (b == null) {
        b = pair[c] = new MeterBuffer(r.meterId());
      }
      long start = r.intervalStart().getEpochSecond();
      if (b.batch.size() > 0
          && (b.kind != r.kind()
              || b.minutes != r.intervalMinutes()
              || !b.source.equals(r.source())
              || (start <= b.maxStart && b.holdsStart(start)))) {
        // A correction of a pending interval, or a change of shape: close the record first.
        flush(b);
      }
      if (b.batch.size() == 0) {
        b.batch.reset(r.channel(), r.kind(), r.intervalMinutes(), r.source());
        b.kind = r.kind();
        b.minutes = r.intervalMinutes();
        b.source = r.source();
        b.maxStart = Long.MIN_VALUE;
      }
      b.batch.add(r);
      b.maxStart = Math.max(b.maxStart, start);
      buffered++;
      if (b.batch.size() >= options.maxReadingsPerRecord()) {
        flush(b);
      }
      if (buffered >= options.maxBufferedReadings()) {
        flushAll();
      }
    }

    void flushAll() {
      for (MeterBuffer[] pair : buffers.values()) {
        for (MeterBuffer b : pair) {
          if (b != null && b.batch.size() > 0) {
            flush(b);
          }
        }
      }
      // Buffers of meters seen once would pin memory for the rest of a long request.
      buffers.clear();
    }

    private void flush(MeterBuffer b) {
      int n = b.batch.size();
      byte[] value = ReadingBatchCodec.encode(b.batch);
      buffered -= n;
      b.batch.reset(b.batch.channel(), b.kind, b.minutes, b.source);
      send(
          new ProducerRecord<>(topics.readings(), null, clock.millis(), b.meterId, value), n, true);
    }

    private void reject(String key, DeadLetter letter) {
      if (errors.size() < options.maxKeptErrors()) {
        errors.add(
            new IngestReport.IngestError(
                letter.line(), letter.record(), letter.field(), letter.reason()));
      }
      send(
          new ProducerRecord<>(topics.deadLetter(), null, clock.millis(), key, letter.toJson()),
          0,
          false);
    }

    private void send(ProducerRecord<String, byte[]> record, int readings, boolean counts) {
      outstanding.incrementAndGet();
      try {
        producer.send(
            record,
            (metadata, e) -> {
              if (e == null) {
                accepted.addAndGet(readings);
              } else {
                failed.addAndGet(readings);
                failure.compareAndSet(
                    null, (counts ? "readings" : "dead letter") + " not logged: " + e);
              }
              outstanding.decrementAndGet();
            });
      } catch (KafkaException | IllegalStateException e) {
        outstanding.decrementAndGet();
        failed.addAndGet(readings);
        failure.compareAndSet(null, "readings not logged: " + e);
      }
    }

    void deadLetterParseErrors(ReadReport report) {
      List<RecordError> kept = report.errors();
      for (; parseErrorsSent < kept.size(); parseErrorsSent++) {
        RecordError e = kept.get(parseErrorsSent);
        reject(
            null, new DeadLetter(source, e.line(), e.element(), e.field(), e.value(), e.reason()));
      }
    }

    IngestReport finish() {
      producer.flush();
      long deadline = System.nanoTime() + options.ackTimeout().toNanos();
      while (outstanding.get() > 0) {
        if (System.nanoTime() > deadline) {
          failure.compareAndSet(
              null, "no answer from Kafka within " + options.ackTimeout() + " for some records");
          break;
        }
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for Kafka's answers", e);
        }
      }
      long rejected = checkRejected + parseRejected;
      progress.update(read + parseRejected, accepted.get(), rejected);
      long notAcked = read - checkRejected - accepted.get();
      return new IngestReport(
          accepted.get(), rejected, Math.max(failed.get(), notAcked), errors, failure.get());
    }
  }

  /** A reading as the CSV row a sender would have written, for dead letters. */
  static String asCsvRow(Reading r) {
    return r.meterId()
        + ","
        + r.channel().name().toLowerCase(java.util.Locale.ROOT)
        + ","
        + r.intervalStart()
        + ","
        + r.intervalMinutes()
        + ","
        + (r.kind() == ValueKind.REGISTER ? "register" : "interval")
        + ","
        + r.wh()
        + ","
        + r.quality();
  }
}
