package io.gridlens.ingest;

import io.gridlens.core.Channel;
import io.gridlens.core.ValueKind;
import io.gridlens.core.codec.ReadingBatchCodec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The records of one {@code readings} partition waiting to become one file of the {@link
 * MasterDataset}, held as columns, one entry per Kafka record, and the writing of that file.
 *
 * <p>Design note: columnar hand-off to DuckDB. A row-by-row appender costs about 1 µs a reading on
 * these machines (twelve checked appends, four of them strings); here each Kafka record becomes ONE
 * appended row whose readings are three list columns (start, wh, quality) copied in bulk, and
 * DuckDB unnests them into the file's rows with {@code record_index} = the position in the list.
 * The rows must be sorted by (meter_id, channel, interval_start, log_offset, record_index); sorting
 * 2 M rows by a string key in DuckDB costs about as much as writing the file, so the rows are
 * ordered here and DuckDB writes them in the order appended: records by (meter, channel, first
 * start, offset), which sorts a series (meter, channel) whose records follow each other in time
 * (the usual case); a series that is still out of order (a correction, a late delivery) has its
 * readings sorted one by one and appended as runs ({@code record_index} is then a column).
 *
 * <p>Strings are ordered like DuckDB orders VARCHAR: by UTF-8 bytes, which is Unicode code point
 * order (not Java's UTF-16 order, which puts U+10000 and above before U+E000–U+FFFF).
 *
 * <p>Not thread-safe.
 */
final class PendingFile {

  /**
   * Rows per Parquet row group. The batch reads a partition's files once per chunk of meters, and
   * DuckDB skips the row groups outside a chunk's meter range by their statistics: with DuckDB's
   * default (122,880 rows, a whole file at the benchmark's size) it skipped nothing. Measured on
   * 25.3 M readings in 211 files, three chunks' scans: 153 ns of CPU a reading with the default,
   * 116 with 32,768-row groups, for files 7 % larger (1.35 against 1.26 bytes a reading).
   */
  static final int ROW_GROUP_ROWS = 32_768;

  private static final int INITIAL_RECORDS = 64;

  private final int partition;
  private int records;
  private int readings;
  private LocalDate date;
  private long firstOffset;
  private long lastOffset;
  private long firstAddedMillis;
  private String[] meter = new String[INITIAL_RECORDS];
  private Channel[] channel = new Channel[INITIAL_RECORDS];
  private byte[] minutes = new byte[INITIAL_RECORDS];
  private ValueKind[] kind = new ValueKind[INITIAL_RECORDS];
  private String[] source = new String[INITIAL_RECORDS];
  private long[] ingestMillis = new long[INITIAL_RECORDS];
  private long[] offset = new long[INITIAL_RECORDS];
  private int[] identity = new int[0];
  private long[][] start = new long[INITIAL_RECORDS][];
  private long[][] wh = new long[INITIAL_RECORDS][];
  private byte[][] quality = new byte[INITIAL_RECORDS][];

  /**
   * An in-memory DuckDB for writing files: one thread (the archiver's), insertion order kept (files
   * written without ORDER BY keep the order their rows were appended in).
   */
  static Connection openDuckDb() {
    try {
      Connection duck = DriverManager.getConnection("jdbc:duckdb:");
      try (Statement s = duck.createStatement()) {
        s.execute("SET threads = 1");
        s.execute("SET preserve_insertion_order = true");
      }
      return duck;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open DuckDB: " + e.getMessage(), e);
    }
  }

  /** An empty file of a partition. */
  PendingFile(int partition) {
    this.partition = partition;
  }

  int partition() {
    return partition;
  }

  /** Readings held. */
  int size() {
    return readings;
  }

  /** UTC ingest date of the first record (of every record: files never straddle dates). */
  LocalDate date() {
    return date;
  }

  long firstOffset() {
    return firstOffset;
  }

  long lastOffset() {
    return lastOffset;
  }

  /** When the first record was added, epoch milliseconds of the archiver's clock. */
  long firstAddedMillis() {
    return firstAddedMillis;
  }

  /**
   * Adds one Kafka record, its readings decoded into {@code b}; records come in offset order.
   *
   * @param timestamp the record's timestamp, epoch milliseconds (the readings' ingest time)
   * @param now the archiver's clock, epoch milliseconds
   */
  void add(
      String meterId,
      long recordOffset,
      long timestamp,
      LocalDate recordDate,
      ReadingBatchCodec.Batch b,
      long now) {
    if (records == 0) {
      date = recordDate;
      firstOffset = recordOffset;
      firstAddedMillis = now;
    }
    lastOffset = recordOffset;
    grow(records + 1);
    int n = b.size();
    long[] s = new long[n];
    long[] w = new long[n];
    byte[] q = new byte[n];
    for (int i = 0; i < n; i++) {
      s[i] = b.startEpochSecond(i);
      w[i] = b.wh(i);
      q[i] = (byte) b.qualityCode(i);
    }
    int r = records++;
    meter[r] = meterId;
    channel[r] = b.channel();
    minutes[r] = (byte) b.intervalMinutes();
    kind[r] = b.kind();
    source[r] = b.source();
    ingestMillis[r] = timestamp;
    offset[r] = recordOffset;
    start[r] = s;
    wh[r] = w;
    quality[r] = q;
    readings += n;
  }

  /**
   * Writes the file (Parquet, zstd) to a path, replacing nothing: the caller deletes, forces and
   * renames. Leaves the content in place.
   *
   * @param duck a connection of {@link #openDuckDb()}
   */
  void write(Connection duck, Path path) throws SQLException {
    Integer[] order = new Integer[records];
    for (int r = 0; r < records; r++) {
      order[r] = r;
    }
    Arrays.sort(order, this::compareRecords);
    try (Statement s = duck.createStatement()) {
      s.execute(
          "CREATE OR REPLACE TABLE pending_records (meter_id VARCHAR, channel VARCHAR,"
              + " interval_minutes TINYINT, kind VARCHAR, source VARCHAR, ingest_time BIGINT,"
              + " log_offset BIGINT, starts BIGINT[], whs BIGINT[], qualities TINYINT[],"
              + " indexes INTEGER[])");
    }
    try (DuckDBAppender a =
        ((DuckDBConnection) duck)
            .createAppender(DuckDBConnection.DEFAULT_SCHEMA, "pending_records")) {
      int from = 0;
      while (from < records) {
        int to = from + 1;
        while (to < records && sameSeries(order[from], order[to])) {
          to++;
        }
        if (inOrder(order, from, to)) {
          for (int k = from; k < to; k++) {
            int r = order[k];
            appendRow(a, r, start[r], wh[r], quality[r], identity(start[r].length));
          }
        } else {
          appendSorted(a, order, from, to);
        }
        from = to;
      }
    }
    try (Statement s = duck.createStatement()) {
      s.execute(
          "COPY (SELECT meter_id, channel, unnest(starts) AS interval_start, interval_minutes,"
              + " kind, unnest(whs) AS wh, unnest(qualities) AS quality, source, ingest_time,"
              + " CAST("
              + partition
              + " AS INTEGER) AS log_partition, log_offset, unnest(indexes) AS record_index"
              + " FROM pending_records) TO "
              + MasterDataset.quote(path.toAbsolutePath().toString())
              + " (FORMAT parquet, COMPRESSION zstd, PARQUET_VERSION v2, ROW_GROUP_SIZE "
              + ROW_GROUP_ROWS
              + ")");
      s.execute("DROP TABLE pending_records");
    }
  }

  /** Empties the file (after it was written). */
  void clear() {
    Arrays.fill(meter, 0, records, null);
    Arrays.fill(source, 0, records, null);
    Arrays.fill(start, 0, records, null);
    Arrays.fill(wh, 0, records, null);
    Arrays.fill(quality, 0, records, null);
    records = 0;
    readings = 0;
  }

  private void appendRow(
      DuckDBAppender a, int r, long[] starts, long[] whs, byte[] qualities, int[] indexes)
      throws SQLException {
    a.beginRow();
    a.append(meter[r]);
    a.append(channel[r].name());
    a.append(minutes[r]);
    a.append(kind[r].name());
    a.append(source[r]);
    a.append(ingestMillis[r]);
    a.append(offset[r]);
    a.append(starts);
    a.append(whs);
    a.appendByteArray(qualities);
    a.append(indexes);
    a.endRow();
  }

  private int[] identity(int n) {
    if (identity.length < n) {
      identity = new int[Math.max(n, identity.length * 2)];
      for (int i = 0; i < identity.length; i++) {
        identity[i] = i;
      }
    }
    return n == identity.length ? identity : Arrays.copyOf(identity, n);
  }

  /**
   * Appends the readings of one series (records {@code order[from..to)}) sorted one by one by
   * (start, offset, index), a row per run of readings of one record.
   */
  private void appendSorted(DuckDBAppender a, Integer[] order, int from, int to)
      throws SQLException {
    int n = 0;
    for (int k = from; k < to; k++) {
      n += start[order[k]].length;
    }
    long[] positions = new long[n]; // record << 32 | index
    int p = 0;
    for (int k = from; k < to; k++) {
      int r = order[k];
      for (int i = 0; i < start[r].length; i++) {
        positions[p++] = (long) r << 32 | i;
      }
    }
    Long[] sorted = new Long[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = positions[i];
    }
    Arrays.sort(
        sorted,
        (x, y) -> {
          int rx = (int) (x >>> 32);
          int ry = (int) (y >>> 32);
          int ix = (int) (long) x;
          int iy = (int) (long) y;
          int c = Long.compare(start[rx][ix], start[ry][iy]);
          if (c == 0) {
            c = Long.compare(offset[rx], offset[ry]);
          }
          return c != 0 ? c : Integer.compare(ix, iy);
        });
    int run = 0;
    while (run < n) {
      int r = (int) (sorted[run] >>> 32);
      int end = run + 1;
      while (end < n && (int) (sorted[end] >>> 32) == r) {
        end++;
      }
      int len = end - run;
      long[] s = new long[len];
      long[] w = new long[len];
      byte[] q = new byte[len];
      int[] idx = new int[len];
      for (int j = 0; j < len; j++) {
        int i = (int) (long) sorted[run + j];
        s[j] = start[r][i];
        w[j] = wh[r][i];
        q[j] = quality[r][i];
        idx[j] = i;
      }
      appendRow(a, r, s, w, q, idx);
      run = end;
    }
  }

  /** Records by (meter, channel name, first start, offset); empty records first among equals. */
  private int compareRecords(int a, int b) {
    int c = compareCodePoints(meter[a], meter[b]);
    if (c == 0) {
      c = channel[a].name().compareTo(channel[b].name());
    }
    if (c == 0) {
      c = Long.compare(firstStart(a), firstStart(b));
    }
    return c != 0 ? c : Long.compare(offset[a], offset[b]);
  }

  private boolean sameSeries(int a, int b) {
    return channel[a] == channel[b] && meter[a].equals(meter[b]);
  }

  private long firstStart(int r) {
    return start[r].length == 0 ? Long.MIN_VALUE : start[r][0];
  }

  /**
   * Whether the readings of one series, records {@code order[from..to)} taken in this order, are
   * sorted by (interval_start, log_offset, record_index).
   */
  private boolean inOrder(Integer[] order, int from, int to) {
    boolean first = true;
    long prevStart = 0;
    long prevOffset = 0;
    int prevIndex = 0;
    for (int k = from; k < to; k++) {
      int r = order[k];
      long[] s = start[r];
      for (int i = 0; i < s.length; i++) {
        boolean after =
            first
                || s[i] > prevStart
                || (s[i] == prevStart
                    && (offset[r] > prevOffset || (offset[r] == prevOffset && i > prevIndex)));
        if (!after) {
          return false;
        }
        first = false;
        prevStart = s[i];
        prevOffset = offset[r];
        prevIndex = i;
      }
    }
    return true;
  }

  /** Compares by Unicode code points (= UTF-8 byte order, DuckDB's VARCHAR order). */
  static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        boolean sx = Character.isSurrogate(x);
        boolean sy = Character.isSurrogate(y);
        if (sx != sy) {
          // A surrogate starts a code point above U+FFFF: above every other char.
          return sx ? 1 : -1;
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  }

  private void grow(int n) {
    if (n <= meter.length) {
      return;
    }
    int c = Math.max(n, meter.length * 2);
    meter = Arrays.copyOf(meter, c);
    channel = Arrays.copyOf(channel, c);
    minutes = Arrays.copyOf(minutes, c);
    kind = Arrays.copyOf(kind, c);
    source = Arrays.copyOf(source, c);
    ingestMillis = Arrays.copyOf(ingestMillis, c);
    offset = Arrays.copyOf(offset, c);
    start = Arrays.copyOf(start, c);
    wh = Arrays.copyOf(wh, c);
    quality = Arrays.copyOf(quality, c);
  }
}
