package io.gridlens.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * The real Kafka broker, in process: one KRaft node in combined mode (broker and controller), its
 * log under a data directory, for the embedded runtime and for tests (DESIGN.md, "embedded" mode).
 *
 * <p>Started as ../shared/ENGINES.md says: a {@code server.properties} with the single-node
 * settings that must be set (internal topics with replication factor 1, or consumer groups read
 * nothing), storage formatted once with Kafka's {@code StorageTool} ({@code --standalone}), then
 * {@link KafkaRaftServer#startup()}, ready when {@code Admin.describeCluster()} answers. Ports are
 * chosen free at the first start and kept in {@code <dir>/embedded-kafka.properties}, so a restart
 * on the same directory finds its log and its address again.
 *
 * <p>Distributed mode does not use this class: it is only a {@code bootstrap.servers} string
 * ({@link KafkaClients}).
 *
 * <p>Lifecycle: {@link #start(Path)} returns a running broker; {@link #close()} stops it and waits.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final String PORTS_FILE = "embedded-kafka.properties";

  private final Path dir;
  private final int port;
  private final KafkaRaftServer server;

  private EmbeddedKafka(Path dir, int port, KafkaRaftServer server) {
    this.dir = dir;
    this.port = port;
    this.server = server;
  }

  /**
   * Starts a broker whose log lives under {@code dir} (created and formatted if new).
   *
   * @throws IllegalStateException when the storage cannot be formatted or the broker does not
   *     answer within a minute
   */
  public static EmbeddedKafka start(Path dir) {
    Objects.requireNonNull(dir, "dir");
    try {
      Files.createDirectories(dir);
      Path logDir = dir.resolve("log");
      Properties ports = loadPorts(dir);
      int port = Integer.parseInt(ports.getProperty("port"));
      int controllerPort = Integer.parseInt(ports.getProperty("controller.port"));

      Properties props = new Properties();
      props.put("process.roles", "broker,controller");
      props.put("node.id", "1");
      props.put("controller.quorum.bootstrap.servers", "localhost:" + controllerPort);
      props.put(
          "listeners",
          "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
      props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
      props.put("controller.listener.names", "CONTROLLER");
      props.put("inter.broker.listener.name", "PLAINTEXT");
      props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
      props.put("log.dirs", logDir.toAbsolutePath().toString());
      // Single node: without these, consumer groups and transactions silently never work.
      props.put("offsets.topic.replication.factor", "1");
      props.put("offsets.topic.num.partitions", "4");
      props.put("transaction.state.log.replication.factor", "1");
      props.put("transaction.state.log.min.isr", "1");
      props.put("share.coordinator.state.topic.replication.factor", "1");
      props.put("share.coordinator.state.topic.min.isr", "1");
      props.put("group.initial.rebalance.delay.ms", "0");
      props.put("num.partitions", "1");
      props.put("auto.create.topics.enable", "false");
      // Time-based retention judges a record by its timestamp, the ingest clock's: with a clock in
      // the past (tests, replays) a whole log could be deleted before the archiver reads it. In
      // embedded mode the log is kept; the master dataset is the long-term store.
      props.put("log.retention.ms", "-1");

      if (!Files.exists(logDir.resolve("meta.properties"))) {
        Path file = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
          props.store(out, "Gridlens embedded Kafka");
        }
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int rc;
        try (PrintStream ps = new PrintStream(text, true, StandardCharsets.UTF_8)) {
          rc =
              StorageTool.execute(
                  new String[] {
                    "format",
                    "--standalone",
                    "-t",
                    Uuid.randomUuid().toString(),
                    "-c",
                    file.toAbsolutePath().toString()
                  },
                  ps);
        }
        if (rc != 0) {
          throw new IllegalStateException(
              "cannot format Kafka storage in "
                  + logDir
                  + " (exit "
                  + rc
                  + "): "
                  + text.toString(StandardCharsets.UTF_8));
        }
      }

      KafkaRaftServer server =
          new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      server.startup();
      EmbeddedKafka kafka = new EmbeddedKafka(dir, port, server);
      try {
        kafka.awaitReady(Duration.ofMinutes(1));
      } catch (RuntimeException e) {
        kafka.close();
        throw e;
      }
      return kafka;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Kafka in " + dir, e);
    }
  }

  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Properties p = new KafkaClients(bootstrapServers()).admin();
    try (Admin admin = Admin.create(p)) {
      while (true) {
        try {
          admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
          return;
        } catch (ExecutionException | TimeoutException e) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "Kafka at " + bootstrapServers() + " did not answer within " + timeout, e);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
      }
    }
  }

  private static Properties loadPorts(Path dir) throws IOException {
    Path file = dir.resolve(PORTS_FILE);
    Properties ports = new Properties();
    if (Files.exists(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        ports.load(in);
      }
      if (free(Integer.parseInt(ports.getProperty("port")))
          && free(Integer.parseInt(ports.getProperty("controller.port")))) {
        return ports;
      }
    }
    int port = freePort();
    int controllerPort = freePort();
    while (controllerPort == port) {
      controllerPort = freePort();
    }
    ports.setProperty("port", Integer.toString(port));
    ports.setProperty("controller.port", Integer.toString(controllerPort));
    try (OutputStream out = Files.newOutputStream(file)) {
      ports.store(out, "ports of the embedded Kafka broker, kept across restarts");
    }
    return ports;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The address clients use: {@code localhost:<port>}. */
  public String bootstrapServers() {
    return "localhost:" + port;
  }

  /** Client settings for this broker. */
  public KafkaClients clients() {
    return new KafkaClients(bootstrapServers());
  }

  /** The broker's directory. */
  public Path dir() {
    return dir;
  }

  /** Stops the broker and waits until it has stopped. */
  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }
}
