package io.gridlens.it;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Spark 4.1 standalone cluster of one master and one worker, each a JVM of its own, from the
 * Spark artifacts module {@code gridlens-batch-spark} resolves into {@code spark-classpath.txt}: a
 * Spark home whose {@code jars/} links them (as a Spark distribution lays it out), started as its
 * {@code StandaloneClusterIT} does, with the JVM flags of Spark's launcher ({@code
 * JavaModuleOptions.defaultModuleOptionArray()}).
 */
final class SparkCluster implements AutoCloseable {

  private final Path home;
  private final List<String> moduleOptions;
  private final int masterPort;
  private final List<ChildJvm> jvms = new ArrayList<>();

  private SparkCluster(Path home, List<String> moduleOptions, int masterPort) {
    this.home = home;
    this.moduleOptions = moduleOptions;
    this.masterPort = masterPort;
  }

  /** Lays out the Spark home and starts the master, without waiting; see {@link #startWorker}. */
  static SparkCluster launchMaster(Path home, Path logs) throws IOException {
    Path jars = Files.createDirectories(home.resolve("jars"));
    String cp =
        Files.readString(
                ChildJvm.requiredFile(
                    "gridlens.sparkClasspath",
                    "build module gridlens-batch-spark first (its generate-test-resources phase)"),
                StandardCharsets.UTF_8)
            .strip();
    List<URL> urls = new ArrayList<>();
    for (String entry : cp.split(File.pathSeparator)) {
      Path jar = Path.of(entry);
      if (entry.endsWith(".jar") && Files.isRegularFile(jar)) {
        Path link = jars.resolve(jar.getFileName());
        if (!Files.exists(link)) {
          Files.createSymbolicLink(link, jar);
        }
        urls.add(jar.toUri().toURL());
      }
    }
    SparkCluster c = new SparkCluster(home, moduleOptions(urls), ChildJvm.freePort());
    c.jvms.add(
        c.start(
            "spark-master",
            logs,
            "org.apache.spark.deploy.master.Master",
            "--host",
            "127.0.0.1",
            "--port",
            String.valueOf(c.masterPort),
            "--webui-port",
            String.valueOf(ChildJvm.freePort())));
    return c;
  }

  /** Waits for the master, starts a worker of 2 cores and 1 GB, waits until it registered. */
  void startWorker(Path logs, Duration timeout) throws InterruptedException, IOException {
    jvms.get(0).awaitPort(masterPort, timeout);
    ChildJvm worker =
        start(
            "spark-worker",
            logs,
            "org.apache.spark.deploy.worker.Worker",
            "--host",
            "127.0.0.1",
            "--cores",
            "2",
            "--memory",
            "1g",
            "--webui-port",
            String.valueOf(ChildJvm.freePort()),
            "--work-dir",
            Files.createDirectories(home.resolve("work")).toString(),
            masterUrl());
    jvms.add(worker);
    worker.awaitOutput("Successfully registered with master", timeout);
  }

  private ChildJvm start(String name, Path logs, String... mainAndArgs) {
    List<String> options = new ArrayList<>(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
    options.addAll(moduleOptions);
    return ChildJvm.start(
        new ChildJvm.Spec(name, options, jarsGlob(), List.of(mainAndArgs), environment()), logs);
  }

  /** {@code spark://127.0.0.1:<port>}. */
  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** The classpath entry of the Spark home's jars ({@code <home>/jars/*}). */
  String jarsGlob() {
    return home.resolve("jars") + File.separator + "*";
  }

  /** The JVM flags Spark's own launcher gives every Spark JVM. */
  List<String> moduleOptions() {
    return moduleOptions;
  }

  /** The environment of a Spark JVM: the Spark home, loopback only. */
  Map<String, String> environment() {
    return Map.of(
        "SPARK_HOME", home.toString(),
        "SPARK_SCALA_VERSION", "2.13",
        "SPARK_LOCAL_IP", "127.0.0.1");
  }

  List<ChildJvm> jvms() {
    return List.copyOf(jvms);
  }

  @Override
  public void close() {
    for (int i = jvms.size() - 1; i >= 0; i--) {
      jvms.get(i).close();
    }
  }

  /** {@code JavaModuleOptions.defaultModuleOptionArray()} of the Spark jars given. */
  private static List<String> moduleOptions(List<URL> sparkJars) throws IOException {
    try (URLClassLoader spark =
        new URLClassLoader(sparkJars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Object flags =
          spark
              .loadClass("org.apache.spark.launcher.JavaModuleOptions")
              .getMethod("defaultModuleOptionArray")
              .invoke(null);
      return List.of((String[]) flags);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "no org.apache.spark.launcher.JavaModuleOptions in the Spark classpath: " + e, e);
    }
  }
}
