package io.gridlens.it;

import io.gridlens.serving.CassandraLaunch;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Cassandra 5.0 server in a JVM of its own, from the classpath that module {@code
 * gridlens-cassandra-server} resolves into a file (its ~100 jars never meet ours), with the JVM
 * options of Cassandra's {@code jvm17-server.options} and the minimal single-node yaml of
 * ../shared/ENGINES.md. Ready when its native port accepts connections; data is throwaway.
 */
final class CassandraNode implements AutoCloseable {

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
    int nativePort = ChildJvm.freePort();
    CassandraLaunch launch =
        CassandraLaunch.prepare(
            home,
            ChildJvm.requiredFile(
                "gridlens.cassandra.classpath",
                "build module gridlens-cassandra-server first (mvn -pl gridlens-cassandra-server"
                    + " generate-resources)"),
            false,
            List.of("-XX:TieredStopAtLevel=1"),
            nativePort,
            ChildJvm.freePort());
    ChildJvm jvm =
        ChildJvm.start(
            new ChildJvm.Spec(
                "cassandra", launch.jvmOptions(), launch.classpath(), List.of(launch.mainClass())),
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
}
