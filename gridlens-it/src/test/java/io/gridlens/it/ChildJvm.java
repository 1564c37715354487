package io.gridlens.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A Java process started by a test: {@code java <options> -cp <classpath> <main> <args>}, with the
 * test JVM's own Java, its standard output and error in {@code <logs>/<name>.log}. Every started
 * JVM is also registered with a shutdown hook, so none outlives the test JVM even when the test
 * never reaches its cleanup.
 */
final class ChildJvm implements AutoCloseable {

  private static final List<ChildJvm> RUNNING = Collections.synchronizedList(new ArrayList<>());

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  synchronized (RUNNING) {
                    RUNNING.forEach(j -> j.process.destroyForcibly());
                  }
                },
                "gridlens-it-child-jvms"));
  }

  private final String name;
  private final Process process;
  private final Path log;

  private ChildJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * What to start.
   *
   * @param name the process's name in logs and messages (its log file is {@code <name>.log})
   * @param options JVM options (heap, {@code --add-opens}, {@code -D})
   * @param classpath the classpath
   * @param mainAndArgs the main class, then its arguments
   * @param env environment variables to add
   */
  record Spec(
      String name,
      List<String> options,
      String classpath,
      List<String> mainAndArgs,
      Map<String, String> env) {

    Spec {
      Objects.requireNonNull(name, "name");
      options = List.copyOf(options);
      Objects.requireNonNull(classpath, "classpath");
      if (mainAndArgs.isEmpty()) {
        throw new IllegalArgumentException("mainAndArgs must name the main class of " + name);
      }
      mainAndArgs = List.copyOf(mainAndArgs);
      env = Map.copyOf(env);
    }

    Spec(String name, List<String> options, String classpath, List<String> mainAndArgs) {
      this(name, options, classpath, mainAndArgs, Map.of());
    }
  }

  /** Starts a JVM; its output goes to {@code logs/<name>.log} (appended). */
  static ChildJvm start(Spec spec, Path logs) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(spec.options());
    cmd.add("-cp");
    cmd.add(spec.classpath());
    cmd.addAll(spec.mainAndArgs());
    try {
      Files.createDirectories(logs);
      Path log = logs.resolve(spec.name() + ".log");
      Files.writeString(
          log,
          "$ " + String.join(" ", cmd).replace(spec.classpath(), "<classpath>") + "\n",
          StandardCharsets.UTF_8);
      ProcessBuilder b =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      b.environment().putAll(spec.env());
      ChildJvm j = new ChildJvm(spec.name(), b.start(), log);
      RUNNING.add(j);
      return j;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + spec.name(), e);
    }
  }

  String name() {
    return name;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Everything the process wrote so far. */
  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** The last lines of its output, headed with its name and state. */
  String tail(int lines) {
    List<String> all = List.of(output().split("\n", -1));
    return "---- "
        + name
        + (process.isAlive() ? " (running)" : " (exited " + process.exitValue() + ")")
        + ", last "
        + lines
        + " lines of "
        + log
        + "\n"
        + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /** Waits until its output contains {@code text}; fails when it exits or the time is up. */
  void awaitOutput(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!output().contains(text)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited before it printed '" + text + "'\n" + tail(60));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            name + " did not print '" + text + "' within " + timeout + "\n" + tail(60));
      }
      Thread.sleep(200);
    }
  }

  /** Waits until a local TCP port accepts connections; fails when it exits or the time is up. */
  void awaitPort(int port, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited before it opened " + port + "\n" + tail(60));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              name + " did not open port " + port + " within " + timeout + "\n" + tail(60));
        }
        Thread.sleep(200);
      }
    }
  }

  /**
   * Waits for the process to end by itself and returns its exit code.
   *
   * @throws IllegalStateException when it does not end in time (it is then killed)
   */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      close();
      throw new IllegalStateException(name + " did not end within " + timeout + "\n" + tail(80));
    }
    RUNNING.remove(this);
    return process.exitValue();
  }

  /**
   * Waits for the process to end by itself and returns its output.
   *
   * @throws IllegalStateException when it does not end in time (it is then killed) or ends with
   *     another exit code than 0
   */
  String awaitSuccess(Duration timeout) throws InterruptedException {
    if (awaitExit(timeout) != 0) {
      throw new IllegalStateException(
          name + " ended with exit code " + process.exitValue() + "\n" + tail(80));
    }
    return output();
  }

  /** Stops the process: SIGTERM, then SIGKILL after 10 seconds. Idempotent. */
  @Override
  public void close() {
    try {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(10, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      RUNNING.remove(this);
    }
  }

  /** A TCP port free on the loopback address now. */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value of a system property naming a file that must exist, or a clear failure. */
  static Path requiredFile(String property, String howToMakeIt) {
    String p = System.getProperty(property);
    if (p == null || !Files.isRegularFile(Path.of(p))) {
      throw new IllegalStateException(
          "system property "
              + property
              + " must name an existing file, was "
              + p
              + "; "
              + howToMakeIt);
    }
    return Path.of(p);
  }
}
