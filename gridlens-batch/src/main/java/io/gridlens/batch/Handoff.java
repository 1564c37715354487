package io.gridlens.batch;

import io.gridlens.core.IngestPosition;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The hand-off of a scan's rows from DuckDB to a {@link ReadingSink}, grouped and ordered in Java.
 *
 * <p>A producer thread runs one query per {@link Part chunk} of series, copies its rows, unordered,
 * through JDBC's primitive getters into column arrays, then orders them: a counting sort by series
 * (linear), and within each series a sort by interval start of one packed {@code long} per reading
 * (the rows of a series arrive nearly in order, file after file, and Java's sort finds those runs),
 * equal starts ordered by ingest position. The calling thread streams each ordered chunk into the
 * sink while the producer fetches the next one, so DuckDB's scan and the ordering run on one core
 * while the core's fold, cleaning and insights run on the other.
 *
 * <p>Why not {@code ORDER BY} in DuckDB: on this platform's data, DuckDB's sort of the scan costs
 * about 0.4 µs of CPU a reading, four times its scan, join and fetch together; grouping a chunk in
 * Java costs a few tens of nanoseconds a reading.
 *
 * <p>Rows carry a 63-bit hash of their series, mapped to the plan's dense series number ({@code
 * sid}) by {@link SeriesHashes} once per run of rows of one series (or, in a join scan, the sid
 * itself), so no string is fetched per reading. Memory: at most three chunks (one fetched, one
 * queued, one streamed) of about {@code 37 bytes} a reading.
 */
final class Handoff {

  /** Bits of the interval start in a packed (series, start) key. */
  static final int START_BITS = 34;

  private static final long START_MASK = (1L << START_BITS) - 1;

  /**
   * One chunk of a scan: a query and the series it returns.
   *
   * @param sql returns (sid, interval start) — or, packed, one BIGINT {@code sid << START_BITS |
   *     start}; or, in a hash scan, (series hash, interval start) — then flags {@code minutes << 9
   *     | register << 8 | quality & 255}, wh, and the packed ingest position (-1 when invalid), in
   *     any order; a hash scan may return rows of series outside the part, which are skipped
   * @param sids the series numbers the query may return, ascending
   * @param readings the readings it returns at most (sizes the arrays)
   */
  record Part(String sql, int[] sids, long readings) {}

  private static final Chunk END = new Chunk(0);

  private final Connection duck;
  private final List<Part> parts;
  private final List<SeriesSpan> spans;
  private final boolean packed;
  private final SeriesHashes hashes;
  private final long[] from;
  private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(1);
  private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(3);
  private final int[] local;
  private volatile boolean cancelled;
  private volatile Throwable failure;

  /**
   * @param parts the chunks, each series in at most one
   * @param spans the plan: span {@code sid} is the series numbered {@code sid}
   * @param hashes the plan's series by hash, for hash scans; null when the rows carry the sid
   * @param from in hash scans, the first interval start wanted by sid; null for all
   */
  Handoff(
      Connection duck,
      List<Part> parts,
      List<SeriesSpan> spans,
      boolean packed,
      SeriesHashes hashes,
      long[] from) {
    this.duck = duck;
    this.parts = parts;
    this.spans = spans;
    this.packed = packed;
    this.hashes = hashes;
    this.from = from;
    this.local = new int[spans.size()];
    Arrays.fill(local, -1);
  }

  /** The rows of one chunk, as columns, with their order once grouped. */
  static final class Chunk {
    int[] sid;
    long[] start;
    int[] flags;
    long[] wh;
    long[] position;
    int[] order;
    int n;
    int[] seriesSid = new int[0];
    int[] seriesEnd = new int[0];
    int series;

    Chunk(int size) {
      allocate(size);
    }

    private void allocate(int size) {
      sid = new int[size];
      start = new long[size];
      flags = new int[size];
      wh = new long[size];
      position = new long[size];
      order = new int[size];
    }

    void reset(int capacity, int seriesCount) {
      n = 0;
      series = 0;
      if (sid.length < capacity) {
        allocate(capacity);
      }
      if (seriesSid.length < seriesCount) {
        seriesSid = new int[seriesCount];
        seriesEnd = new int[seriesCount];
      }
    }

    void grow() {
      int c = Math.max(16, sid.length * 2);
      sid = Arrays.copyOf(sid, c);
      start = Arrays.copyOf(start, c);
      flags = Arrays.copyOf(flags, c);
      wh = Arrays.copyOf(wh, c);
      position = Arrays.copyOf(position, c);
      order = new int[c];
    }
  }

  /** Streams every row to the sink on the calling thread; rethrows the producer's failure. */
  void streamTo(ReadingSink sink) throws SQLException {
    Thread producer = new Thread(this::produce, "gridlens-batch-scan");
    producer.setDaemon(true);
    producer.start();
    boolean done = false;
    try {
      while (true) {
        Chunk c = take();
        if (c == END) {
          break;
        }
        int i = 0;
        for (int s = 0; s < c.series; s++) {
          sink.startSeries(spans.get(c.seriesSid[s]).series());
          int end = c.seriesEnd[s];
          for (; i < end; i++) {
            int r = c.order[i];
            int f = c.flags[r];
            sink.reading(c.start[r], f >> 9, (f & 0x100) != 0, c.wh[r], (byte) f, c.position[r]);
          }
          sink.endSeries();
        }
        free.offer(c);
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

  private Chunk take() {
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
      for (Part p : parts) {
        Chunk c = free.poll();
        if (c == null) {
          c = new Chunk((int) Math.min(Integer.MAX_VALUE - 8, Math.max(16, p.readings())));
        }
        c.reset((int) Math.min(Integer.MAX_VALUE - 8, p.readings()), p.sids().length);
        int[] sids = p.sids();
        for (int k = 0; k < sids.length; k++) {
          local[sids[k]] = k;
        }
        try {
          fetch(p, c);
          group(p, c);
        } finally {
          for (int sid : sids) {
            local[sid] = -1;
          }
        }
        if (c.n > 0 && !put(c)) {
          return;
        }
        if (c.n == 0) {
          free.offer(c);
        }
      }
    } catch (Throwable t) { // handed to the consumer, which rethrows it
      failure = t;
    } finally {
      putEnd();
    }
  }

  /** Runs one chunk's query into its columns. */
  private void fetch(Part p, Chunk c) throws SQLException {
    try (Statement s = duck.createStatement();
        ResultSet rs = s.executeQuery(p.sql())) {
      long lastHash = -1;
      int lastSid = -1;
      while (rs.next()) {
        if (c.n == c.sid.length) {
          c.grow();
        }
        int i = c.n;
        int col;
        if (hashes != null) {
          long hash = rs.getLong(1);
          if (hash != lastHash) { // rows come in runs of one series (the files are sorted)
            lastSid = hashes.sid(hash);
            lastHash = hash;
            if (lastSid < 0) {
              throw new IllegalStateException(
                  "the scan returned a series hash that no series of the plan has: the master"
                      + " dataset changed below the cut during the run");
            }
          }
          long start = rs.getLong(2);
          if (local[lastSid] < 0 || (from != null && start < from[lastSid])) {
            continue; // a series of another chunk in the meter range, or not wanted
          }
          c.sid[i] = lastSid;
          c.start[i] = start;
          col = 3;
        } else if (packed) {
          long key = rs.getLong(1);
          c.sid[i] = (int) (key >>> START_BITS);
          c.start[i] = key & START_MASK;
          col = 2;
        } else {
          c.sid[i] = rs.getInt(1);
          c.start[i] = rs.getLong(2);
          col = 3;
        }
        c.flags[i] = rs.getInt(col);
        c.wh[i] = rs.getLong(col + 1);
        long position = rs.getLong(col + 2);
        if (position < 0) {
          throw new IllegalStateException(
              "master dataset row of "
                  + spans.get(c.sid[i]).series().meterId()
                  + " has an invalid position: log_partition must be in 0.."
                  + IngestPosition.MAX_PARTITION
                  + " and log_offset in 0.."
                  + IngestPosition.MAX_OFFSET);
        }
        c.position[i] = position;
        c.n++;
      }
    }
  }

  /**
   * Orders a fetched chunk: series in the part's order (a stable counting sort), each series'
   * readings by interval start, then ingest position.
   */
  private void group(Part p, Chunk c) {
    int[] sids = p.sids();
    int[] bucket = new int[sids.length + 1];
    for (int i = 0; i < c.n; i++) {
      int k = local[c.sid[i]];
      if (k < 0) {
        throw new IllegalStateException(
            "the scan of a chunk returned series "
                + spans.get(c.sid[i]).series()
                + ", which the chunk does not hold");
      }
      bucket[k + 1]++;
    }
    for (int k = 0; k < sids.length; k++) {
      bucket[k + 1] += bucket[k];
    }
    int[] next = Arrays.copyOf(bucket, sids.length);
    for (int i = 0; i < c.n; i++) {
      c.order[next[local[c.sid[i]]]++] = i;
    }
    long[] keys = new long[0];
    for (int k = 0; k < sids.length; k++) {
      int from = bucket[k];
      int to = bucket[k + 1];
      if (from == to) {
        continue;
      }
      if (to - from > keys.length) {
        keys = new long[Math.max(to - from, 2 * keys.length)];
      }
      sortSeries(c, from, to, keys);
      c.seriesSid[c.series] = sids[k];
      c.seriesEnd[c.series] = to;
      c.series++;
    }
  }

  /** Orders {@code c.order[from, to)} (one series) by interval start, then ingest position. */
  static void sortSeries(Chunk c, int from, int to, long[] keys) {
    int[] order = c.order;
    long[] start = c.start;
    long[] position = c.position;
    if (inOrder(c, from, to)) {
      return;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = from; i < to; i++) {
      long s = start[order[i]];
      min = Math.min(min, s);
      max = Math.max(max, s);
    }
    // One long a reading: its start (from the series' first) above its row number, so the
    // sorted keys give the rows in place.
    int rowBits = 64 - Long.numberOfLeadingZeros(c.n);
    int spanBits = 64 - Long.numberOfLeadingZeros(max - min);
    if (rowBits + spanBits <= 63 && max - min >= 0) {
      long mask = (1L << rowBits) - 1;
      for (int i = from; i < to; i++) {
        keys[i - from] = ((start[order[i]] - min) << rowBits) | order[i];
      }
      Arrays.sort(keys, 0, to - from);
      for (int i = from; i < to; i++) {
        order[i] = (int) (keys[i - from] & mask);
      }
    } else { // a series spanning more than 2^(63 - rowBits) seconds: boxed, but correct
      Integer[] boxed = new Integer[to - from];
      for (int i = from; i < to; i++) {
        boxed[i - from] = order[i];
      }
      Arrays.sort(boxed, (x, y) -> Long.compare(start[x], start[y]));
      for (int i = from; i < to; i++) {
        order[i] = boxed[i - from];
      }
    }
    // Equal starts (duplicates, corrections): by ingest position, insertion sort of each run.
    for (int i = from + 1; i < to; i++) {
      int r = order[i];
      int j = i - 1;
      while (j >= from && start[order[j]] == start[r] && position[order[j]] > position[r]) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = r;
    }
  }

  private static boolean inOrder(Chunk c, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      int a = c.order[i - 1];
      int b = c.order[i];
      if (c.start[a] > c.start[b] || (c.start[a] == c.start[b] && c.position[a] > c.position[b])) {
        return false;
      }
    }
    return true;
  }

  /** Queues a chunk unless the consumer gave up; false when it did. */
  private boolean put(Chunk c) {
    try {
      while (!full.offer(c, 50, TimeUnit.MILLISECONDS)) {
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

  private void putEnd() {
    put(END);
  }
}
