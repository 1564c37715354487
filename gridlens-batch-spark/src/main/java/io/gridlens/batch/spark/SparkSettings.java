package io.gridlens.batch.spark;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How the Spark engine reaches and sizes Spark: the master URL, the shuffle width and how many
 * readings one scan partition holds (the driver holds one scan partition's encoded readings at a
 * time, about 6 bytes a reading).
 *
 * <p>Read from the {@code spark.*} keys of the configuration: {@code spark.master: local[*] |
 * spark://host:port} (absent under {@code spark-submit}, which sets the master itself), {@code
 * spark.sql.shuffle.partitions}, {@code spark.scan.partitionReadings}; every other {@code spark.*}
 * key is passed to the session as is.
 *
 * @param master the master URL, or null to take the one {@code spark-submit} set
 * @param shufflePartitions {@code spark.sql.shuffle.partitions}, at least 1 (4 on a 2-core machine)
 * @param scanPartitionReadings readings per scan partition, at least 1
 * @param conf further Spark settings, e.g. {@code spark.executor.memory}
 */
public record SparkSettings(
    String master, int shufflePartitions, long scanPartitionReadings, Map<String, String> conf) {

  /** {@code local[*]}, 4 shuffle partitions, 4 M readings per scan partition. */
  public static final SparkSettings LOCAL = new SparkSettings("local[*]", 4, 4_000_000L, Map.of());

  public SparkSettings {
    if (master != null && !master.matches("local(\\[(\\*|\\d+)])?|spark://.+|yarn|k8s://.+")) {
      throw new IllegalArgumentException(
          "spark.master must be local[*], local[N], spark://host:port, yarn or k8s://..., was '"
              + master
              + "'");
    }
    if (shufflePartitions < 1 || scanPartitionReadings < 1) {
      throw new IllegalArgumentException(
          "spark.sql.shuffle.partitions and spark.scan.partitionReadings must be >= 1, were "
              + shufflePartitions
              + ", "
              + scanPartitionReadings);
    }
    conf = Map.copyOf(Objects.requireNonNull(conf, "conf"));
  }

  /** These settings on another master. */
  public SparkSettings withMaster(String m) {
    return new SparkSettings(m, shufflePartitions, scanPartitionReadings, conf);
  }

  /** These settings with scan partitions of another size. */
  public SparkSettings withScanPartitionReadings(long n) {
    return new SparkSettings(master, shufflePartitions, n, conf);
  }

  /**
   * The settings of a configuration's {@code spark.*} keys, defaults from {@link #LOCAL} except the
   * master, which is null (left to {@code spark-submit}) unless {@code spark.master} is set.
   *
   * @throws IllegalArgumentException when a number does not parse
   */
  public static SparkSettings fromConfig(Map<String, String> config) {
    Map<String, String> rest = new TreeMap<>();
    config.forEach(
        (k, v) -> {
          if (k.startsWith("spark.")
              && !k.equals("spark.master")
              && !k.equals("spark.sql.shuffle.partitions")
              && !k.equals("spark.scan.partitionReadings")) {
            rest.put(k, v);
          }
        });
    return new SparkSettings(
        config.get("spark.master"),
        number(config, "spark.sql.shuffle.partitions", LOCAL.shufflePartitions()),
        number(config, "spark.scan.partitionReadings", LOCAL.scanPartitionReadings()),
        rest);
  }

  private static int number(Map<String, String> config, String key, long fallback) {
    String v = config.get(key);
    try {
      return v == null ? (int) fallback : Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, was '" + v + "'", e);
    }
  }
}
