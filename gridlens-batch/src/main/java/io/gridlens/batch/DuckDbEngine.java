package io.gridlens.batch;

import io.gridlens.core.Channel;
import io.gridlens.core.Cut;
import io.gridlens.core.IngestPosition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The embedded batch engine: DuckDB in-process scans the Parquet master dataset, filters it to the
 * cut, sorts it by (meter, channel, time, position) and streams the rows out through one JDBC
 * result set per chunk, read column by column into primitives (ENGINES.md: a sorted raw stream is
 * ~16 M rows/s, boxed per-day arrays only ~3 M).
 *
 * <p>Memory: DuckDB runs with {@code memory_limit}, {@code preserve_insertion_order=false} and a
 * spill directory; the sort is chunked by meter range, each chunk holding about {@link
 * Settings#chunkReadings()} readings (the Parquet files are sorted by meter, so DuckDB prunes row
 * groups outside a chunk's range by their statistics).
 *
 * <p>Not thread-safe: one run at a time.
 */
public final class DuckDbEngine implements BatchEngine {

  /**
   * DuckDB settings.
   *
   * @param memoryLimit DuckDB's {@code memory_limit}, e.g. {@code 2GB}
   * @param threads DuckDB worker threads, at least 1
   * @param chunkReadings readings per sorted chunk (meter range), at least 1
   */
  public record Settings(String memoryLimit, int threads, long chunkReadings) {

    /** 2 GB, 2 threads, chunks of 20 M readings. */
    public static final Settings DEFAULT = new Settings("2GB", 2, 20_000_000L);

    public Settings {
      if (memoryLimit == null || !memoryLimit.matches("\\d+(\\.\\d+)?\\s*[KMGT]i?B")) {
        throw new IllegalArgumentException(
            "memoryLimit must look like 512MB or 2GB, was '" + memoryLimit + "'");
      }
      if (threads < 1 || chunkReadings < 1) {
        throw new IllegalArgumentException(
            "threads and chunkReadings must be >= 1, were " + threads + ", " + chunkReadings);
      }
    }
  }

  private final Path dataDir;
  private final Settings settings;
  private final Connection duck;
  private Cut plannedCut;
  private List<SeriesSpan> planned;

  private DuckDbEngine(Path dataDir, Settings settings, Connection duck) {
    this.dataDir = dataDir;
    this.settings = settings;
    this.duck = duck;
  }

  /**
   * An engine over the master dataset of a data directory.
   *
   * @throws IllegalStateException when DuckDB cannot start
   */
  public static DuckDbEngine open(Path dataDir, Settings settings) {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(settings, "settings");
    try {
      Path spill = dataDir.resolve("batch").resolve("duckdb-spill");
      Files.createDirectories(spill);
      Connection c = DriverManager.getConnection("jdbc:duckdb:");
      try (Statement s = c.createStatement()) {
        s.execute("SET memory_limit='" + settings.memoryLimit() + "'");
        s.execute("SET threads=" + settings.threads());
        s.execute("SET preserve_insertion_order=false");
        s.execute("SET temp_directory=" + quote(spill.toAbsolutePath().toString()));
      }
      return new DuckDbEngine(dataDir, settings, c);
    } catch (SQLException | java.io.IOException e) {
      throw new IllegalStateException(
          "cannot start DuckDB for the batch in " + dataDir + ": " + e, e);
    }
  }

  @Override
  public String name() {
    return "embedded";
  }

  @Override
  public Cut cutOnDisk() {
    return MasterFiles.cutOnDisk(dataDir);
  }

  @Override
  public List<SeriesSpan> series(Cut cut) {
    return List.copyOf(plan(cut));
  }

  /**
   * Plans a cut once: the temp table {@code gl_series} numbers its series densely in (meter id,
   * channel) order ({@code sid}), so the scan sorts and hands over integers instead of strings. The
   * plan is kept for the next calls with the same cut (readings below a cut never change).
   */
  private List<SeriesSpan> plan(Cut cut) {
    if (cut.equals(plannedCut)) {
      return planned;
    }
    List<SeriesSpan> out = new ArrayList<>();
    plannedCut = null;
    if (noData(cut)) {
      return out;
    }
    String create =
        "CREATE OR REPLACE TEMP TABLE gl_series AS SELECT meter_id, channel,"
            + " (row_number() OVER (ORDER BY meter_id, channel) - 1)::INTEGER AS sid,"
            + " min(interval_start) AS first_s, max(interval_start) AS last_s, count(*) AS n FROM "
            + source()
            + " WHERE "
            + below(cut)
            + " GROUP BY meter_id, channel";
    try (Statement s = duck.createStatement()) {
      s.execute(create);
      try (ResultSet rs =
          s.executeQuery(
              "SELECT meter_id, channel, sid, first_s, last_s, n FROM gl_series ORDER BY sid")) {
        while (rs.next()) {
          if (rs.getInt(3) != out.size()) {
            throw new IllegalStateException("series numbers are not dense at " + rs.getString(1));
          }
          out.add(
              new SeriesSpan(
                  new SeriesKey(rs.getString(1), Channel.valueOf(rs.getString(2))),
                  rs.getLong(4),
                  rs.getLong(5),
                  rs.getLong(6)));
        }
      }
    } catch (SQLException e) {
      throw failure("list the series", e);
    }
    planned = out;
    plannedCut = cut;
    return out;
  }

  @Override
  public Map<SeriesKey, Long> touched(Cut from, Cut to) {
    Map<SeriesKey, Long> out = new HashMap<>();
    if (noData(to)) {
      return out;
    }
    String sql =
        "SELECT meter_id, channel, min(interval_start) FROM "
            + source()
            + " WHERE "
            + below(to)
            + " AND NOT ("
            + below(from)
            + ") GROUP BY meter_id, channel";
    try (Statement s = duck.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.put(new SeriesKey(rs.getString(1), Channel.valueOf(rs.getString(2))), rs.getLong(3));
      }
      return out;
    } catch (SQLException e) {
      throw failure("find the series touched since " + from, e);
    }
  }

  @Override
  public Map<Integer, Instant> heldUpTo(Cut cut) {
    Map<Integer, Instant> out = new TreeMap<>();
    if (noData(cut)) {
      return out;
    }
    String sql =
        "SELECT log_partition, max(ingest_time) FROM "
            + source()
            + " WHERE "
            + below(cut)
            + " AND ingest_time IS NOT NULL GROUP BY log_partition";
    try (Statement s = duck.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.put(rs.getInt(1), Instant.ofEpochMilli(rs.getLong(2)));
      }
      return out;
    } catch (SQLException e) {
      throw failure("find the newest ingest time below " + cut, e);
    }
  }

  @Override
  public void scan(Cut cut, Map<SeriesKey, Long> only, ReadingSink sink) {
    Objects.requireNonNull(sink, "sink");
    if (noData(cut) || (only != null && only.isEmpty())) {
      return;
    }
    List<SeriesSpan> spans = plan(cut);
    if (spans.isEmpty()) {
      return;
    }
    boolean packed = packable(spans);
    String order = order(packed);
    try {
      List<String> queries = new ArrayList<>();
      if (only == null) {
        for (int[] range : chunks(spans)) {
          queries.add(
              "SELECT "
                  + columns(packed)
                  + " FROM "
                  + source()
                  + " r JOIN gl_series s ON r.meter_id = s.meter_id AND r.channel = s.channel"
                  + " WHERE "
                  + below(cut)
                  + " AND r.meter_id >= "
                  + quote(spans.get(range[0]).series().meterId())
                  + " AND r.meter_id <= "
                  + quote(spans.get(range[1]).series().meterId())
                  + " AND s.sid BETWEEN "
                  + range[0]
                  + " AND "
                  + range[1]
                  + order);
        }
      } else {
        try (Statement s = duck.createStatement()) {
          s.execute(
              "CREATE OR REPLACE TEMP TABLE wanted (meter_id VARCHAR, channel VARCHAR, from_s"
                  + " BIGINT)");
        }
        try (PreparedStatement p = duck.prepareStatement("INSERT INTO wanted VALUES (?, ?, ?)")) {
          int n = 0;
          for (Map.Entry<SeriesKey, Long> e : only.entrySet()) {
            p.setString(1, e.getKey().meterId());
            p.setString(2, e.getKey().channel().name());
            p.setLong(3, e.getValue());
            p.addBatch();
            if (++n % 10_000 == 0) {
              p.executeBatch();
            }
          }
          p.executeBatch();
        }
        queries.add(
            "SELECT "
                + columns(packed)
                + " FROM "
                + source()
                + " r JOIN gl_series s ON r.meter_id = s.meter_id AND r.channel = s.channel"
                + " JOIN wanted w ON r.meter_id = w.meter_id AND r.channel = w.channel WHERE "
                + below(cut)
                + " AND r.interval_start >= w.from_s"
                + order);
      }
      new Handoff(duck, queries, spans, packed).streamTo(sink);
    } catch (SQLException e) {
      throw failure("scan the master dataset below " + cut, e);
    }
  }

  /** Interval minutes, register mark and quality packed in one INTEGER (one getter, not 3). */
  private static final String FLAGS =
      "(r.interval_minutes::INTEGER << 9) | ((r.kind = 'REGISTER')::INTEGER << 8)"
          + " | (r.quality::INTEGER & 255)";

  /** The packed ingest position, or -1 when partition or offset is out of range. */
  private static final String POSITION =
      "CASE WHEN r.log_partition BETWEEN 0 AND "
          + IngestPosition.MAX_PARTITION
          + " AND r.log_offset BETWEEN 0 AND "
          + IngestPosition.MAX_OFFSET
          + " THEN (r.log_partition::BIGINT << 47) | r.log_offset ELSE -1 END";

  /**
   * Whether series number and interval start fit one BIGINT key {@code sid << 34 | start}, which
   * DuckDB sorts about twice as fast as two keys and JDBC hands over with one getter.
   */
  static boolean packable(List<SeriesSpan> spans) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (SeriesSpan s : spans) {
      min = Math.min(min, s.firstStart());
      max = Math.max(max, s.lastStart());
    }
    return spans.size() < (1 << 28) && min >= 0 && max < (1L << Handoff.START_BITS);
  }

  /** The columns of a scan, all primitives (see {@link Handoff}). */
  private static String columns(boolean packed) {
    return (packed
            ? "(s.sid::BIGINT << " + Handoff.START_BITS + ") + r.interval_start"
            : "s.sid, r.interval_start")
        + ", "
        + FLAGS
        + ", r.wh, "
        + POSITION;
  }

  /** The scan order: series, interval start, position, record index. */
  private static String order(boolean packed) {
    return (packed
            ? " ORDER BY (s.sid::BIGINT << " + Handoff.START_BITS + ") + r.interval_start, "
            : " ORDER BY s.sid, r.interval_start, ")
        + POSITION
        + ", r.record_index";
  }

  /**
   * Series-number ranges [first, last] of about chunkReadings readings each, never splitting a
   * meter (the chunk's SQL also filters by meter id, so DuckDB prunes Parquet row groups).
   */
  private List<int[]> chunks(List<SeriesSpan> spans) {
    List<int[]> out = new ArrayList<>();
    int first = -1;
    long n = 0;
    for (int i = 0; i < spans.size(); i++) {
      String m = spans.get(i).series().meterId();
      if (first >= 0
          && n >= settings.chunkReadings()
          && !m.equals(spans.get(i - 1).series().meterId())) {
        out.add(new int[] {first, i - 1});
        first = -1;
        n = 0;
      }
      if (first < 0) {
        first = i;
      }
      n += spans.get(i).readings();
    }
    if (first >= 0) {
      out.add(new int[] {first, spans.size() - 1});
    }
    return out;
  }

  private boolean noData(Cut cut) {
    return cut.offsets().isEmpty() || MasterFiles.files(dataDir).isEmpty();
  }

  private String source() {
    return "read_parquet(" + quote(MasterFiles.glob(dataDir)) + ", hive_partitioning=true)";
  }

  /**
   * The SQL condition "position below the cut", as one CASE on the partition (an OR of one term per
   * partition made DuckDB's scan about twice as slow).
   */
  static String below(Cut cut) {
    if (cut.offsets().isEmpty()) {
      return "FALSE";
    }
    StringBuilder b = new StringBuilder("(log_offset < CASE log_partition");
    for (Map.Entry<Integer, Long> e : cut.sortedOffsets().entrySet()) {
      b.append(" WHEN ").append(e.getKey()).append(" THEN ").append(e.getValue());
    }
    return b.append(" ELSE -1 END)").toString();
  }

  static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private IllegalStateException failure(String what, SQLException e) {
    return new IllegalStateException(
        "DuckDB failed to " + what + " in " + MasterFiles.root(dataDir) + ": " + e.getMessage(), e);
  }

  @Override
  public void close() {
    try {
      duck.close();
    } catch (SQLException e) {
      // closing: nothing to do
    }
  }
}
