package io.gridlens.batch.spark;

import io.gridlens.batch.BatchEngine;
import io.gridlens.batch.DuckDbEngine;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Which batch engine a deployment runs, from its configuration: {@code batch.engine: embedded} (the
 * default, DuckDB in-process) or {@code batch.engine: spark} with its {@code spark.*} keys ({@link
 * SparkSettings#fromConfig}).
 *
 * @param engine {@code embedded} or {@code spark}
 * @param embedded the embedded engine's settings
 * @param spark the Spark engine's settings
 */
public record BatchEngineConfig(
    String engine, DuckDbEngine.Settings embedded, SparkSettings spark) {

  public BatchEngineConfig {
    if (!"embedded".equals(engine) && !"spark".equals(engine)) {
      throw new IllegalArgumentException(
          "batch.engine must be 'embedded' or 'spark', was '" + engine + "'");
    }
    Objects.requireNonNull(embedded, "embedded");
    Objects.requireNonNull(spark, "spark");
  }

  /** The engine a configuration names ({@code batch.engine}, default {@code embedded}). */
  public static BatchEngineConfig fromConfig(Map<String, String> config) {
    return new BatchEngineConfig(
        config.getOrDefault("batch.engine", "embedded").trim(),
        DuckDbEngine.Settings.DEFAULT,
        SparkSettings.fromConfig(config));
  }

  /** Opens the chosen engine over the master dataset of a data directory. */
  public BatchEngine open(Path dataDir) {
    return "spark".equals(engine)
        ? SparkEngine.open(dataDir, spark)
        : DuckDbEngine.open(dataDir, embedded);
  }
}
