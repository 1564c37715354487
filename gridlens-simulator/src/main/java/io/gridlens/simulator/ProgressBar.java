package io.gridlens.simulator;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-line textual progress bar, redrawn in place (carriage return) at most five times a second.
 * Thread-safe: {@link #step} may be called from any thread.
 */
final class ProgressBar {

  private static final int WIDTH = 30;
  private static final long REDRAW_MILLIS = 200;

  private final String label;
  private final long total;
  private final PrintStream out;
  private final Clock clock;
  private final long startMillis;
  private final AtomicLong done = new AtomicLong();
  private long lastDrawMillis = Long.MIN_VALUE;

  ProgressBar(String label, long total, PrintStream out, Clock clock) {
    this.label = label;
    this.total = total;
    this.out = out;
    this.clock = clock;
    this.startMillis = clock.millis();
  }

  /** Counts {@code n} more units done and redraws if due. */
  void step(long n) {
    long d = done.addAndGet(n);
    long now = clock.millis();
    synchronized (this) {
      if (now - lastDrawMillis >= REDRAW_MILLIS || d == total) {
        lastDrawMillis = now;
        out.print("\r" + render(label, d, total, (now - startMillis) / 1000.0, WIDTH));
        out.flush();
      }
    }
  }

  /** Draws the final state and ends the line. */
  synchronized void finish() {
    long now = clock.millis();
    out.println("\r" + render(label, done.get(), total, (now - startMillis) / 1000.0, WIDTH));
    out.flush();
  }

  /**
   * The bar's text, e.g. {@code meters [#####---------] 33% 100/300 1.5 s}: {@code width} cells,
   * each full when its share of the total is done (rounded down).
   */
  static String render(String label, long done, long total, double seconds, int width) {
    long t = Math.max(1, total);
    int full = (int) Math.min(width, done * width / t);
    StringBuilder b = new StringBuilder(label.length() + width + 40);
    b.append(label).append(" [");
    for (int i = 0; i < width; i++) {
      b.append(i < full ? '#' : '-');
    }
    b.append("] ")
        .append(String.format(Locale.ROOT, "%3d%%", Math.min(100, done * 100 / t)))
        .append(' ')
        .append(done)
        .append('/')
        .append(total)
        .append(String.format(Locale.ROOT, " %.1f s", seconds));
    return b.toString();
  }
}
