package io.gridlens.serving;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How to start a throwaway single-node Cassandra 5.0 server in a JVM of its own, from the classpath
 * file gridlens-cassandra-server writes: the node's files under a home directory (cassandra.yaml,
 * logback.xml), free ports, and the JVM options, classpath and main class of ../shared/ENGINES.md.
 * {@link CassandraServer} (serving's tests) and the whole-pipeline test of gridlens-it start it
 * their own way from this.
 *
 * @param jvmOptions the options before the classpath
 * @param classpath the server's classpath
 * @param mainClass the server's main class
 * @param nativePort the CQL port
 */
public record CassandraLaunch(
    List<String> jvmOptions, String classpath, String mainClass, int nativePort) {

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

  public CassandraLaunch {
    jvmOptions = List.copyOf(jvmOptions);
  }

  /**
   * Writes a node's files under {@code home} and returns how to start it.
   *
   * @param classpathFile the file gridlens-cassandra-server wrote
   * @param logToFile true to log to {@code home/system.log}, false to standard output
   * @param extraOptions JVM options added after the heap size (e.g. {@code
   *     -XX:TieredStopAtLevel=1})
   * @param nativePort a free port for CQL
   * @param storagePort a free port for the storage protocol
   */
  public static CassandraLaunch prepare(
      Path home,
      Path classpathFile,
      boolean logToFile,
      List<String> extraOptions,
      int nativePort,
      int storagePort)
      throws IOException {
    String cp = Files.readString(classpathFile, StandardCharsets.UTF_8).strip();
    String jamm =
        Arrays.stream(cp.split(java.io.File.pathSeparator))
            .filter(j -> j.contains("jamm-"))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no jamm jar in the Cassandra classpath"));
    Files.createDirectories(home);
    Path yaml = home.resolve("cassandra.yaml");
    Files.writeString(yaml, yaml(home, nativePort, storagePort));
    Path logback = home.resolve("logback.xml");
    String appender =
        logToFile
            ? "<appender name=\"A\" class=\"ch.qos.logback.core.FileAppender\"><file>"
                + home.resolve("system.log")
                + "</file>"
            : "<appender name=\"A\" class=\"ch.qos.logback.core.ConsoleAppender\">";
    Files.writeString(
        logback,
        "<configuration>"
            + appender
            + "<encoder><pattern>%d %level %logger{20} %msg%n</pattern></encoder></appender>"
            + "<root level=\"WARN\"><appender-ref ref=\"A\"/></root></configuration>");
    List<String> options = new ArrayList<>(List.of("-Xms256m", "-Xmx512m"));
    options.addAll(extraOptions);
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
    return new CassandraLaunch(
        options, cp, "org.apache.cassandra.service.CassandraDaemon", nativePort);
  }

  private static String yaml(Path home, int nativePort, int storagePort) {
    return String.join(
        "\n",
        "cluster_name: gridlens-test",
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
