package io.gridlens.serving;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Cassandra 5.0 server for tests, run as a child JVM from the classpath that module {@code
 * gridlens-cassandra-server} resolves into a file (so its jars never meet ours), with the settings
 * of ../shared/ENGINES.md. Data is throwaway: {@link #close()} kills the process.
 */
final class CassandraServer implements AutoCloseable {

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
    int nativePort = freePort();
    CassandraLaunch launch =
        CassandraLaunch.prepare(home, classpathFile(), true, List.of(), nativePort, freePort());
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(launch.jvmOptions());
    cmd.add("-cp");
    cmd.add(launch.classpath());
    cmd.add(launch.mainClass());
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
}
