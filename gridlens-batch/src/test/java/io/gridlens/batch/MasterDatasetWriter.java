package io.gridlens.batch;

import io.gridlens.core.Reading;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * A test stand-in for the archiver: logs readings in arrival order into partitions (by meter hash,
 * so one meter stays in one partition and in order) with increasing offsets, and writes them as
 * master-dataset Parquet files in the archiver's layout, one file per ingest day and partition.
 */
public final class MasterDatasetWriter implements AutoCloseable {

  private final Path dataDir;
  private final int partitions;
  private final long[] nextOffset;
  private final Connection duck;

  public MasterDatasetWriter(Path dataDir, int partitions) throws Exception {
    this.dataDir = dataDir;
    this.partitions = partitions;
    this.nextOffset = new long[partitions];
    this.duck = DriverManager.getConnection("jdbc:duckdb:");
  }

  /**
   * A simulated fleet's deliveries as arrivals (UTC arrival day, reading), in delivery order, split
   * at a day: what arrived before it, then the rest.
   */
  public record Arrivals(
      List<Map.Entry<LocalDate, Reading>> before, List<Map.Entry<LocalDate, Reading>> rest) {

    public static Arrivals of(io.gridlens.simulator.Fleet fleet, LocalDate split) {
      List<Map.Entry<LocalDate, Reading>> before = new ArrayList<>();
      List<Map.Entry<LocalDate, Reading>> rest = new ArrayList<>();
      for (io.gridlens.simulator.Delivery d :
          (Iterable<io.gridlens.simulator.Delivery>) fleet.deliveries()::iterator) {
        LocalDate day = LocalDate.ofInstant(d.deliveredAt(), ZoneOffset.UTC);
        (day.isBefore(split) ? before : rest)
            .add(new java.util.AbstractMap.SimpleEntry<>(day, d.reading()));
      }
      return new Arrivals(before, rest);
    }
  }

  /** The partition of a meter. */
  public int partition(String meterId) {
    return Math.floorMod(meterId.hashCode(), partitions);
  }

  /**
   * Logs readings that arrived in this order (not yet ingested), grouping them by UTC arrival day,
   * and writes one file per day and partition.
   *
   * @param arrivals readings with their arrival day
   */
  public void log(List<Map.Entry<LocalDate, Reading>> arrivals) throws Exception {
    log(arrivals, -1);
  }

  /**
   * Logs readings into one given partition, whatever their meters (as after the log was
   * repartitioned), else as {@link #log(List)}.
   */
  public void logTo(int partition, List<Map.Entry<LocalDate, Reading>> arrivals) throws Exception {
    if (partition < 0 || partition >= partitions) {
      throw new IllegalArgumentException("partition must be in 0.." + (partitions - 1));
    }
    log(arrivals, partition);
  }

  private void log(List<Map.Entry<LocalDate, Reading>> arrivals, int into) throws Exception {
    TreeMap<LocalDate, List<List<Object[]>>> byDay = new TreeMap<>();
    for (Map.Entry<LocalDate, Reading> a : arrivals) {
      Reading r = a.getValue();
      int p = into >= 0 ? into : partition(r.meterId());
      long offset = nextOffset[p]++;
      List<List<Object[]>> parts =
          byDay.computeIfAbsent(
              a.getKey(),
              d -> {
                List<List<Object[]>> l = new ArrayList<>();
                for (int i = 0; i < partitions; i++) {
                  l.add(new ArrayList<>());
                }
                return l;
              });
      parts.get(p).add(new Object[] {r, offset});
    }
    for (Map.Entry<LocalDate, List<List<Object[]>>> day : byDay.entrySet()) {
      for (int p = 0; p < partitions; p++) {
        List<Object[]> rows = day.getValue().get(p);
        if (!rows.isEmpty()) {
          write(day.getKey(), p, rows);
        }
      }
    }
  }

  private void write(LocalDate date, int partition, List<Object[]> rows) throws Exception {
    long first = (long) rows.get(0)[1];
    long last = (long) rows.get(rows.size() - 1)[1];
    Path dir = MasterFiles.root(dataDir).resolve("ingest_date=" + date);
    Files.createDirectories(dir);
    Path target = dir.resolve("readings-p" + partition + "-" + first + "-" + last + ".parquet");
    Path temp = dir.resolve(target.getFileName() + ".tmp");
    try (Statement s = duck.createStatement()) {
      s.execute(
          "CREATE OR REPLACE TABLE buf (meter_id VARCHAR, channel VARCHAR, interval_start BIGINT,"
              + " interval_minutes TINYINT, kind VARCHAR, wh BIGINT, quality TINYINT, source"
              + " VARCHAR, ingest_time BIGINT, log_partition INTEGER, log_offset BIGINT,"
              + " record_index INTEGER)");
    }
    try (DuckDBAppender a =
        ((DuckDBConnection) duck).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "buf")) {
      for (Object[] row : rows) {
        Reading r = (Reading) row[0];
        a.beginRow();
        a.append(r.meterId());
        a.append(r.channel().name());
        a.append(r.intervalStart().getEpochSecond());
        a.append((byte) r.intervalMinutes());
        a.append(r.kind().name());
        a.append(r.wh());
        a.append((byte) r.quality().code());
        a.append(r.source());
        a.append(date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
        a.append(partition);
        a.append((long) row[1]);
        a.append(0);
        a.endRow();
      }
    }
    try (Statement s = duck.createStatement()) {
      s.execute(
          "COPY (SELECT * FROM buf ORDER BY meter_id, channel, interval_start, log_offset,"
              + " record_index) TO "
              + DuckDbEngine.quote(temp.toAbsolutePath().toString())
              + " (FORMAT parquet, COMPRESSION zstd)");
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void close() throws Exception {
    duck.close();
  }
}
