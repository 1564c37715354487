package io.gridlens.simulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A timing harness (not a test, not JMH) for the fast path: how many clean readings per second the
 * simulator generates into primitive arrays, and writes to a binary file, with T threads.
 *
 * <pre>java -cp ... io.gridlens.simulator.SimulatorSpeed [meters=2000] [days=365] [threads=2]</pre>
 */
public final class SimulatorSpeed {

  private SimulatorSpeed() {}

  public static void main(String[] args) throws Exception {
    int meters = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int days = args.length > 1 ? Integer.parseInt(args[1]) : 365;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    FleetSpec spec = FleetSpec.of(42, meters, LocalDate.of(2025, 1, 1), days);
    Fleet fleet = Fleet.of(spec);
    long perRound = (long) meters * fleet.grid().size();

    for (int round = 0; round < 2; round++) {
      inMemory(fleet, threads); // warm-up
    }
    for (int round = 1; round <= 3; round++) {
      long t0 = System.nanoTime();
      long checksum = inMemory(fleet, threads);
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "in memory, %d threads: %d readings in %.3f s = %.1f M readings/s (checksum %d)%n",
          threads,
          perRound,
          s,
          perRound / s / 1e6,
          checksum);
    }
    Path dir = Files.createTempDirectory("gridlens-sim-speed");
    Path file = dir.resolve("fleet.bin");
    try {
      for (int round = 1; round <= 2; round++) {
        long t0 = System.nanoTime();
        long n = new BinaryFleetWriter(fleet, threads).write(file, m -> {});
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
            Locale.ROOT,
            "binary file, %d threads: %d readings (%d MB) in %.3f s = %.1f M readings/s%n",
            threads,
            n,
            Files.size(file) >> 20,
            s,
            n / s / 1e6);
      }
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  private static long inMemory(Fleet fleet, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      AtomicInteger next = new AtomicInteger();
      AtomicLong checksum = new AtomicLong();
      Future<?>[] jobs = new Future<?>[threads];
      for (int t = 0; t < threads; t++) {
        jobs[t] =
            pool.submit(
                () -> {
                  long[] series = new long[fleet.grid().size()];
                  long sum = 0;
                  for (int m = next.getAndIncrement();
                      m < fleet.size();
                      m = next.getAndIncrement()) {
                    fleet.cleanSeries(m, series);
                    sum += series[m % series.length];
                  }
                  checksum.addAndGet(sum);
                  return null;
                });
      }
      for (Future<?> f : jobs) {
        f.get();
      }
      return checksum.get();
    } finally {
      pool.shutdownNow();
    }
  }
}
