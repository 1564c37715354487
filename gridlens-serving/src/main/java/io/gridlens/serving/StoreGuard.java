package io.gridlens.serving;

import io.gridlens.core.view.ViewPointer;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The rules every view store of this package enforces the same way: calls after {@code close()} are
 * refused and closing waits for calls in progress; batch version numbers are in range; a published
 * (current or previous) version is never written or dropped.
 *
 * <p>One instance per store (it holds the store's open/closed state); the version rules are static.
 * Thread-safe.
 */
final class StoreGuard {

  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private final String store;
  private boolean closed;

  /**
   * A guard for one store.
   *
   * @param store how messages name the store, e.g. {@code the view store in /data/views}
   */
  StoreGuard(String store) {
    this.store = store;
  }

  /**
   * Enters a call: the returned lock is held until the caller unlocks it, and keeps {@link #close}
   * waiting meanwhile.
   *
   * @throws IllegalStateException when the store is closed
   */
  Lock enter() {
    Lock r = lifecycle.readLock();
    r.lock();
    if (closed) {
      r.unlock();
      throw new IllegalStateException(store + " is closed");
    }
    return r;
  }

  /** Runs a call between {@link #enter()} and its unlock. */
  <T> T call(Supplier<T> body) {
    Lock l = enter();
    try {
      return body.get();
    } finally {
      l.unlock();
    }
  }

  /** Runs a call that returns nothing between {@link #enter()} and its unlock. */
  void run(Runnable body) {
    Lock l = enter();
    try {
      body.run();
    } finally {
      l.unlock();
    }
  }

  /**
   * Closes once: waits for calls in progress, then runs {@code release} (only on the first call).
   */
  void close(Runnable release) {
    ReentrantReadWriteLock.WriteLock w = lifecycle.writeLock();
    w.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      release.run();
    } finally {
      w.unlock();
    }
  }

  /**
   * Checks a batch version number: {@code 1 .. Long.MAX_VALUE - 1} (the key range of a version ends
   * where the next number's begins).
   */
  static void checkVersion(long version) {
    if (version < 1 || version == Long.MAX_VALUE) {
      throw new IllegalArgumentException(
          "batch version must be in 1.." + (Long.MAX_VALUE - 1) + ", was " + version);
    }
  }

  /** Refuses to write rows or summaries of a version the pointer pins. */
  static void checkUnpublished(ViewPointer pointer, long version) {
    if (pointer != null && pointer.pins(version)) {
      throw new IllegalStateException(
          "batch version "
              + version
              + " is published ("
              + role(pointer, version)
              + "); its rows never change: load a new version instead");
    }
  }

  /** Refuses to drop a version the pointer pins. */
  static void checkDroppable(ViewPointer pointer, long version) {
    if (pointer != null && pointer.pins(version)) {
      throw new IllegalStateException(
          "cannot drop batch version "
              + version
              + ": it is the "
              + role(pointer, version)
              + " published version; publish a newer one first");
    }
  }

  /** The bytes of a buffer, copied (the buffer's position is left alone). */
  static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  private static String role(ViewPointer p, long version) {
    return p.current().number() == version ? "current" : "previous";
  }
}
