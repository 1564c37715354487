package io.gridlens.batch;

import io.gridlens.core.Cut;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The complete Parquet files of the master dataset as the batch sees them: {@code
 * <data>/master/ingest_date=YYYY-MM-DD/readings-p<partition>-<first>-<last>.parquet} (the
 * archiver's layout; files still being written end in {@code .tmp} and are ignored).
 */
public final class MasterFiles {

  private static final Pattern FILE = Pattern.compile("readings-p(\\d+)-(\\d+)-(\\d+)\\.parquet");

  private MasterFiles() {}

  /** The directory of the master dataset under a data directory. */
  public static Path root(Path dataDir) {
    return dataDir.resolve("master");
  }

  /** The glob DuckDB reads the dataset with. */
  static String glob(Path dataDir) {
    return root(dataDir).toAbsolutePath() + "/*/*.parquet";
  }

  /** The complete files of the dataset. */
  public static List<Path> files(Path dataDir) {
    Path root = root(dataDir);
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : (Iterable<Path>) dirs::iterator) {
        if (!Files.isDirectory(dir) || !dir.getFileName().toString().startsWith("ingest_date=")) {
          continue;
        }
        try (Stream<Path> files = Files.list(dir)) {
          files.filter(f -> FILE.matcher(f.getFileName().toString()).matches()).forEach(out::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the master dataset in " + root, e);
    }
    out.sort(null);
    return out;
  }

  /** The log partition of a complete file, from its name. */
  static int partition(Path file) {
    Matcher m = FILE.matcher(file.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          file + " is not a master-dataset file (readings-p<partition>-<first>-<last>.parquet)");
    }
    return Integer.parseInt(m.group(1));
  }

  /**
   * The cut of every complete file on disk: per partition, one past the highest last offset a file
   * name holds.
   */
  public static Cut cutOnDisk(Path dataDir) {
    TreeMap<Integer, Long> cut = new TreeMap<>();
    for (Path f : files(dataDir)) {
      Matcher m = FILE.matcher(f.getFileName().toString());
      if (m.matches()) {
        cut.merge(Integer.parseInt(m.group(1)), Long.parseLong(m.group(3)) + 1, Math::max);
      }
    }
    return new Cut(cut);
  }
}
