package io.gridlens.serving;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Cassandra 5.0 server for tests, run as a child JVM from the classpath that module {@code
 * gridlens-cassandra-server} resolves into a file (so its jars never meet ours), with the settings
 * of ../shared/ENGINES.md. Data is throwaway: {@link #close()} kills the process.
 */
final class CassandraServer implements AutoCloseable {

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

  private final Process process;
  private final int nativePort;
  private final Path home;

  private CassandraServer(Process process, int nativePort, Path home) {
    this.process = process;
    this.nativePort = nativePort;
    this.home = home;
  }

  /** The classpath file written by gridlens-cassandra-server, or a clear failure. */
  static Path classpathFile() {
    String p = System.getProperty("gridlens.cassandra.classpath");
    if (p == null || !Files.isRegularFile(Paths.get(p))) {
      throw new IllegalStateException(
          "no Cassandra server classpath file at "
              + p
              + "; build module gridlens-cassandra-server first (mvn -pl"
              + " gridlens-cassandra-server generate-resources)");
    }
    return Paths.get(p);
  }

  /** Starts a server under a directory and waits until its native port accepts connections. */
  static CassandraServer start(Path home, Duration timeout)
      throws IOException, InterruptedException {
    String cp = Files.readString(classpathFile(), StandardCharsets.UTF_8).strip();
    String jamm =
        Arrays.stream(cp.split(java.io.File.pathSeparator))
            .filter(j -> j.contains("jamm-"))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no jamm jar in the Cassandra classpath"));
    int nativePort = freePort();
    int storagePort = freePort();
    Files.createDirectories(home);
    Path yaml = home.resolve("cassandra.yaml");
    Files.writeString(yaml, yaml(home, nativePort, storagePort));
    Path logback = home.resolve("logback.xml");
    Files.writeString(
        logback,
        "<configuration><appender name=\"F\" class=\"ch.qos.logback.core.FileAppender\"><file>"
            + home.resolve("system.log")
            + "</file><encoder><pattern>%d %level %logger{20} %msg%n</pattern></encoder></appender>"
            + "<root level=\"WARN\"><appender-ref ref=\"F\"/></root></configuration>");
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xms256m");
    cmd.add("-Xmx512m");
    for (String e : EXPORTS) {
      cmd.add("--add-exports=" + e + "=ALL-UNNAMED");
    }
    for (String o : OPENS) {
      cmd.add("--add-opens=" + o + "=ALL-UNNAMED");
    }
    cmd.add("-Djdk.attach.allowAttachSelf=true");
    cmd.add("-javaagent:" + jamm);
    cmd.add("-Dcassandra-foreground=yes");
    cmd.add("-Dcassandra.config=" + yaml.toUri());
    cmd.add("-Dcassandra.storagedir=" + home.resolve("data"));
    cmd.add("-Dcassandra.logdir=" + home.resolve("logs"));
    cmd.add("-Dlogback.configurationFile=" + logback);
    cmd.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
    cmd.add("-cp");
    cmd.add(cp);
    cmd.add("org.apache.cassandra.service.CassandraDaemon");
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("stdout.log").toFile())
            .start();
    CassandraServer server = new CassandraServer(p, nativePort, home);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException(
            "Cassandra exited with " + p.exitValue() + "; see " + home.resolve("stdout.log"));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", nativePort), 200);
        return server;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    server.close();
    throw new IllegalStateException(
        "Cassandra did not open port " + nativePort + " in " + timeout + "; see " + home);
  }

  int nativePort() {
    return nativePort;
  }

  InetSocketAddress contactPoint() {
    return new InetSocketAddress("127.0.0.1", nativePort);
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
