package io.gridlens.ingest;

import io.gridlens.core.Cut;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The master dataset on disk: every reading ever logged, in immutable Parquet files written by the
 * {@link Archiver} (DESIGN.md section 4).
 *
 * <p>Layout: {@code
 * <data>/master/ingest_date=YYYY-MM-DD/readings-p<partition>-<first>-<last>.parquet}, where {@code
 * first} and {@code last} are the first and last Kafka offsets of the {@code readings} partition
 * the file holds (inclusive), and the date is the UTC ingest date of its first record. A file is
 * written under the name plus {@value #TEMP_SUFFIX} and renamed atomically; a name without that
 * suffix is a complete file. The files, not a consumer group, say what has been archived.
 *
 * <p>Columns of every file, sorted by (meter_id, channel, interval_start, log_offset,
 * record_index):
 *
 * <ul>
 *   <li>{@code meter_id} VARCHAR, {@code channel} VARCHAR ({@code IMPORT} | {@code EXPORT});
 *   <li>{@code interval_start} BIGINT, epoch seconds (UTC); {@code interval_minutes} TINYINT;
 *   <li>{@code kind} VARCHAR ({@code INTERVAL} | {@code REGISTER}); {@code wh} BIGINT;
 *   <li>{@code quality} TINYINT ({@code Quality.code()}); {@code source} VARCHAR (format name);
 *   <li>{@code ingest_time} BIGINT, epoch milliseconds (the Kafka record's timestamp);
 *   <li>{@code log_partition} INTEGER, {@code log_offset} BIGINT: the reading's ingest position
 *       ({@code IngestPosition}); {@code record_index} INTEGER: its index within the Kafka record.
 * </ul>
 *
 * <p>A reading's identity is (log_partition, log_offset, record_index); its ingest position for
 * "latest wins" is (log_partition, log_offset) — see {@link IngestService} for why that is exact.
 * Reading with {@code hive_partitioning=true} adds the {@code ingest_date} column.
 */
public final class MasterDataset {

  /** Suffix of a file being written. */
  public static final String TEMP_SUFFIX = ".tmp";

  private static final Pattern FILE_NAME =
      Pattern.compile("readings-p(\\d+)-(\\d+)-(\\d+)\\.parquet");
  private static final Pattern DATE_DIR = Pattern.compile("ingest_date=(\\d{4}-\\d{2}-\\d{2})");

  /** The columns, in file order. */
  public static final List<String> COLUMNS =
      List.of(
          "meter_id",
          "channel",
          "interval_start",
          "interval_minutes",
          "kind",
          "wh",
          "quality",
          "source",
          "ingest_time",
          "log_partition",
          "log_offset",
          "record_index");

  private final Path root;

  /** The master dataset under a data directory ({@code <data>/master}). */
  public MasterDataset(Path dataDir) {
    this.root = Objects.requireNonNull(dataDir, "dataDir").resolve("master");
  }

  /** The dataset's directory. */
  public Path root() {
    return root;
  }

  /**
   * One complete file of the dataset.
   *
   * @param firstOffset first Kafka offset held, inclusive
   * @param lastOffset last Kafka offset held, inclusive
   */
  public record DataFile(
      Path path, LocalDate ingestDate, int partition, long firstOffset, long lastOffset) {

    public DataFile {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(ingestDate, "ingestDate");
      if (partition < 0 || firstOffset < 0 || lastOffset < firstOffset) {
        throw new IllegalArgumentException(
            "a data file holds offsets first..last of a partition >= 0, was p"
                + partition
                + " "
                + firstOffset
                + ".."
                + lastOffset);
      }
    }

    /** The file name of a partition's offset range. */
    public static String fileName(int partition, long firstOffset, long lastOffset) {
      return "readings-p" + partition + "-" + firstOffset + "-" + lastOffset + ".parquet";
    }
  }

  /** The directory of an ingest date. */
  public Path dateDir(LocalDate ingestDate) {
    return root.resolve("ingest_date=" + ingestDate);
  }

  /** Every complete file, by partition then first offset; temp files are ignored. */
  public List<DataFile> files() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<DataFile> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.filter(Files::isDirectory).collect(Collectors.toList())) {
        Matcher d = DATE_DIR.matcher(dir.getFileName().toString());
        if (!d.matches()) {
          continue;
        }
        LocalDate date;
        try {
          date = LocalDate.parse(d.group(1));
        } catch (DateTimeParseException e) {
          continue;
        }
        try (Stream<Path> files = Files.list(dir)) {
          for (Path f : files.collect(Collectors.toList())) {
            Matcher m = FILE_NAME.matcher(f.getFileName().toString());
            if (m.matches()) {
              out.add(
                  new DataFile(
                      f,
                      date,
                      Integer.parseInt(m.group(1)),
                      Long.parseLong(m.group(2)),
                      Long.parseLong(m.group(3))));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the master dataset " + root, e);
    }
    out.sort(Comparator.comparingInt(DataFile::partition).thenComparingLong(DataFile::firstOffset));
    return out;
  }

  /**
   * The archived cut: per partition, the offset after the highest offset on disk. The archiver
   * writes a partition's offsets in order and resumes after the highest, so everything below is on
   * disk (what Kafka's retention had not deleted before it was archived).
   */
  public Cut cut() {
    TreeMap<Integer, Long> next = new TreeMap<>();
    for (DataFile f : files()) {
      next.merge(f.partition(), f.lastOffset() + 1, Math::max);
    }
    return new Cut(next);
  }

  /** Deletes the temp files a crash left behind; returns how many. */
  public int deleteTempFiles() {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    try (Stream<Path> all = Files.walk(root)) {
      List<Path> temps =
          all.filter(p -> p.getFileName().toString().endsWith(TEMP_SUFFIX))
              .collect(Collectors.toList());
      for (Path t : temps) {
        Files.deleteIfExists(t);
      }
      return temps.size();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean temp files of " + root, e);
    }
  }

  /**
   * A DuckDB query of every reading below a cut: the files that can hold such readings (pruned by
   * their names), filtered by offset. With no such file, an empty relation of the same columns.
   *
   * <p>Example for cut {@code {0=12, 1=7}}: {@code SELECT * FROM read_parquet(['…p0-0-11.parquet',
   * '…p1-0-9.parquet'], hive_partitioning = true) WHERE (log_partition = 0 AND log_offset < 12) OR
   * (log_partition = 1 AND log_offset < 7)}.
   */
  public String sqlUpTo(Cut cut) {
    List<String> paths = new ArrayList<>();
    for (DataFile f : files()) {
      if (f.firstOffset() < cut.offset(f.partition())) {
        paths.add(quote(f.path().toAbsolutePath().toString()));
      }
    }
    if (paths.isEmpty()) {
      return "SELECT CAST(NULL AS VARCHAR) AS meter_id, CAST(NULL AS VARCHAR) AS channel,"
          + " CAST(NULL AS BIGINT) AS interval_start, CAST(NULL AS TINYINT) AS interval_minutes,"
          + " CAST(NULL AS VARCHAR) AS kind, CAST(NULL AS BIGINT) AS wh,"
          + " CAST(NULL AS TINYINT) AS quality, CAST(NULL AS VARCHAR) AS source,"
          + " CAST(NULL AS BIGINT) AS ingest_time, CAST(NULL AS INTEGER) AS log_partition,"
          + " CAST(NULL AS BIGINT) AS log_offset, CAST(NULL AS INTEGER) AS record_index,"
          + " CAST(NULL AS DATE) AS ingest_date WHERE false";
    }
    String where =
        cut.sortedOffsets().entrySet().stream()
            .map(e -> "(log_partition = " + e.getKey() + " AND log_offset < " + e.getValue() + ")")
            .collect(Collectors.joining(" OR "));
    return "SELECT * FROM read_parquet(["
        + String.join(", ", paths)
        + "], hive_partitioning = true) WHERE "
        + where;
  }

  static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
