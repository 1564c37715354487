package io.gridlens.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A real Cassandra 5.0 server in a JVM of its own, from the classpath that module {@code
 * gridlens-cassandra-server} resolves into a file (its ~100 jars never meet ours), with the JVM
 * options of Cassandra's {@code jvm17-server.options} and the minimal single-node yaml of
 * ../shared/ENGINES.md. Ready when its native port accepts connections; data is throwaway.
 */
final class CassandraNode implements AutoCloseable {

  private static final List<String> EXPORTS =
      List.of(
          "java.base/jdk.internal.misc",
          "java.management.rmi/com.sun.jmx.remote.internal.rmi",
          "java.rmi/sun.rmi.registry",
          "java.rmi/sun.rmi.server",
          "java.sql/java.sql",
          "java.base/java.lang.ref",
          "jdk.unsupported/sun.misc",
          "jdk.compiler/com.sun.tools.javac.file",
          "jdk.attach/sun.tools.attach");

  private static final List<String> OPENS =
      List.of(
          "java.base/java.lang.module",
          "java.base/jdk.internal.loader",
          "java.base/jdk.internal.ref",
          "java.base/jdk.internal.reflect",
          "java.base/jdk.internal.math",
          "java.base/jdk.internal.module",
          "java.base/jdk.internal.util.jar",
          "jdk.management/com.sun.management.internal",
          "java.base/sun.nio.ch",
          "java.base/java.io",
          "java.base/java.lang.reflect",
          "jdk.compiler/com.sun.tools.javac",
          "java.base/java.lang",
          "java.base/java.util");

  private final ChildJvm jvm;
  private final int nativePort;

  private CassandraNode(ChildJvm jvm, int nativePort) {
    this.jvm = jvm;
    this.nativePort = nativePort;
  }

  /**
   * Starts the JVM under {@code home} (yaml, data, logback) without waiting; {@link #awaitReady}
   * waits, so the caller can start other processes meanwhile.
   */
  static CassandraNode launch(Path home, Path logs) throws IOException {
    String cp =
        Files.readString(
                ChildJvm.requiredFile(
                    "gridlens.cassandra.classpath",
                    "build module gridlens-cassandra-server first (mvn -pl gridlens-cassandra-server"
                        + " generate-resources)"),
                StandardCharsets.UTF_8)
            .strip();
    String jamm =
        Arrays.stream(cp.split(java.io.File.pathSeparator))
            .filter(j -> j.contains("jamm-"))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no jamm jar in the Cassandra classpath"));
    int nativePort = ChildJvm.freePort();
    int storagePort = ChildJvm.freePort();
    Files.createDirectories(home);
    Path yaml = home.resolve("cassandra.yaml");
    Files.writeString(yaml, yaml(home, nativePort, storagePort));
    Path logback = home.resolve("logback.xml");
    Files.writeString(
        logback,
        "<configuration><appender name=\"O\" class=\"ch.qos.logback.core.ConsoleAppender\">"
            + "<encoder><pattern>%d %level %logger{20} %msg%n</pattern></encoder></appender>"
            + "<root level=\"WARN\"><appender-ref ref=\"O\"/></root></configuration>");
    List<String> options =
        new ArrayList<>(List.of("-Xms256m", "-Xmx512m", "-XX:TieredStopAtLevel=1"));
    EXPORTS.forEach(e -> options.add("--add-exports=" + e + "=ALL-UNNAMED"));
    OPENS.forEach(o -> options.add("--add-opens=" + o + "=ALL-UNNAMED"));
    options.addAll(
        List.of(
            "-Djdk.attach.allowAttachSelf=true",
            "-javaagent:" + jamm,
            "-Dcassandra-foreground=yes",
            "-Dcassandra.config=" + yaml.toUri(),
            "-Dcassandra.storagedir=" + home.resolve("data"),
            "-Dcassandra.logdir=" + home.resolve("logs"),
            "-Dlogback.configurationFile=" + logback,
            "-Dcassandra.skip_wait_for_gossip_to_settle=0"));
    ChildJvm jvm =
        ChildJvm.start(
            new ChildJvm.Spec(
                "cassandra", options, cp, List.of("org.apache.cassandra.service.CassandraDaemon")),
            logs);
    return new CassandraNode(jvm, nativePort);
  }

  /** Waits until the native port accepts connections. */
  CassandraNode awaitReady(Duration timeout) throws InterruptedException {
    jvm.awaitPort(nativePort, timeout);
    return this;
  }

  /** {@code 127.0.0.1:<native port>}, as {@code cassandra.contact-points} takes it. */
  String contactPoint() {
    return "127.0.0.1:" + nativePort;
  }

  InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", nativePort);
  }

  ChildJvm jvm() {
    return jvm;
  }

  /** Kills the server (SIGTERM drains for seconds; the data is throwaway). */
  @Override
  public void close() {
    jvm.close();
  }

  private static String yaml(Path home, int nativePort, int storagePort) {
    return String.join(
        "\n",
        "cluster_name: gridlens-it",
        "num_tokens: 1",
        "initial_token: 0",
        "partitioner: org.apache.cassandra.dht.Murmur3Partitioner",
        "data_file_directories: [" + home.resolve("data/data") + "]",
        "commitlog_directory: " + home.resolve("data/commitlog"),
        "saved_caches_directory: " + home.resolve("data/saved_caches"),
        "hints_directory: " + home.resolve("data/hints"),
        "cdc_raw_directory: " + home.resolve("data/cdc_raw"),
        "commitlog_sync: periodic",
        "commitlog_sync_period: 10000ms",
        "seed_provider:",
        "  - class_name: org.apache.cassandra.locator.SimpleSeedProvider",
        "    parameters:",
        "      - seeds: \"127.0.0.1:" + storagePort + "\"",
        "listen_address: 127.0.0.1",
        "rpc_address: 127.0.0.1",
        "storage_port: " + storagePort,
        "native_transport_port: " + nativePort,
        "endpoint_snitch: SimpleSnitch",
        "memtable_heap_space: 64MiB",
        "concurrent_compactors: 1",
        "auto_snapshot: false",
        "");
  }
}
