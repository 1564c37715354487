package io.gridlens.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gridlens bench [JMH options]}: runs the JMH benchmarks of {@code gridlens-bench} (the
 * core's fold + VEE + insights per reading), or says how to build them; the end-to-end figures come
 * from {@code gridlens demo} (it prints each step's time) and the layers' benchmark mains.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the JMH benchmarks (gridlens-bench/target/benchmarks.jar), passing the arguments on,"
          + " e.g. `gridlens bench -f 1 -wi 2 -i 3`.",
      "End to end: `gridlens demo` prints the time of each step (simulate, ingest, archive, first"
          + " batch) and the time to first answer."
    })
final class BenchCommand implements Callable<Integer> {

  @Option(
      names = "--jar",
      description = "The JMH jar (default: gridlens-bench/target/benchmarks.jar of this checkout).")
  Path jar;

  @Parameters(paramLabel = "JMH-ARGS", description = "Options passed to JMH.")
  List<String> jmhArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Path j = jar != null ? jar : defaultJar();
    if (j == null || !Files.isRegularFile(j)) {
      System.err.println(
          "gridlens bench: no JMH jar"
              + (j == null ? "" : " at " + j)
              + "; build it with\n"
              + "  mvn -B -pl gridlens-bench -am package -DskipTests\n"
              + "then run `./gridlens bench` again (or java -jar gridlens-bench/target/benchmarks.jar)."
              + "\nEnd-to-end figures: ./gridlens demo prints the time of each step.");
      return 1;
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(j.toString());
    cmd.addAll(jmhArgs);
    return new ProcessBuilder(cmd).inheritIO().start().waitFor();
  }

  /** {@code <checkout>/gridlens-bench/target/benchmarks.jar}, from where this jar lives. */
  private static Path defaultJar() {
    try {
      Path self =
          Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // <checkout>/gridlens-app/target/gridlens.jar (or target/classes when run from an IDE)
      for (Path p = self; p != null; p = p.getParent()) {
        Path candidate = p.resolve("gridlens-bench").resolve("target").resolve("benchmarks.jar");
        if (Files.exists(p.resolve("gridlens-bench"))) {
          return candidate;
        }
      }
    } catch (Exception e) {
      return null;
    }
    return null;
  }
}
