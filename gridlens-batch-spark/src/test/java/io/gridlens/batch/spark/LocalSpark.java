package io.gridlens.batch.spark;

import org.apache.spark.sql.SparkSession;

/** The one local[2] Spark session of a test JVM (a session takes seconds to start). */
final class LocalSpark {

  static final SparkSettings SETTINGS =
      SparkSettings.LOCAL.withMaster("local[2]").withScanPartitionReadings(100_000);

  private static SparkSession session;

  private LocalSpark() {}

  static synchronized SparkSession session() {
    if (session == null) {
      session = SparkEngine.session(SETTINGS);
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }
}
