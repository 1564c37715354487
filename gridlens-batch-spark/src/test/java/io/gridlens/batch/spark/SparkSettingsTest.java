package io.gridlens.batch.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SparkSettingsTest {

  @Test
  void shouldReadTheMasterTheWidthsAndPassOtherSparkKeysThrough() {
    SparkSettings s =
        SparkSettings.fromConfig(
            Map.of(
                "batch.engine", "spark",
                "spark.master", "spark://10.0.0.5:7077",
                "spark.sql.shuffle.partitions", "64",
                "spark.scan.partitionReadings", "2000000",
                "spark.executor.memory", "4g"));

    assertThat(s.master()).isEqualTo("spark://10.0.0.5:7077");
    assertThat(s.shufflePartitions()).isEqualTo(64);
    assertThat(s.scanPartitionReadings()).isEqualTo(2_000_000L);
    assertThat(s.conf()).isEqualTo(Map.of("spark.executor.memory", "4g"));
  }

  @Test
  void shouldLeaveTheMasterToSparkSubmitWhenTheConfigurationHasNone() {
    SparkSettings s = SparkSettings.fromConfig(Map.of());

    assertThat(s.master()).isNull();
    assertThat(s.shufflePartitions()).isEqualTo(4);
  }

  @Test
  void shouldRejectAMasterThatIsNoSparkUrlNamingTheKey() {
    assertThatThrownBy(() -> SparkSettings.fromConfig(Map.of("spark.master", "localhost:7077")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spark.master")
        .hasMessageContaining("localhost:7077");
  }

  @Test
  void shouldRejectAShuffleWidthThatIsNoNumber() {
    assertThatThrownBy(
            () -> SparkSettings.fromConfig(Map.of("spark.sql.shuffle.partitions", "four")))
        .hasMessageContaining("spark.sql.shuffle.partitions")
        .hasMessageContaining("four");
  }

  @Test
  void shouldChooseTheEngineByBatchEngineEmbeddedByDefault() {
    assertThat(BatchEngineConfig.fromConfig(Map.of()).engine()).isEqualTo("embedded");
    BatchEngineConfig spark =
        BatchEngineConfig.fromConfig(Map.of("batch.engine", "spark", "spark.master", "local[2]"));
    assertThat(spark.engine()).isEqualTo("spark");
    assertThat(spark.spark().master()).isEqualTo("local[2]");
  }

  @Test
  void shouldRejectAnUnknownEngine() {
    assertThatThrownBy(() -> BatchEngineConfig.fromConfig(Map.of("batch.engine", "flink")))
        .hasMessageContaining("batch.engine")
        .hasMessageContaining("flink");
  }

  @Test
  void shouldOrderMeterIdsAsUtf8BytesDo() {
    // U+FF21 (3 UTF-8 bytes EF BC A1) sorts before U+1F600 (4 bytes F0 9F 98 80) in UTF-8 byte
    // order, but after its UTF-16 surrogate D83D in String.compareTo.
    String fullwidthA = "\uFF21";
    String emoji = new String(Character.toChars(0x1F600));
    assertThat(fullwidthA.compareTo(emoji)).isPositive();
    assertThat(SparkEngine.compareUtf8(fullwidthA, emoji)).isNegative();
    assertThat(SparkEngine.compareUtf8("25000000000001", "25000000000010")).isNegative();
    assertThat(SparkEngine.compareUtf8("abc", "ab")).isPositive();
  }

  @Test
  void shouldRefuseJobArgumentsWithoutReferenceData() {
    assertThatThrownBy(
            () -> SparkBatchMain.run(new String[] {"/data", "rocksdb:/views", "full"}, System.err))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reference=fleet:");
  }

  @Test
  void shouldRefuseAnUnknownMode() {
    assertThatThrownBy(() -> SparkBatchMain.mode("nightly"))
        .hasMessageContaining("full or incremental")
        .hasMessageContaining("nightly");
  }

  @Test
  void shouldReadACassandraViewStoreForTheExecutors() {
    ExecutorStore.Cassandra c =
        SparkBatchMain.cassandraStore("cassandra:10.0.0.1:9042,10.0.0.2:9043/dc1/gridlens");

    assertThat(c.contactPoints()).containsExactly("10.0.0.1:9042", "10.0.0.2:9043");
    assertThat(c.localDatacenter()).isEqualTo("dc1");
    assertThat(c.keyspace()).isEqualTo("gridlens");
    assertThat(SparkBatchMain.cassandraStore("rocksdb:/views")).isNull();
  }

  @Test
  void shouldRejectAMalformedCassandraViewStoreNamingTheForm() {
    assertThatThrownBy(() -> SparkBatchMain.cassandraStore("cassandra:10.0.0.1:9042/dc1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cassandra:<host:port>[,<host:port>...]/<local dc>/<keyspace>");
    assertThatThrownBy(() -> SparkBatchMain.cassandraStore("cassandra:10.0.0.1/dc1/ks"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be host:port, was '10.0.0.1'");
  }
}
