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
 * cut, numbers its series and streams the rows out through one JDBC result set per chunk, read
 * column by column into primitives; the grouping by series and the order by time are done in Java
 * ({@link Handoff}), which is several times cheaper than DuckDB's sort for this data.
 *
 * <p>Chunks: the series of one log partition, in series order, up to about {@link
 * Settings#chunkReadings()} readings; a chunk's query reads only its partition's files (a meter
 * stays in one partition; the rare series spread over several, after a repartition, are read from
 * every file). So a full run reads each file about once. Memory: DuckDB runs with {@code
 * memory_limit}, {@code preserve_insertion_order=false} and a spill directory; Java holds at most
 * three chunks.
 *
 * <p>Not thread-safe: one run at a time.
 */
public final class DuckDbEngine implements BatchEngine {

  /**
   * DuckDB settings.
   *
   * @param memoryLimit DuckDB's {@code memory_limit}, e.g. {@code 2GB}
   * @param threads DuckDB worker threads, at least 1
   * @param chunkReadings readings per chunk of one partition's series, at least 1 (about 37 bytes
   *     of heap each, three chunks at a time). Each chunk's query decompresses every file of its
   *     partition (a file's row groups span many meters), so fewer, larger chunks read less.
   */
  public record Settings(String memoryLimit, int threads, long chunkReadings) {

    /** 2 GB, 2 threads, chunks sized by {@link #chunkReadingsForHeap} for this JVM. */
    public static final Settings DEFAULT =
        new Settings("2GB", 2, chunkReadingsForHeap(Runtime.getRuntime().maxMemory()));

    /**
     * Readings per chunk for a maximum heap: a chunk takes at most about an eighth of it (so the
     * three in flight three eighths), between 1 M and 32 M readings; 10.9 M for a 3 GiB heap.
     */
    static long chunkReadingsForHeap(long maxHeapBytes) {
      return Math.max(1_000_000L, Math.min(32_000_000L, maxHeapBytes / 8 / 37));
    }

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
  private List<int[]> plannedChunks; // by sid: {partition or -1, chunk}
  private SeriesHashes plannedHashes; // null when two series of the plan share a hash
  private boolean hashScan = true;

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
      // Streamed results: a chunk's rows go to Java as DuckDB produces them, not copied into a
      // materialised result first (which cost more than the scan itself). One query at a time.
      java.util.Properties streamed = new java.util.Properties();
      streamed.setProperty("jdbc_stream_results", "true");
      Connection c = DriverManager.getConnection("jdbc:duckdb:", streamed);
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
    // Per series: its partition (-1 when its readings lie in several, after a repartition) and
    // its chunk, by the running count of readings within that partition, in series order.
    String create =
        "CREATE OR REPLACE TEMP TABLE gl_series AS SELECT *, ((sum(n) OVER (PARTITION BY part"
            + " ORDER BY sid ROWS UNBOUNDED PRECEDING) - n) // "
            + settings.chunkReadings()
            + ")::INTEGER AS chunk FROM (SELECT *, (row_number() OVER (ORDER BY meter_id,"
            + " channel) - 1)::INTEGER AS sid, "
            + SERIES_HASH
            + " AS h FROM (SELECT meter_id, channel,"
            + " min(interval_start) AS first_s, max(interval_start) AS last_s, count(*) AS n,"
            + " CASE WHEN min(log_partition) = max(log_partition) THEN min(log_partition)"
            + " ELSE -1 END AS part FROM "
            + source()
            + " WHERE "
            + below(cut)
            + " GROUP BY meter_id, channel))";
    try (Statement s = duck.createStatement()) {
      s.execute(create);
      try (ResultSet rs =
          s.executeQuery(
              "SELECT meter_id, channel, sid, first_s, last_s, n, part, chunk, h FROM gl_series"
                  + " ORDER BY sid")) {
        List<int[]> chunkOf = new ArrayList<>();
        long[] hashes = new long[64];
        while (rs.next()) {
          if (out.size() == hashes.length) {
            hashes = java.util.Arrays.copyOf(hashes, hashes.length * 2);
          }
          hashes[out.size()] = rs.getLong(9);
          if (rs.getInt(3) != out.size()) {
            throw new IllegalStateException("series numbers are not dense at " + rs.getString(1));
          }
          out.add(
              new SeriesSpan(
                  new SeriesKey(rs.getString(1), Channel.valueOf(rs.getString(2))),
                  rs.getLong(4),
                  rs.getLong(5),
                  rs.getLong(6)));
          chunkOf.add(new int[] {rs.getInt(7), rs.getInt(8)});
        }
        plannedChunks = chunkOf;
        plannedHashes = SeriesHashes.of(java.util.Arrays.copyOf(hashes, out.size()));
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
    SeriesHashes hashes = hashScan ? plannedHashes : null;
    boolean packed = hashes == null && packable(spans);
    long[] from = null; // by sid, in hash scans of some series: the first start wanted
    try {
      String wanted = "";
      if (only != null && hashes != null) {
        from = new long[spans.size()];
        for (int sid = 0; sid < from.length; sid++) {
          Long f = only.get(spans.get(sid).series());
          from[sid] = f == null ? Long.MAX_VALUE : f;
        }
      } else if (only != null) {
        wanted = joinWanted(only);
      }
      List<Handoff.Part> parts = new ArrayList<>();
      Map<Integer, List<Path>> files = filesByPartition();
      Map<Long, List<Integer>> chunks = new java.util.TreeMap<>();
      for (int sid = 0; sid < spans.size(); sid++) {
        if (only == null || only.containsKey(spans.get(sid).series())) {
          int[] pc = plannedChunks.get(sid);
          chunks.computeIfAbsent(((long) pc[0] << 32) | pc[1], k -> new ArrayList<>()).add(sid);
        }
      }
      for (Map.Entry<Long, List<Integer>> chunk : chunks.entrySet()) {
        int partition = (int) (chunk.getKey() >> 32);
        int number = (int) (long) chunk.getKey();
        List<Integer> sids = chunk.getValue();
        int[] ids = new int[sids.size()];
        long readings = 0;
        long firstWanted = Long.MAX_VALUE;
        for (int i = 0; i < ids.length; i++) {
          ids[i] = sids.get(i);
          readings += spans.get(ids[i]).readings();
          firstWanted = Math.min(firstWanted, from == null ? Long.MIN_VALUE : from[ids[i]]);
        }
        String source =
            partition >= 0 ? source(files.getOrDefault(partition, List.of())) : source();
        if (source == null) {
          continue; // no file of that partition any more: nothing to read
        }
        // The chunk's meter range, for DuckDB to skip the row groups outside it (the files are
        // sorted by meter).
        String range =
            " AND r.meter_id BETWEEN "
                + quote(spans.get(ids[0]).series().meterId())
                + " AND "
                + quote(spans.get(ids[ids.length - 1]).series().meterId());
        String sql =
            hashes != null
                ? "SELECT "
                    + HASH_COLUMNS
                    + " FROM "
                    + source
                    + " r WHERE "
                    + below(cut)
                    + range
                    + (firstWanted > Long.MIN_VALUE
                        ? " AND r.interval_start >= " + firstWanted
                        : "")
                : "SELECT "
                    + columns(packed)
                    + " FROM "
                    + source
                    + " r JOIN gl_series s ON r.meter_id = s.meter_id AND r.channel = s.channel"
                    + wanted
                    + " WHERE "
                    + below(cut)
                    + range
                    + " AND s.part = "
                    + partition
                    + " AND s.chunk = "
                    + number;
        parts.add(new Handoff.Part(sql, ids, readings));
      }
      new Handoff(duck, parts, spans, packed, hashes, from).streamTo(sink);
    } catch (SQLException e) {
      throw failure("scan the master dataset below " + cut, e);
    }
  }

  /** Fills the temp table {@code wanted} with the series and starts of a join scan. */
  private String joinWanted(Map<SeriesKey, Long> only) throws SQLException {
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
    return " JOIN wanted w ON r.meter_id = w.meter_id AND r.channel = w.channel"
        + " AND r.interval_start >= w.from_s";
  }

  /**
   * Makes the scans join the readings to the plan by meter id and channel, as they do when two
   * series of a plan share a hash (for tests: that path is otherwise all but never taken).
   */
  void scanByJoin() {
    hashScan = false;
  }

  /** A series' 63-bit hash of meter id and channel, the same in the plan and in the scans. */
  private static final String SERIES_HASH = "(hash(meter_id, channel) >> 1)::BIGINT";

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

  /** The columns of a scan without join (see {@link Handoff}). */
  private static final String HASH_COLUMNS =
      "(hash(r.meter_id, r.channel) >> 1)::BIGINT, r.interval_start, "
          + FLAGS
          + ", r.wh, "
          + POSITION;

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

  private boolean noData(Cut cut) {
    return cut.offsets().isEmpty() || MasterFiles.files(dataDir).isEmpty();
  }

  private String source() {
    return "read_parquet(" + quote(MasterFiles.glob(dataDir)) + ", hive_partitioning=true)";
  }

  /** The files of one partition as a DuckDB source, or null when there is none. */
  private static String source(List<Path> files) {
    if (files.isEmpty()) {
      return null;
    }
    StringBuilder b = new StringBuilder("read_parquet([");
    for (int i = 0; i < files.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(quote(files.get(i).toAbsolutePath().toString()));
    }
    return b.append("])").toString();
  }

  /** The complete files of the dataset by log partition (from their names). */
  private Map<Integer, List<Path>> filesByPartition() {
    Map<Integer, List<Path>> out = new HashMap<>();
    for (Path f : MasterFiles.files(dataDir)) {
      out.computeIfAbsent(MasterFiles.partition(f), p -> new ArrayList<>()).add(f);
    }
    return out;
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
