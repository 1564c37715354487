package io.gridlens.batch.spark;

import io.gridlens.batch.ReadingSink;
import io.gridlens.batch.SeriesKey;
import io.gridlens.core.Channel;
import io.gridlens.core.IngestPosition;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * The compact hand-off of a scan from the executors to the driver: the sorted rows of one Spark
 * partition packed into blocks, each holding up to {@code maxReadings} consecutive readings of one
 * series, so the driver receives one byte array per block instead of one row object per reading.
 *
 * <p>Block layout: meter id (2-byte length, UTF-8), channel ordinal (1 byte), reading count (4
 * bytes), then per reading: interval start minus the previous one (zig-zag varint, the first from
 * 0), interval minutes (1 byte), register flag (1 byte), quality code (1 byte), wh (zig-zag
 * varint), packed position minus the previous one (zig-zag varint). A half-hourly reading of a few
 * hundred Wh takes 8 bytes.
 *
 * <p>Example: meter {@code "m1"}, IMPORT, readings (start 1800, 30 min, interval, 120 Wh, quality
 * 0, position 5) and (3600, 30, interval, 80 Wh, 0, 6): header 2+2+1+4 = 9 bytes, then {@code
 * zz(1800)=3600} (2 varint bytes), 30, 0, 0, {@code zz(120)=240} (2 bytes), {@code zz(5)=10} (1
 * byte) = 8 bytes, then {@code zz(1800)} (2), 30, 0, 0, {@code zz(80)=160} (2), {@code zz(1)=2} (1)
 * = 8 bytes: 25 bytes in all.
 */
final class SeriesBlocks {

  private SeriesBlocks() {}

  /**
   * Packs a partition's rows, sorted by (meter id, channel, interval start, position), into blocks.
   * Rows: meter_id, channel, interval_start, interval_minutes, register, wh, quality,
   * log_partition, log_offset. Runs in the executors.
   */
  static final class Encode implements MapPartitionsFunction<Row, byte[]> {
    private static final long serialVersionUID = 1L;
    private final int maxReadings;

    Encode(int maxReadings) {
      if (maxReadings < 1) {
        throw new IllegalArgumentException("maxReadings must be >= 1, was " + maxReadings);
      }
      this.maxReadings = maxReadings;
    }

    @Override
    public Iterator<byte[]> call(Iterator<Row> rows) {
      return new Iterator<>() {
        private Row pending = rows.hasNext() ? rows.next() : null;

        @Override
        public boolean hasNext() {
          return pending != null;
        }

        @Override
        public byte[] next() {
          if (pending == null) {
            throw new NoSuchElementException();
          }
          String meter = pending.getString(0);
          String channel = pending.getString(1);
          Writer w = new Writer(meter, Channel.valueOf(channel));
          int n = 0;
          do {
            Row r = pending;
            w.reading(
                r.getLong(2),
                r.getInt(3),
                r.getBoolean(4),
                r.getLong(5),
                (byte) r.getInt(6),
                position(meter, r.getInt(7), r.getLong(8)));
            n++;
            pending = rows.hasNext() ? rows.next() : null;
          } while (pending != null
              && n < maxReadings
              && pending.getString(0).equals(meter)
              && pending.getString(1).equals(channel));
          return w.finish();
        }
      };
    }
  }

  /** The packed ingest position, checked like the embedded engine checks it. */
  static long position(String meter, int partition, long offset) {
    if (partition < 0
        || partition > IngestPosition.MAX_PARTITION
        || offset < 0
        || offset > IngestPosition.MAX_OFFSET) {
      throw new IllegalStateException(
          "master dataset row of "
              + meter
              + " has an invalid position "
              + partition
              + "@"
              + offset);
    }
    return ((long) partition << 47) | offset;
  }

  /** Builds one block. */
  static final class Writer {
    private byte[] buf = new byte[256];
    private int len;
    private int count;
    private final int countAt;
    private long lastStart;
    private long lastPosition;

    Writer(String meterId, Channel channel) {
      byte[] id = meterId.getBytes(StandardCharsets.UTF_8);
      if (id.length > 0xFFFF) {
        throw new IllegalArgumentException("meter id longer than 65535 bytes: " + meterId);
      }
      ensure(id.length + 7);
      buf[len++] = (byte) (id.length >>> 8);
      buf[len++] = (byte) id.length;
      System.arraycopy(id, 0, buf, len, id.length);
      len += id.length;
      buf[len++] = (byte) channel.ordinal();
      countAt = len;
      len += 4;
    }

    void reading(long start, int minutes, boolean register, long wh, byte quality, long position) {
      ensure(3 * 10 + 3);
      varlong(zigzag(start - lastStart));
      buf[len++] = (byte) minutes;
      buf[len++] = (byte) (register ? 1 : 0);
      buf[len++] = quality;
      varlong(zigzag(wh));
      varlong(zigzag(position - lastPosition));
      lastStart = start;
      lastPosition = position;
      count++;
    }

    byte[] finish() {
      buf[countAt] = (byte) (count >>> 24);
      buf[countAt + 1] = (byte) (count >>> 16);
      buf[countAt + 2] = (byte) (count >>> 8);
      buf[countAt + 3] = (byte) count;
      return Arrays.copyOf(buf, len);
    }

    private void varlong(long v) {
      while ((v & ~0x7FL) != 0) {
        buf[len++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[len++] = (byte) v;
    }

    private void ensure(int more) {
      if (len + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
      }
    }

    private static long zigzag(long v) {
      return (v << 1) ^ (v >> 63);
    }
  }

  /**
   * Replays blocks into a sink on the driver, in order: a block of the series already open goes on
   * with it; a block of another series ends the open one and starts its own. Not thread-safe.
   */
  static final class Replay {
    private final ReadingSink sink;
    private String meter;
    private Channel channel;
    private int at;
    private byte[] b;
    long readings;

    Replay(ReadingSink sink) {
      this.sink = sink;
    }

    void block(byte[] block) {
      b = block;
      at = 0;
      int idLen = ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
      at += 2;
      String m = new String(b, at, idLen, StandardCharsets.UTF_8);
      at += idLen;
      Channel c = Channel.values()[b[at++]];
      int count =
          ((b[at] & 0xFF) << 24)
              | ((b[at + 1] & 0xFF) << 16)
              | ((b[at + 2] & 0xFF) << 8)
              | (b[at + 3] & 0xFF);
      at += 4;
      if (!m.equals(meter) || c != channel) {
        if (meter != null) {
          sink.endSeries();
        }
        meter = m;
        channel = c;
        sink.startSeries(new SeriesKey(m, c));
      }
      long start = 0;
      long position = 0;
      for (int i = 0; i < count; i++) {
        start += unzigzag(varlong());
        int minutes = b[at++] & 0xFF;
        boolean register = b[at++] != 0;
        byte quality = b[at++];
        long wh = unzigzag(varlong());
        position += unzigzag(varlong());
        sink.reading(start, minutes, register, wh, quality, position);
      }
      readings += count;
    }

    /** Ends the open series, if any. */
    void finish() {
      if (meter != null) {
        sink.endSeries();
        meter = null;
        channel = null;
      }
    }

    private long varlong() {
      long v = 0;
      int shift = 0;
      while (true) {
        byte x = b[at++];
        v |= (long) (x & 0x7F) << shift;
        if (x >= 0) {
          return v;
        }
        shift += 7;
      }
    }

    private static long unzigzag(long v) {
      return (v >>> 1) ^ -(v & 1);
    }
  }
}
