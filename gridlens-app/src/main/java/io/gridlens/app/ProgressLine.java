package io.gridlens.app;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar of a long CLI step on stderr, redrawn in place at most five times a
 * second: {@code history [#########-----------] 45% 4,500/10,000 meters 12.3 s}. Thread-safe.
 */
final class ProgressLine {

  private static final int WIDTH = 24;
  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintStream out;
  private final String label;
  private final long startNanos = System.nanoTime();
  private long lastDraw = startNanos - REDRAW_NANOS;
  private int lastLength;

  ProgressLine(PrintStream out, String label) {
    this.out = out;
    this.label = label;
  }

  /** Redraws when due: {@code done} of {@code total} (0 when unknown) and a free-text detail. */
  synchronized void update(long done, long total, String detail) {
    long now = System.nanoTime();
    if (now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    draw(done, total, detail, false);
  }

  /** Draws the final state and ends the line. */
  synchronized void finish(long done, long total, String detail) {
    draw(done, total, detail, true);
  }

  /** Seconds since the bar was created. */
  double seconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private void draw(long done, long total, String detail, boolean last) {
    String text = render(label, done, total, detail, seconds());
    String pad = " ".repeat(Math.max(0, lastLength - text.length()));
    lastLength = text.length();
    out.print("\r" + text + pad + (last ? System.lineSeparator() : ""));
    out.flush();
  }

  /**
   * The bar's text: {@code WIDTH} cells, each full when its share of the total is done (rounded
   * down); without a total only the detail and time are shown.
   */
  static String render(String label, long done, long total, String detail, double seconds) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-10s", label));
    if (total > 0) {
      long d = Math.min(done, total);
      int full = (int) (d * WIDTH / total);
      b.append('[')
          .append("#".repeat(full))
          .append("-".repeat(WIDTH - full))
          .append(String.format(Locale.ROOT, "] %3d%%  ", d * 100 / total));
    }
    b.append(detail).append(String.format(Locale.ROOT, "  %.1f s", seconds));
    return b.toString();
  }
}
