package io.gridlens.core.codec;

import io.gridlens.core.Channel;
import io.gridlens.core.IngestPosition;
import io.gridlens.core.Quality;
import io.gridlens.core.Reading;
import io.gridlens.core.ValueKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The binary value of one record of the {@code readings} topic: many readings of one meter and one
 * channel, of one kind and interval length, from one source. The meter id is the record's key and
 * is not repeated in the value.
 *
 * <p>Layout (version 1), all integers as varints ({@link VarInts}), "zz" meaning ZigZag:
 *
 * <pre>
 *   version      1 byte, 0x01
 *   flags        1 byte: 0x01 channel EXPORT, 0x02 kind REGISTER, 0x04 quality bytes present
 *                (else every reading is ACTUAL), 0x08 start deltas count intervals (else seconds)
 *   minutes      varint: interval length, 5 | 10 | 15 | 30 | 60
 *   source       varint length, then that many bytes of UTF-8
 *   count        varint, at least 1
 *   base         zz varint: interval start of reading 0, epoch seconds
 *   count times: [zz varint: start minus previous start, in steps]   (not for reading 0)
 *                zz varint: wh minus previous wh (previous of reading 0: 0)
 *                [1 byte: quality code]                              (when flag 0x04)
 * </pre>
 *
 * <p>Why this shape: per-record overhead dominates Kafka at ~100 bytes a record, so a record
 * carries a run of one meter's readings; consecutive intervals cost one byte of start delta, and
 * both interval energies and register indexes change little from one interval to the next, so the
 * value delta is one or two bytes. A typical half-hourly reading costs 2–3 bytes. Decoding is a few
 * varint reads per reading into primitive columns ({@link Batch}), without allocation.
 *
 * <p>The order of the readings is kept: it is the order in which the sender sent them, which the
 * ingest service relies on (see {@code gridlens-ingest}'s {@code IngestService}). Stateless and
 * thread-safe; a {@link Batch} is not.
 */
public final class ReadingBatchCodec {

  /** The format version this build writes and reads. */
  public static final byte VERSION = 1;

  static final int FLAG_EXPORT = 0x01;
  static final int FLAG_REGISTER = 0x02;
  static final int FLAG_QUALITY = 0x04;
  static final int FLAG_INTERVAL_STEPS = 0x08;
  private static final int KNOWN_FLAGS = 0x0F;

  /** Longest source name, in UTF-8 bytes. */
  public static final int MAX_SOURCE_BYTES = 255;

  private ReadingBatchCodec() {}

  /**
   * Encodes a batch.
   *
   * @throws IllegalArgumentException when the batch is empty
   */
  public static byte[] encode(Batch batch) {
    int n = batch.size;
    if (n == 0) {
      throw new IllegalArgumentException("cannot encode an empty batch; add a reading first");
    }
    long step = batch.intervalMinutes * 60L;
    boolean intervalSteps = true;
    boolean qualities = false;
    long base = batch.start[0];
    for (int i = 0; i < n; i++) {
      if ((batch.start[i] - base) % step != 0) {
        intervalSteps = false;
      }
      if (batch.quality[i] != 0) {
        qualities = true;
      }
    }
    if (!intervalSteps) {
      step = 1;
    }
    byte[] source = batch.sourceBytes;
    int bound =
        2
            + VarInts.MAX_LONG_BYTES * 3
            + source.length
            + n * (2 * VarInts.MAX_LONG_BYTES + (qualities ? 1 : 0));
    ByteBuffer out = ByteBuffer.allocate(bound);
    int flags =
        (batch.channel == Channel.EXPORT ? FLAG_EXPORT : 0)
            | (batch.kind == ValueKind.REGISTER ? FLAG_REGISTER : 0)
            | (qualities ? FLAG_QUALITY : 0)
            | (intervalSteps ? FLAG_INTERVAL_STEPS : 0);
    out.put(VERSION).put((byte) flags);
    VarInts.write(out, batch.intervalMinutes);
    VarInts.write(out, source.length);
    out.put(source);
    VarInts.write(out, n);
    VarInts.writeSigned(out, base);
    long previousStart = base;
    long previousWh = 0;
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        VarInts.writeSigned(out, (batch.start[i] - previousStart) / step);
        previousStart = batch.start[i];
      }
      VarInts.writeSigned(out, batch.wh[i] - previousWh);
      previousWh = batch.wh[i];
      if (qualities) {
        out.put(batch.quality[i]);
      }
    }
    return Arrays.copyOf(out.array(), out.position());
  }

  /**
   * Encodes readings of one meter, channel, kind, interval length and source, in their order.
   *
   * @throws IllegalArgumentException when the list is empty, the readings differ in meter, channel,
   *     kind, interval length or source, or a start has a fraction of a second
   */
  public static byte[] encode(List<Reading> readings) {
    if (readings.isEmpty()) {
      throw new IllegalArgumentException("cannot encode no readings; pass at least one");
    }
    Reading first = readings.get(0);
    Batch batch =
        new Batch(readings.size())
            .reset(first.channel(), first.kind(), first.intervalMinutes(), first.source());
    for (Reading r : readings) {
      if (!r.meterId().equals(first.meterId())
          || r.channel() != first.channel()
          || r.kind() != first.kind()
          || r.intervalMinutes() != first.intervalMinutes()
          || !r.source().equals(first.source())) {
        throw new IllegalArgumentException(
            "a batch holds readings of one meter, channel, kind, interval length and source; "
                + r
                + " differs from the first, "
                + first);
      }
      batch.add(r);
    }
    return encode(batch);
  }

  /**
   * Decodes a record value into a batch, replacing its content.
   *
   * @param value the record value, from its position to its limit; the position is advanced to the
   *     end of the batch
   * @return {@code into}
   * @throws CodecException naming the offset when the value is truncated, corrupt or of another
   *     format version
   */
  public static Batch decode(ByteBuffer value, Batch into) {
    int start = value.position();
    if (!value.hasRemaining()) {
      throw new CodecException(0, "empty record: expected a reading batch of version " + VERSION);
    }
    byte version = value.get();
    if (version != VERSION) {
      throw new CodecException(
          0,
          "reading batch of format version "
              + version
              + "; this build reads version "
              + VERSION
              + " (a newer writer? upgrade the reader)");
    }
    if (!value.hasRemaining()) {
      throw VarInts.truncated(value, start, value.position(), "flags", -1);
    }
    int flags = value.get() & 0xFF;
    if ((flags & ~KNOWN_FLAGS) != 0) {
      throw new CodecException(
          1, "corrupt record at offset 1: unknown flags 0x" + Integer.toHexString(flags));
    }
    int minutesAt = value.position() - start;
    int minutes = VarInts.readInt(value, start, "interval minutes", 60);
    if (!Reading.INTERVAL_MINUTES.contains(minutes)) {
      throw new CodecException(
          minutesAt,
          "corrupt record at offset "
              + minutesAt
              + ": interval minutes must be one of 5, 10, 15, 30, 60, found "
              + minutes);
    }
    int sourceLength = VarInts.readInt(value, start, "source length", MAX_SOURCE_BYTES);
    if (value.remaining() < sourceLength) {
      throw VarInts.truncated(value, start, value.position(), "source", -1);
    }
    into.readSource(value, sourceLength);
    int countAt = value.position() - start;
    int count = VarInts.readInt(value, start, "count", Integer.MAX_VALUE);
    if (count == 0 || count > value.remaining()) {
      // Every reading takes at least one byte: a larger count is corruption, not a big batch.
      throw new CodecException(
          countAt,
          "corrupt record at offset "
              + countAt
              + ": count "
              + count
              + " with "
              + value.remaining()
              + " bytes left");
    }
    into.channel = (flags & FLAG_EXPORT) != 0 ? Channel.EXPORT : Channel.IMPORT;
    into.kind = (flags & FLAG_REGISTER) != 0 ? ValueKind.REGISTER : ValueKind.INTERVAL;
    into.intervalMinutes = minutes;
    into.size = 0;
    into.ensureCapacity(count);
    boolean qualities = (flags & FLAG_QUALITY) != 0;
    long step = (flags & FLAG_INTERVAL_STEPS) != 0 ? minutes * 60L : 1L;
    long startSecond = VarInts.readSigned(value, start, "base start", -1);
    long wh = 0;
    long[] starts = into.start;
    long[] whs = into.wh;
    byte[] quality = into.quality;
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        startSecond += VarInts.readSigned(value, start, "start delta", i) * step;
      }
      wh += VarInts.readSigned(value, start, "wh delta", i);
      starts[i] = startSecond;
      whs[i] = wh;
      if (qualities) {
        if (!value.hasRemaining()) {
          throw VarInts.truncated(value, start, value.position(), "quality", i);
        }
        int at = value.position() - start;
        byte q = value.get();
        if (q < 0 || q > Quality.ESTIMATED.code()) {
          throw new CodecException(
              at,
              "corrupt record at offset "
                  + at
                  + ": quality code of reading "
                  + i
                  + " must be 0..2 (ACTUAL, EDITED, ESTIMATED), found "
                  + q);
        }
        quality[i] = q;
      } else {
        quality[i] = 0;
      }
    }
    into.size = count;
    return into;
  }

  /** Decodes a record value into a new batch. */
  public static Batch decode(byte[] value) {
    return decode(ByteBuffer.wrap(value), new Batch(16));
  }

  /**
   * The readings of one record as columns: a reusable, growable holder that the ingest service
   * fills and encodes, and that consumers decode into without allocating per reading.
   *
   * <p>Not thread-safe.
   */
  public static final class Batch {

    private Channel channel = Channel.IMPORT;
    private ValueKind kind = ValueKind.INTERVAL;
    private int intervalMinutes = 30;
    private String source = "";
    private byte[] sourceBytes = new byte[0];
    private int size;
    private long[] start;
    private long[] wh;
    private byte[] quality;

    /** An empty batch with room for {@code capacity} readings before it grows. */
    public Batch(int capacity) {
      int c = Math.max(1, capacity);
      start = new long[c];
      wh = new long[c];
      quality = new byte[c];
    }

    /**
     * Empties the batch and sets what its readings share.
     *
     * @throws IllegalArgumentException on an unknown interval length or a source longer than
     *     {@value #MAX_SOURCE_BYTES} bytes
     */
    public Batch reset(Channel channel, ValueKind kind, int intervalMinutes, String source) {
      Reading.checkIntervalMinutes(intervalMinutes);
      this.channel = Objects.requireNonNull(channel, "channel");
      this.kind = Objects.requireNonNull(kind, "kind");
      this.intervalMinutes = intervalMinutes;
      if (!Objects.requireNonNull(source, "source").equals(this.source)) {
        byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_SOURCE_BYTES) {
          throw new IllegalArgumentException(
              "source must be at most " + MAX_SOURCE_BYTES + " bytes of UTF-8, was " + source);
        }
        this.source = source;
        this.sourceBytes = bytes;
      }
      size = 0;
      return this;
    }

    /**
     * Appends a reading's start, value and quality.
     *
     * @param startEpochSecond interval start, epoch seconds
     * @param qualityCode {@link Quality#code()} of ACTUAL, EDITED or ESTIMATED
     */
    public Batch add(long startEpochSecond, long wh, int qualityCode) {
      if (qualityCode < 0 || qualityCode > Quality.ESTIMATED.code()) {
        throw new IllegalArgumentException(
            "quality code must be 0..2 (ACTUAL, EDITED, ESTIMATED), was " + qualityCode);
      }
      ensureCapacity(size + 1);
      start[size] = startEpochSecond;
      this.wh[size] = wh;
      quality[size] = (byte) qualityCode;
      size++;
      return this;
    }

    /**
     * Appends a reading; its meter, channel, kind, length and source are the caller's business.
     *
     * @throws IllegalArgumentException when its start has a fraction of a second
     */
    public Batch add(Reading r) {
      Instant s = r.intervalStart();
      if (s.getNano() != 0) {
        throw new IllegalArgumentException(
            "interval start " + s + " has a fraction of a second; starts are whole seconds");
      }
      return add(s.getEpochSecond(), r.wh(), r.quality().code());
    }

    public Channel channel() {
      return channel;
    }

    public ValueKind kind() {
      return kind;
    }

    public int intervalMinutes() {
      return intervalMinutes;
    }

    public String source() {
      return source;
    }

    /** Number of readings. */
    public int size() {
      return size;
    }

    /** Interval start of reading {@code i}, epoch seconds. */
    public long startEpochSecond(int i) {
      checkIndex(i);
      return start[i];
    }

    /** Value of reading {@code i}, Wh. */
    public long wh(int i) {
      checkIndex(i);
      return wh[i];
    }

    /** Quality code of reading {@code i} ({@link Quality#ofCode}). */
    public int qualityCode(int i) {
      checkIndex(i);
      return quality[i];
    }

    /** Reading {@code i} as a {@link Reading}, of a meter, logged at a position at a time. */
    public Reading reading(int i, String meterId, IngestPosition at, Instant ingestTime) {
      checkIndex(i);
      Reading r =
          new Reading(
              meterId,
              channel,
              Instant.ofEpochSecond(start[i]),
              intervalMinutes,
              kind,
              wh[i],
              Quality.ofCode(quality[i]),
              source,
              null,
              null);
      return at == null ? r : r.ingested(at, ingestTime);
    }

    /**
     * The readings as {@link Reading}s, in order, all at the record's position (null when not yet
     * logged).
     */
    public List<Reading> readings(String meterId, IngestPosition at, Instant ingestTime) {
      List<Reading> out = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        out.add(reading(i, meterId, at, ingestTime));
      }
      return out;
    }

    private void checkIndex(int i) {
      if (i < 0 || i >= size) {
        throw new IndexOutOfBoundsException("reading " + i + " of a batch of " + size);
      }
    }

    void ensureCapacity(int n) {
      if (n > start.length) {
        int c = Math.max(n, start.length * 2);
        start = Arrays.copyOf(start, c);
        wh = Arrays.copyOf(wh, c);
        quality = Arrays.copyOf(quality, c);
      }
    }

    void readSource(ByteBuffer in, int length) {
      // Sources are a handful of format names: reuse the string when the bytes repeat.
      if (length == sourceBytes.length) {
        boolean same = true;
        int p = in.position();
        for (int i = 0; i < length && same; i++) {
          same = in.get(p + i) == sourceBytes[i];
        }
        if (same) {
          in.position(p + length);
          return;
        }
      }
      byte[] bytes = new byte[length];
      in.get(bytes);
      sourceBytes = bytes;
      source = new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return "Batch[" + channel + ", " + kind + ", " + intervalMinutes + " min, " + size + "]";
    }
  }
}
