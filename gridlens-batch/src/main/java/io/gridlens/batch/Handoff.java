package io.gridlens.batch;

import io.gridlens.core.IngestPosition;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The hand-off of a scan's sorted rows from DuckDB to a {@link ReadingSink}: a producer thread runs
 * the queries one after the other and copies the rows, through JDBC's primitive getters, into
 * column batches; the calling thread drains the batches into the sink in order. So DuckDB's
 * execution and fetching run on one core while the core's fold, cleaning and insights run on the
 * other, and the sink sees exactly the sequence a single thread would give it (deterministic).
 *
 * <p>Rows carry the dense series number of the plan ({@code sid}), so no string is fetched per
 * reading: the sink's series key comes from the plan when the number changes. Memory is bounded by
 * {@link #QUEUE} batches of {@link #BATCH} rows (about 30 bytes a row).
 */
final class Handoff {

  /** Bits of the interval start in a packed (series, start) key. */
  static final int START_BITS = 34;

  static final int BATCH = 8192;
  static final int QUEUE = 128;

  private static final long START_MASK = (1L << START_BITS) - 1;

  private static final Batch END = new Batch(0);

  private final Connection duck;
  private final List<String> queries;
  private final List<SeriesSpan> spans;
  private final boolean packed;
  private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(QUEUE);
  private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(QUEUE + 4);
  private volatile boolean cancelled;
  private volatile Throwable failure;

  /**
   * @param queries SQL returning (sid, interval start) — or, packed, one BIGINT {@code sid <<
   *     START_BITS | start} — then flags {@code minutes << 9 | register << 8 | quality & 255}, wh,
   *     and the packed ingest position (-1 when invalid); each sorted by (sid, interval start,
   *     position), sids rising across queries
   * @param spans the plan: span {@code sid} is the series numbered {@code sid}
   */
  Handoff(Connection duck, List<String> queries, List<SeriesSpan> spans, boolean packed) {
    this.duck = duck;
    this.queries = queries;
    this.spans = spans;
    this.packed = packed;
  }

  /** Column batch of scan rows. */
  private static final class Batch {
    final int[] sid;
    final long[] start;
    final int[] minutes;
    final boolean[] register;
    final long[] wh;
    final byte[] quality;
    final long[] position;
    int n;

    Batch(int size) {
      sid = new int[size];
      start = new long[size];
      minutes = new int[size];
      register = new boolean[size];
      wh = new long[size];
      quality = new byte[size];
      position = new long[size];
    }
  }

  /** Streams every row to the sink on the calling thread; rethrows the producer's failure. */
  void streamTo(ReadingSink sink) throws SQLException {
    Thread producer = new Thread(this::produce, "gridlens-batch-scan");
    producer.setDaemon(true);
    producer.start();
    boolean done = false;
    try {
      int current = -1;
      while (true) {
        Batch b = take();
        if (b == END) {
          break;
        }
        int[] sid = b.sid;
        for (int i = 0; i < b.n; i++) {
          if (sid[i] != current) {
            if (current >= 0) {
              sink.endSeries();
            }
            current = sid[i];
            sink.startSeries(spans.get(current).series());
          }
          sink.reading(
              b.start[i], b.minutes[i], b.register[i], b.wh[i], b.quality[i], b.position[i]);
        }
        free.offer(b);
      }
      if (current >= 0 && failure == null) {
        sink.endSeries(); // not when the scan failed: the last series may be cut short
      }
      done = true;
    } finally {
      cancelled = !done;
      join(producer);
    }
    Throwable f = failure;
    if (f instanceof SQLException e) {
      throw e;
    }
    if (f instanceof RuntimeException e) {
      throw e;
    }
    if (f instanceof Error e) {
      throw e;
    }
    if (f != null) {
      throw new IllegalStateException(f);
    }
  }

  private Batch take() {
    try {
      return full.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancelled = true;
      throw new IllegalStateException("interrupted while scanning the master dataset", e);
    }
  }

  private static void join(Thread producer) {
    boolean interrupted = false;
    while (producer.isAlive()) {
      try {
        producer.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void produce() {
    try {
      for (String sql : queries) {
        if (!fetch(sql)) {
          return;
        }
      }
    } catch (Throwable t) { // handed to the consumer, which rethrows it
      failure = t;
    } finally {
      put(END);
    }
  }

  /** Runs one query into batches; false when the consumer gave up. */
  private boolean fetch(String sql) throws SQLException {
    try (Statement s = duck.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      Batch b = batch();
      while (rs.next()) {
        int i = b.n;
        int c;
        if (packed) {
          long key = rs.getLong(1);
          b.sid[i] = (int) (key >>> START_BITS);
          b.start[i] = key & START_MASK;
          c = 2;
        } else {
          b.sid[i] = rs.getInt(1);
          b.start[i] = rs.getLong(2);
          c = 3;
        }
        int flags = rs.getInt(c);
        b.minutes[i] = flags >> 9;
        b.register[i] = (flags & 0x100) != 0;
        b.quality[i] = (byte) flags;
        b.wh[i] = rs.getLong(c + 1);
        long position = rs.getLong(c + 2);
        if (position < 0) {
          throw new IllegalStateException(
              "master dataset row of "
                  + spans.get(b.sid[i]).series().meterId()
                  + " has an invalid position: log_partition must be in 0.."
                  + IngestPosition.MAX_PARTITION
                  + " and log_offset in 0.."
                  + IngestPosition.MAX_OFFSET);
        }
        b.position[i] = position;
        if (++b.n == BATCH) {
          if (!put(b)) {
            return false;
          }
          b = batch();
        }
      }
      return b.n == 0 || put(b);
    }
  }

  private Batch batch() {
    Batch b = free.poll();
    if (b == null) {
      return new Batch(BATCH);
    }
    b.n = 0;
    return b;
  }

  /** Queues a batch unless the consumer gave up; false when it did. */
  private boolean put(Batch b) {
    try {
      while (!full.offer(b, 50, TimeUnit.MILLISECONDS)) {
        if (cancelled) {
          return false;
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
