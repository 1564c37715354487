package io.gridlens.app;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Graceful shutdown of a long-running command on SIGTERM or Ctrl-C: a JVM shutdown hook closes what
 * the command has started (components in reverse start order), and the command's main thread waits
 * for it.
 */
final class Shutdown {

  private static final CountDownLatch FOREVER = new CountDownLatch(1);

  private Shutdown() {}

  /**
   * Installs a hook that closes whatever {@code target} holds when the JVM is asked to stop.
   *
   * @return closes the target now and removes the hook (for a command that failed to start)
   */
  static Runnable install(AtomicReference<AutoCloseable> target, PrintStream out) {
    Thread hook =
        new Thread(
            () -> {
              AutoCloseable c = target.getAndSet(null);
              if (c != null) {
                out.println("gridlens: stopping...");
                out.flush();
                closeQuietly(c);
                out.println("gridlens: stopped.");
                out.flush();
              }
            },
            "gridlens-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    return () -> {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        return; // already shutting down: the hook closes it
      }
      AutoCloseable c = target.getAndSet(null);
      if (c != null) {
        closeQuietly(c);
      }
    };
  }

  /** Blocks the calling thread until the JVM exits (the hook does the closing). */
  static void awaitSignal() throws InterruptedException {
    FOREVER.await();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      System.err.println("gridlens: closing failed: " + e);
    }
  }
}
