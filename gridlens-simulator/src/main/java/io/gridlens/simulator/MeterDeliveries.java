package io.gridlens.simulator;

import io.gridlens.core.Quality;
import io.gridlens.core.ValueKind;

/**
 * The readings one meter delivers over the window, in delivery order, as primitive columns: when
 * delivered (epoch minute), which interval, what value, what quality. Immutable once built.
 */
final class MeterDeliveries {

  final int meterIndex;
  final ValueKind kind;
  final int size;
  final int[] deliveryMinute;
  final int[] interval;
  final long[] value;
  final byte[] quality;

  private MeterDeliveries(
      int meterIndex,
      ValueKind kind,
      int size,
      int[] deliveryMinute,
      int[] interval,
      long[] value,
      byte[] quality) {
    this.meterIndex = meterIndex;
    this.kind = kind;
    this.size = size;
    this.deliveryMinute = deliveryMinute;
    this.interval = interval;
    this.value = value;
    this.quality = quality;
  }

  Quality quality(int k) {
    return Quality.ofCode(quality[k]);
  }

  /** Collects deliveries in generation order; {@link #build()} sorts them into delivery order. */
  static final class Builder {
    private final int meterIndex;
    private final ValueKind kind;
    private int size;
    private int[] minute;
    private int[] interval;
    private long[] value;
    private byte[] quality;

    Builder(int meterIndex, ValueKind kind, int capacity) {
      this.meterIndex = meterIndex;
      this.kind = kind;
      int c = Math.max(16, capacity);
      minute = new int[c];
      interval = new int[c];
      value = new long[c];
      quality = new byte[c];
    }

    int size() {
      return size;
    }

    void add(int deliveryMinute, int i, long v, Quality q) {
      if (size == minute.length) {
        int c = size * 3 / 2 + 1;
        minute = java.util.Arrays.copyOf(minute, c);
        interval = java.util.Arrays.copyOf(interval, c);
        value = java.util.Arrays.copyOf(value, c);
        quality = java.util.Arrays.copyOf(quality, c);
      }
      minute[size] = deliveryMinute;
      interval[size] = i;
      value[size] = v;
      quality[size] = (byte) q.code();
      size++;
    }

    /** Swaps entries {@code a} and {@code b} (to shuffle a batch). */
    void swap(int a, int b) {
      int m = minute[a];
      minute[a] = minute[b];
      minute[b] = m;
      int i = interval[a];
      interval[a] = interval[b];
      interval[b] = i;
      long v = value[a];
      value[a] = value[b];
      value[b] = v;
      byte q = quality[a];
      quality[a] = quality[b];
      quality[b] = q;
    }

    /** The deliveries sorted by delivery minute, ties in the order they were added. */
    MeterDeliveries build() {
      int base = Integer.MAX_VALUE;
      for (int k = 0; k < size; k++) {
        base = Math.min(base, minute[k]);
      }
      long[] keys = new long[size];
      for (int k = 0; k < size; k++) {
        keys[k] = ((long) (minute[k] - base) << 32) | k;
      }
      java.util.Arrays.sort(keys);
      int[] m = new int[size];
      int[] in = new int[size];
      long[] v = new long[size];
      byte[] q = new byte[size];
      for (int k = 0; k < size; k++) {
        int from = (int) keys[k];
        m[k] = minute[from];
        in[k] = interval[from];
        v[k] = value[from];
        q[k] = quality[from];
      }
      return new MeterDeliveries(meterIndex, kind, size, m, in, v, q);
    }
  }
}
