package io.gridlens.simulator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Writes a fleet's true interval energies to a compact binary file, straight from primitive arrays,
 * in parallel: the fast path for benchmarks.
 *
 * <p>Format (little-endian): a 16-byte header {@code "GLSB"}, version (int 1), interval minutes
 * (int), intervals per meter (int); then one 12-byte record per interval, meter-major,
 * time-ordered: meter index (int), interval start in minutes since the epoch (int), energy in Wh
 * (int). Meter {@code m}'s records start at byte {@code 16 + m × intervals × 12}, so threads write
 * their meters in place and the file is the same whatever the thread count.
 */
public final class BinaryFleetWriter {

  /** Magic number at the start of the file: "GLSB" read as a little-endian int. */
  public static final int MAGIC = 0x42534C47;

  /** Format version. */
  public static final int VERSION = 1;

  /** Header length in bytes. */
  public static final int HEADER_BYTES = 16;

  /** Record length in bytes. */
  public static final int RECORD_BYTES = 12;

  private final Fleet fleet;
  private final int threads;

  /**
   * A writer of a fleet using a number of threads.
   *
   * @param threads worker threads, at least 1
   */
  public BinaryFleetWriter(Fleet fleet, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    this.fleet = fleet;
    this.threads = threads;
  }

  /**
   * Writes every meter's series to {@code file} (replaced if present).
   *
   * @param onMeterWritten called from worker threads with each meter index written
   * @return the number of records written
   */
  public long write(Path file, IntConsumer onMeterWritten) throws IOException {
    int meters = fleet.size();
    int n = fleet.grid().size();
    long records = (long) meters * n;
    try (FileChannel ch =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      header.putInt(MAGIC).putInt(VERSION).putInt(fleet.spec().intervalMinutes()).putInt(n);
      header.flip();
      writeFully(ch, header, 0);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> jobs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          jobs.add(
              pool.submit(
                  () -> {
                    long[] series = new long[n];
                    ByteBuffer buf =
                        ByteBuffer.allocateDirect(n * RECORD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                    for (int m = next.getAndIncrement(); m < meters; m = next.getAndIncrement()) {
                      fleet.cleanSeries(m, series);
                      buf.clear();
                      IntervalGrid grid = fleet.grid();
                      for (int i = 0; i < n; i++) {
                        buf.putInt(m).putInt(grid.epochMinute(i)).putInt((int) series[i]);
                      }
                      buf.flip();
                      writeFully(ch, buf, HEADER_BYTES + (long) m * n * RECORD_BYTES);
                      onMeterWritten.accept(m);
                    }
                    return null;
                  }));
        }
        for (Future<?> f : jobs) {
          f.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while writing " + file, e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IOException("writing " + file + " failed: " + e.getCause(), e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }
    return records;
  }

  private static void writeFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    long p = position;
    while (buf.hasRemaining()) {
      p += ch.write(buf, p);
    }
  }
}
