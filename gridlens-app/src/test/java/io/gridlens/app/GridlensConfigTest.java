package io.gridlens.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.core.testkit.TestFixtures;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class GridlensConfigTest {

  @Test
  void shouldRunEveryRoleEmbeddedWhenTheFileIsEmpty() {
    GridlensConfig c = GridlensConfig.parse("");

    assertThat(c.dataDir()).isEqualTo(Path.of("gridlens-data"));
    assertThat(c.roles()).isEqualTo(EnumSet.allOf(Role.class));
    assertThat(c.embeddedKafka()).isTrue();
    assertThat(c.kafka().partitions()).isEqualTo(4);
    assertThat(c.cassandra().enabled()).isFalse();
    assertThat(c.spark().master()).isNull();
    assertThat(c.api()).isEqualTo(new GridlensConfig.Api("127.0.0.1", 8080));
    assertThat(c.batch().nightlyAt()).isEqualTo(LocalTime.of(2, 0));
    assertThat(c.batch().zone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(c.speed().applicationId()).isEqualTo("gridlens-speed");
  }

  @Test
  void shouldBeDistributedWhenTheClustersAreNamed() {
    GridlensConfig c =
        GridlensConfig.parse(
            """
            roles: [speed, api]
            kafka:
              bootstrap-servers: k1:9092,k2:9092
              replication-factor: 3
            cassandra:
              contact-points: [c1:9042, c2:9042]
              keyspace: views_eu
            """);

    assertThat(c.roles()).containsExactlyInAnyOrder(Role.SPEED, Role.API);
    assertThat(c.embeddedKafka()).isFalse();
    assertThat(c.kafka().bootstrapServers()).isEqualTo("k1:9092,k2:9092");
    assertThat(c.kafka().topics().replicationFactor()).isEqualTo((short) 3);
    assertThat(c.cassandra().contactPoints()).containsExactly("c1:9042", "c2:9042");
    assertThat(c.cassandra().keyspace()).isEqualTo("views_eu");
  }

  @Test
  void shouldNameAnUnknownKeyAndTheKnownOnes() {
    assertThatThrownBy(() -> GridlensConfig.parse("kafka:\n  bootstrap-server: k1:9092\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "unknown key 'kafka.bootstrap-server'; known: kafka.bootstrap-servers,"
                + " kafka.partitions, kafka.replication-factor");
  }

  @Test
  void shouldNameAnUnknownTopLevelKey() {
    assertThatThrownBy(() -> GridlensConfig.parse("datadir: /srv/gridlens\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("unknown key 'datadir'; known: data-dir, roles, kafka,");
  }

  @Test
  void shouldRefuseAPortOutOfRangeNamingKeyAndValue() {
    assertThatThrownBy(() -> GridlensConfig.parse("api:\n  port: 70000\n"))
        .hasMessage("api.port must be in 0..65535, was 70000 (default 8080)");
  }

  @Test
  void shouldRefuseAWordWhereANumberIsExpected() {
    assertThatThrownBy(() -> GridlensConfig.parse("kafka:\n  partitions: many\n"))
        .hasMessage("kafka.partitions must be an integer in 1..4096, was 'many' (default 4)");
  }

  @Test
  void shouldRefuseAnUnknownRoleNamingTheKnownOnes() {
    assertThatThrownBy(() -> GridlensConfig.parse("roles: [ingest, speeed]\n"))
        .hasMessage(
            "roles: unknown role 'speeed'; known: ingest, archiver, speed, batch-scheduler, api");
  }

  @Test
  void shouldRefuseBadBootstrapServers() {
    assertThatThrownBy(() -> GridlensConfig.parse("kafka:\n  bootstrap-servers: k1\n"))
        .hasMessageStartingWith(
            "kafka.bootstrap-servers must be host:port[,host:port...], was 'k1'");
  }

  @Test
  void shouldRefuseABadNightlyTime() {
    assertThatThrownBy(() -> GridlensConfig.parse("batch:\n  nightly-at: 25:00\n"))
        .hasMessageStartingWith("batch.nightly-at must be a local time HH:MM, was '25:00'");
  }

  @Test
  void shouldAcceptASparkMasterAndRefuseAMalformedOne() {
    assertThat(GridlensConfig.parse("spark:\n  master: spark://m1:7077\n").spark().master())
        .isEqualTo("spark://m1:7077");
    assertThatThrownBy(() -> GridlensConfig.parse("spark:\n  master: spark//m1\n"))
        .hasMessageStartingWith("spark.master must be local, local[N], local[*]");
  }

  @Test
  void shouldSelectTheSparkEngineWhenASparkMasterIsNamed() {
    GridlensConfig c =
        GridlensConfig.parse(
            "spark:\n  master: spark://m1:7077\n  executor-memory: 768m\n"
                + "  shuffle-partitions: 8\n");

    assertThat(c.batch().engine()).isEqualTo(GridlensConfig.Batch.Engine.SPARK);
    assertThat(c.spark()).isEqualTo(new GridlensConfig.Spark("spark://m1:7077", 8, "768m"));
    assertThat(GridlensConfig.defaults().batch().engine())
        .isEqualTo(GridlensConfig.Batch.Engine.EMBEDDED);
  }

  @Test
  void shouldRefuseTheSparkEngineWithoutAMasterAndAMasterWithTheEmbeddedEngine() {
    assertThatThrownBy(() -> GridlensConfig.parse("batch:\n  engine: spark\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("batch.engine is spark but spark.master is not set");
    assertThatThrownBy(
            () ->
                GridlensConfig.parse(
                    "batch:\n  engine: embedded\nspark:\n  master: spark://m1:7077\n"))
        .hasMessageStartingWith("spark.master 'spark://m1:7077' is set but batch.engine is");
    assertThatThrownBy(() -> GridlensConfig.parse("batch:\n  engine: flink\n"))
        .hasMessageStartingWith("batch.engine must be embedded or spark, was 'flink'");
  }

  @Test
  void shouldSayWhereSparkComesFromWhenItIsNotOnTheClasspath() {
    // gridlens-app's test classpath, like gridlens.jar, has no Spark (it is provided).
    GridlensConfig c = GridlensConfig.parse("spark:\n  master: local[*]\n");

    assertThatThrownBy(
            () ->
                Platform.start(
                    c, InMemoryReferenceData.builder().build(), Clock.systemUTC(), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("needs Spark 4.1 (spark-sql_2.13) on the classpath")
        .hasMessageContaining("$SPARK_HOME/jars/*");
  }

  @Test
  void shouldRefuseAListWhereAMappingIsExpected() {
    assertThatThrownBy(() -> GridlensConfig.parse("api: [8080]\n"))
        .hasMessage("'api' must be a mapping of keys, was a list");
  }

  @Test
  void shouldReadTheShippedExampleAsTheDefaults() {
    GridlensConfig example =
        GridlensConfig.load(TestFixtures.root().resolve("config").resolve("gridlens.yaml"));

    assertThat(example).isEqualTo(GridlensConfig.defaults());
    assertThat(List.copyOf(example.roles())).hasSize(5);
  }
}
