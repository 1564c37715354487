package io.gridlens.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gridlens.ingest.IngestTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The configuration of one Gridlens process ({@code gridlens run --config FILE}): which roles it
 * runs and where the log, views and master dataset are. Every key is declared here once, with its
 * default, documentation and check; {@code config/gridlens.yaml} is the commented example.
 *
 * <p>Embedded by default: no {@code kafka.bootstrap-servers} starts the in-process broker under
 * {@code <data-dir>/kafka}, no {@code cassandra.contact-points} keeps views in RocksDB under {@code
 * <data-dir>/views}. Naming them makes the process distributed.
 *
 * @param dataDir the data directory: master dataset, RocksDB views, speed state, embedded broker
 * @param roles the roles this process runs (default: all)
 * @param kafka where the log is
 * @param cassandra where the views are, when not in RocksDB
 * @param spark the Spark cluster of the batch when {@code batch.engine} is {@code spark}
 * @param api the HTTP API
 * @param batch the batch layer's engine, schedule and embedded engine settings
 * @param speed the speed layer instance
 */
record GridlensConfig(
    Path dataDir,
    Set<Role> roles,
    Kafka kafka,
    Cassandra cassandra,
    Spark spark,
    Api api,
    Batch batch,
    Speed speed) {

  /** Default data directory, relative to the working directory. */
  static final Path DEFAULT_DATA_DIR = Path.of("gridlens-data");

  GridlensConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(roles, "roles");
    if (roles.isEmpty()) {
      throw new ConfigException("roles must name at least one of: " + Role.known());
    }
    roles = Set.copyOf(roles);
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(cassandra, "cassandra");
    Objects.requireNonNull(spark, "spark");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(speed, "speed");
    if (batch.engine() == Batch.Engine.SPARK && spark.master() == null) {
      throw new ConfigException(
          "batch.engine is spark but spark.master is not set; name the master (spark://host:7077,"
              + " local[*], ...) or remove batch.engine to run the embedded engine");
    }
    if (batch.engine() == Batch.Engine.EMBEDDED && spark.master() != null) {
      throw new ConfigException(
          "spark.master '"
              + spark.master()
              + "' is set but batch.engine is embedded; remove spark.master, or remove"
              + " batch.engine (naming spark.master selects the Spark engine)");
    }
  }

  /** Every role, embedded, under {@code ./gridlens-data}. */
  static GridlensConfig defaults() {
    return parse("{}");
  }

  /** Whether the process runs the in-process broker. */
  boolean embeddedKafka() {
    return kafka.bootstrapServers() == null;
  }

  /** This configuration with another data directory. */
  GridlensConfig withDataDir(Path dir) {
    return new GridlensConfig(dir, roles, kafka, cassandra, spark, api, batch, speed);
  }

  /** This configuration with another API port. */
  GridlensConfig withApiPort(int port) {
    return new GridlensConfig(
        dataDir, roles, kafka, cassandra, spark, new Api(api.host(), port), batch, speed);
  }

  /**
   * Reads a YAML file.
   *
   * @throws ConfigException on a missing file, bad YAML, an unknown key or a bad value
   */
  static GridlensConfig load(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new ConfigException(
          "configuration file " + file + " does not exist; see config/gridlens.yaml");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read configuration file " + file, e);
    } catch (ConfigException e) {
      throw new ConfigException(file + ": " + e.getMessage(), e);
    }
  }

  /** Reads YAML text. */
  static GridlensConfig parse(String yaml) {
    JsonNode tree;
    try {
      tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new ConfigException("not valid YAML: " + e.getOriginalMessage(), e);
    }
    ConfigNode root = new ConfigNode("", tree);
    Path dataDir = root.parsed("data-dir", DEFAULT_DATA_DIR, "a directory path", Path::of);
    List<String> roleNames =
        root.list("roles", java.util.Arrays.stream(Role.values()).map(Role::key).toList());
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String n : roleNames) {
      try {
        roles.add(Role.of(n));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("roles: " + e.getMessage());
      }
    }
    if (roles.isEmpty()) {
      throw new ConfigException("roles must name at least one of: " + Role.known());
    }
    Kafka kafka = Kafka.read(root.section("kafka"));
    Cassandra cassandra = Cassandra.read(root.section("cassandra"));
    Spark spark = Spark.read(root.section("spark"));
    GridlensConfig c =
        new GridlensConfig(
            dataDir,
            roles,
            kafka,
            cassandra,
            spark,
            Api.read(root.section("api")),
            Batch.read(root.section("batch"), spark),
            Speed.read(root.section("speed")));
    root.finish();
    return c;
  }

  /**
   * The log.
   *
   * @param bootstrapServers {@code host:port[,host:port...]} of an existing Kafka cluster; null
   *     (the default) starts the embedded broker
   * @param partitions partitions of {@code readings} when this process creates the topics (default
   *     4; the parallelism of the speed layer and the archiver)
   * @param replicationFactor replicas of each topic it creates (default 1; 3 on a real cluster)
   */
  record Kafka(String bootstrapServers, int partitions, int replicationFactor) {

    static Kafka read(ConfigNode n) {
      String bs =
          n.parsed(
              "bootstrap-servers",
              null,
              "host:port[,host:port...]",
              s -> new io.gridlens.ingest.KafkaClients(s).bootstrapServers());
      Kafka k =
          new Kafka(
              bs,
              n.integer("partitions", IngestTopics.DEFAULT_PARTITIONS, 1, 4096),
              n.integer("replication-factor", 1, 1, 16));
      n.finish();
      return k;
    }

    /** The topics, with the configured partitions and replicas. */
    IngestTopics topics() {
      IngestTopics d = IngestTopics.withPartitions(partitions);
      return new IngestTopics(
          d.readings(),
          d.deadLetter(),
          d.meters(),
          d.premises(),
          d.contracts(),
          partitions,
          (short) replicationFactor);
    }
  }

  /**
   * The Cassandra cluster of the views.
   *
   * @param contactPoints {@code host:port} of some nodes; empty (the default) keeps views in
   *     RocksDB under the data directory
   * @param localDatacenter the driver's local datacenter (default {@code datacenter1})
   * @param keyspace the keyspace, created beforehand by the operator (default {@code gridlens})
   * @param requestTimeoutMs how long the driver waits for one request's answer (default 10000; the
   *     driver's own 2 s is too short for schema changes on a busy node)
   */
  record Cassandra(
      List<String> contactPoints, String localDatacenter, String keyspace, int requestTimeoutMs) {

    Cassandra {
      contactPoints = List.copyOf(contactPoints);
    }

    static Cassandra read(ConfigNode n) {
      List<String> points = n.list("contact-points", List.of());
      List<String> checked = new ArrayList<>();
      for (String p : points) {
        if (!p.matches("[^\\s:,]+:\\d{1,5}")) {
          throw new ConfigException(
              n.key("contact-points") + " must be host:port entries, has '" + p + "'");
        }
        checked.add(p);
      }
      String dc = n.string("local-datacenter", "datacenter1");
      String ks =
          n.parsed(
              "keyspace",
              "gridlens",
              "a plain CQL identifier (a letter, then letters, digits or _)",
              s -> {
                if (!s.matches("[A-Za-z][A-Za-z0-9_]{0,47}")) {
                  throw new IllegalArgumentException("not a plain identifier");
                }
                return s;
              });
      int timeout = n.integer("request-timeout-ms", 10_000, 100, 600_000);
      n.finish();
      return new Cassandra(checked, dc, ks, timeout);
    }

    boolean enabled() {
      return !contactPoints.isEmpty();
    }
  }

  /**
   * The Spark cluster the batch runs on when {@code batch.engine} is {@code spark}: this process is
   * the Spark driver (client mode), the cluster's executors scan, sort and group the master
   * dataset. The process needs Spark's jars on its classpath ({@code java -cp
   * gridlens.jar:$SPARK_HOME/jars/*}), and the master dataset must be readable at the same path on
   * every worker.
   *
   * @param master a Spark master URL ({@code local}, {@code local[N]}, {@code local[*]}, {@code
   *     spark://host:port}, {@code yarn}, {@code k8s://...}); null (the default) runs the embedded
   *     engine
   * @param shufflePartitions {@code spark.sql.shuffle.partitions} (default 4: the parallelism of
   *     the grouping by meter)
   * @param executorMemory {@code spark.executor.memory} like {@code 4g}, or null for Spark's
   *     default
   */
  record Spark(String master, int shufflePartitions, String executorMemory) {

    static Spark read(ConfigNode n) {
      String m =
          n.parsed(
              "master",
              null,
              "local, local[N], local[*], spark://host:port[,host:port], yarn or k8s://URL",
              s -> {
                if (!s.matches(
                    "local(\\[(\\*|\\d+)])?|spark://[^\\s:,/]+:\\d+(,[^\\s:,/]+:\\d+)*|yarn"
                        + "|k8s://\\S+")) {
                  throw new IllegalArgumentException("not a Spark master URL");
                }
                return s;
              });
      int shuffle = n.integer("shuffle-partitions", 4, 1, 100_000);
      String memory =
          n.parsed(
              "executor-memory",
              null,
              "a JVM memory size like 768m or 4g",
              s -> {
                if (!s.matches("\\d+[kmgtKMGT]")) {
                  throw new IllegalArgumentException("not a size");
                }
                return s;
              });
      n.finish();
      return new Spark(m, shuffle, memory);
    }
  }

  /**
   * The HTTP API.
   *
   * @param host the address to bind (default {@code 127.0.0.1}: the development authenticator
   *     trusts headers, so keep it on loopback unless a token authenticator is configured)
   * @param port the port (default 8080; 0 picks a free one)
   */
  record Api(String host, int port) {

    static Api read(ConfigNode n) {
      Api a = new Api(n.string("host", "127.0.0.1"), n.integer("port", 8080, 0, 65535));
      n.finish();
      return a;
    }
  }

  /**
   * The batch layer.
   *
   * @param engine the engine: {@code embedded} (DuckDB in this process) or {@code spark} (default:
   *     spark when {@code spark.master} is set, else embedded)
   * @param nightlyAt local time of the nightly incremental run (default 02:00)
   * @param zone zone of that time (default Europe/Paris)
   * @param memoryLimit DuckDB's memory limit (default 2GB)
   * @param threads DuckDB's worker threads (default 2)
   */
  record Batch(Engine engine, LocalTime nightlyAt, ZoneId zone, String memoryLimit, int threads) {

    /** The batch engines. */
    enum Engine {
      EMBEDDED,
      SPARK;

      String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
      }
    }

    Batch {
      Objects.requireNonNull(engine, "engine");
    }

    static Batch read(ConfigNode n, Spark spark) {
      Batch b =
          new Batch(
              n.parsed(
                  "engine",
                  spark.master() == null ? Engine.EMBEDDED : Engine.SPARK,
                  "embedded or spark",
                  s ->
                      switch (s) {
                        case "embedded" -> Engine.EMBEDDED;
                        case "spark" -> Engine.SPARK;
                        default -> throw new IllegalArgumentException((String) null);
                      }),
              n.parsed("nightly-at", LocalTime.of(2, 0), "a local time HH:MM", LocalTime::parse),
              n.parsed("zone", ZoneId.of("Europe/Paris"), "a time zone id", ZoneId::of),
              n.parsed(
                  "memory-limit",
                  "2GB",
                  "a size like 512MB or 2GB",
                  s -> {
                    if (!s.matches("\\d+(\\.\\d+)?\\s*[KMGT]i?B")) {
                      throw new IllegalArgumentException("not a size");
                    }
                    return s;
                  }),
              n.integer("threads", 2, 1, 256));
      n.finish();
      return b;
    }
  }

  /**
   * The speed layer instance.
   *
   * @param applicationId the Kafka Streams application id, the same for every instance (default
   *     {@code gridlens-speed})
   * @param streamThreads stream threads of this instance (default 1)
   */
  record Speed(String applicationId, int streamThreads) {

    static Speed read(ConfigNode n) {
      Speed s =
          new Speed(
              n.parsed(
                  "application-id",
                  "gridlens-speed",
                  "1..200 of [a-zA-Z0-9._-]",
                  v -> {
                    if (!v.matches("[a-zA-Z0-9._-]{1,200}")) {
                      throw new IllegalArgumentException("bad characters");
                    }
                    return v;
                  }),
              n.integer("stream-threads", 1, 1, 64));
      n.finish();
      return s;
    }
  }
}
