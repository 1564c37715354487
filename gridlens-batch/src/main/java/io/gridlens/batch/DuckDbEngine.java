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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
    List<SeriesSpan> out = new ArrayList<>();
    if (noData(cut)) {
      return out;
    }
    String sql =
        "SELECT meter_id, channel, min(interval_start), max(interval_start), count(*) FROM "
            + source()
            + " WHERE "
            + below(cut)
            + " GROUP BY meter_id, channel ORDER BY meter_id, channel";
    try (Statement s = duck.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(
            new SeriesSpan(
                new SeriesKey(rs.getString(1), Channel.valueOf(rs.getString(2))),
                rs.getLong(3),
                rs.getLong(4),
                rs.getLong(5)));
      }
      return out;
    } catch (SQLException e) {
      throw failure("list the series", e);
    }
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
  public void scan(Cut cut, Map<SeriesKey, Long> only, ReadingSink sink) {
    Objects.requireNonNull(sink, "sink");
    if (noData(cut) || (only != null && only.isEmpty())) {
      return;
    }
    try {
      if (only == null) {
        for (String[] range : chunks(series(cut))) {
          stream(
              "SELECT meter_id, channel, interval_start, interval_minutes, kind, wh, quality,"
                  + " log_partition, log_offset FROM "
                  + source()
                  + " WHERE "
                  + below(cut)
                  + " AND meter_id >= "
                  + quote(range[0])
                  + " AND meter_id <= "
                  + quote(range[1])
                  + " ORDER BY meter_id, channel, interval_start, log_partition, log_offset,"
                  + " record_index",
              sink);
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
        stream(
            "SELECT r.meter_id, r.channel, interval_start, interval_minutes, kind, wh, quality,"
                + " log_partition, log_offset FROM "
                + source()
                + " r JOIN wanted w ON r.meter_id = w.meter_id AND r.channel = w.channel WHERE "
                + below(cut)
                + " AND r.interval_start >= w.from_s"
                + " ORDER BY r.meter_id, r.channel, interval_start, log_partition, log_offset,"
                + " record_index",
            sink);
      }
    } catch (SQLException e) {
      throw failure("scan the master dataset below " + cut, e);
    }
  }

  /** The tight loop: one row at a time into primitives; strings only when the series changes. */
  private void stream(String sql, ReadingSink sink) throws SQLException {
    try (Statement s = duck.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      String meter = null;
      String channel = null;
      while (rs.next()) {
        String m = rs.getString(1);
        String c = rs.getString(2);
        if (!m.equals(meter) || !c.equals(channel)) {
          if (meter != null) {
            sink.endSeries();
          }
          meter = m;
          channel = c;
          sink.startSeries(new SeriesKey(m, Channel.valueOf(c)));
        }
        int partition = rs.getInt(8);
        long offset = rs.getLong(9);
        if (partition < 0
            || partition > IngestPosition.MAX_PARTITION
            || offset < 0
            || offset > IngestPosition.MAX_OFFSET) {
          throw new IllegalStateException(
              "master dataset row of "
                  + m
                  + " has an invalid position "
                  + partition
                  + "@"
                  + offset);
        }
        long position = ((long) partition << 47) | offset;
        sink.reading(
            rs.getLong(3),
            rs.getInt(4),
            "REGISTER".equals(rs.getString(5)),
            rs.getLong(6),
            (byte) rs.getInt(7),
            position);
      }
      if (meter != null) {
        sink.endSeries();
      }
    }
  }

  /** Meter ranges [first, last] of about chunkReadings readings each. */
  private List<String[]> chunks(List<SeriesSpan> spans) {
    List<String[]> out = new ArrayList<>();
    String first = null;
    String last = null;
    long n = 0;
    for (SeriesSpan s : spans) {
      String m = s.series().meterId();
      if (first != null && n >= settings.chunkReadings() && !m.equals(last)) {
        out.add(new String[] {first, last});
        first = null;
        n = 0;
      }
      if (first == null) {
        first = m;
      }
      last = m;
      n += s.readings();
    }
    if (first != null) {
      out.add(new String[] {first, last});
    }
    return out;
  }

  private boolean noData(Cut cut) {
    return cut.offsets().isEmpty() || MasterFiles.files(dataDir).isEmpty();
  }

  private String source() {
    return "read_parquet(" + quote(MasterFiles.glob(dataDir)) + ", hive_partitioning=true)";
  }

  /** The SQL condition "position below the cut". */
  static String below(Cut cut) {
    if (cut.offsets().isEmpty()) {
      return "FALSE";
    }
    StringBuilder b = new StringBuilder("(");
    String sep = "";
    for (Map.Entry<Integer, Long> e : cut.sortedOffsets().entrySet()) {
      b.append(sep)
          .append("(log_partition = ")
          .append(e.getKey())
          .append(" AND log_offset < ")
          .append(e.getValue())
          .append(')');
      sep = " OR ";
    }
    return b.append(')').toString();
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
