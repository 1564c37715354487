package io.gridlens.core.codec;

import io.gridlens.core.Channel;
import io.gridlens.core.DayReadings;
import io.gridlens.core.DaySlots;
import io.gridlens.core.IngestPosition;
import io.gridlens.core.MeterDay;
import io.gridlens.core.MeterDayKey;
import io.gridlens.core.Quality;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The binary form of a {@link MeterDay}: what view stores hold and what Kafka, RocksDB and
 * Cassandra rows carry.
 *
 * <p>Design note. The layout is versioned by its first byte so that rows written by an older build
 * stay readable after the format changes: a reader dispatches on the version and rejects versions
 * it does not know rather than misreading them. Slots are written column by column (all raw values,
 * then all positions, …) because neighbouring values of one column are alike, which keeps the
 * deltas short and helps the LZ4 of Kafka batches. Version 1, in order:
 *
 * <pre>
 * byte    format version, 1
 * varint  meter id length in bytes, then the meter id in UTF-8
 * byte    channel: 0 IMPORT, 1 EXPORT
 * zigzag  local date as epoch day
 * varint  zone id length in bytes, then the zone id (e.g. Europe/Paris) in UTF-8
 * varint  interval minutes
 * varint  slot count n (must equal the slot count of the local day)
 * varint  base position: smallest packed ingest position of a present slot, 0 when none
 * n x zigzag  raw value, as the difference to the previous slot's raw value (the first to 0)
 * n x varint  packed ingest position - base + 1, or 0 for {@link IngestPosition#NONE}
 * n x byte    raw quality code (bits 0-2) | raw marks (bits 3-5)
 * n x zigzag  cleaned Wh minus its prediction: the slot's raw value when the slot is present and
 *             not a register index (cleaning usually keeps it), else the previous cleaned Wh
 * (n+1)/2 bytes  cleaned quality codes, two a byte: even slot in the low nibble
 * n x varint  validation flag word, as an unsigned 32-bit value (mostly 0: one byte)
 * </pre>
 *
 * <p>A typical full half-hourly day (48 actual slots logged in one batch, no flags, a 14-digit
 * meter id) takes 307 bytes, 6.4 a slot; see {@code MeterDayCodecTest}.
 *
 * <p>Stateless and thread-safe. Encoding and decoding allocate per day (the row and the day's
 * arrays), never per slot.
 */
public final class MeterDayCodec {

  /** The format version this build writes. */
  public static final byte VERSION = 1;

  /** Longest meter id accepted, in UTF-8 bytes. */
  static final int MAX_METER_ID_BYTES = 1024;

  /** Longest zone id accepted, in UTF-8 bytes. */
  static final int MAX_ZONE_ID_BYTES = 255;

  /** Most slots a local day can have: 25 hours of 5-minute intervals. */
  static final int MAX_SLOTS = 25 * 12;

  private static final Channel[] CHANNELS = {Channel.IMPORT, Channel.EXPORT};

  private MeterDayCodec() {}

  /** The encoded form of a day, in a new array of exactly {@link #encodedSize} bytes. */
  public static byte[] encode(MeterDay day) {
    DayReadings raw = day.readings();
    byte[] meterId = meterId(day);
    byte[] zone = utf8(day.zone().getId());
    byte[] out = new byte[size(day, raw, meterId, zone)];
    write(day, raw, meterId, zone, ByteBuffer.wrap(out));
    return out;
  }

  /**
   * Writes the encoded form of a day at the buffer's position and advances it.
   *
   * @throws BufferOverflowException when fewer than {@link #encodedSize} bytes remain; the buffer's
   *     position is then unspecified
   */
  public static void encode(MeterDay day, ByteBuffer out) {
    write(day, day.readings(), meterId(day), utf8(day.zone().getId()), out);
  }

  /** Number of bytes {@link #encode} writes for a day. */
  public static int encodedSize(MeterDay day) {
    return size(day, day.readings(), meterId(day), utf8(day.zone().getId()));
  }

  /**
   * A day ready to be written inside a larger record: its size is known and its parts (the raw
   * fold, the UTF-8 meter id and zone) are taken once, not once for the size and again for the
   * bytes.
   */
  public static final class Prepared {
    private final MeterDay day;
    private final DayReadings raw;
    private final byte[] meterId;
    private final byte[] zone;
    private final int size;

    private Prepared(MeterDay day) {
      this.day = day;
      this.raw = day.readings();
      this.meterId = meterId(day);
      this.zone = utf8(day.zone().getId());
      this.size = MeterDayCodec.size(day, raw, meterId, zone);
    }

    /** Number of bytes {@link #writeTo} writes: {@link #encodedSize} of the day. */
    public int size() {
      return size;
    }

    /**
     * Writes the encoded day at the buffer's position and advances it, as {@link
     * MeterDayCodec#encode(MeterDay, ByteBuffer)} does.
     */
    public void writeTo(ByteBuffer out) {
      write(day, raw, meterId, zone, out);
    }
  }

  /** A day prepared for {@link Prepared#writeTo}. */
  public static Prepared prepare(MeterDay day) {
    return new Prepared(day);
  }

  /**
   * Decodes a day from an array that holds exactly one encoded day.
   *
   * @throws CodecException when the input is truncated, corrupt, has trailing bytes or is of an
   *     unknown format version
   */
  public static MeterDay decode(byte[] in) {
    ByteBuffer buf = ByteBuffer.wrap(in);
    MeterDay day = decode(buf);
    if (buf.hasRemaining()) {
      throw new CodecException(
          buf.position(),
          "corrupt record: "
              + buf.remaining()
              + " unexpected bytes after the end of the day at offset "
              + buf.position()
              + " (expected the input to end)");
    }
    return day;
  }

  /**
   * Decodes one day starting at the buffer's position and advances the position past it.
   *
   * @throws CodecException when the input is truncated, corrupt or of an unknown format version;
   *     offsets in the message count from the position the call started at
   */
  public static MeterDay decode(ByteBuffer in) {
    int start = in.position();
    if (!in.hasRemaining()) {
      throw new CodecException(
          0, "truncated record: input ends at offset 0, expected the format version byte");
    }
    int version = in.get();
    if (version != VERSION) {
      throw new CodecException(
          0,
          "unsupported MeterDay format version "
              + version
              + " at offset 0; this build reads version "
              + VERSION
              + " (a row written by a newer Gridlens? upgrade the reader)");
    }
    return decodeV1(in, start);
  }

  /**
   * The highest packed ingest position of an encoded day ({@link
   * io.gridlens.core.DayReadings#maxPosition()} of the day {@link #decode} would return), or {@link
   * IngestPosition#NONE} when no slot holds a reading, read without decoding the day: it skips the
   * header strings and the raw values and stops after the positions, allocating nothing. For a
   * guard that only compares positions (the speed layer's zombie guard).
   *
   * <p>The buffer's position afterwards is unspecified; the header is not validated beyond what
   * locating the positions needs (a corrupt day may still yield a number: decode it to check it).
   *
   * @throws CodecException when the input is truncated before the end of the positions or is of an
   *     unknown format version
   */
  public static long maxPosition(ByteBuffer in) {
    int start = in.position();
    int version = take(in, start, "format version byte", -1);
    if (version != VERSION) {
      throw new CodecException(
          0,
          "unsupported MeterDay format version "
              + version
              + " at offset 0; this build reads version "
              + VERSION);
    }
    skip(in, start, "meter id", VarInts.readInt(in, start, "meter id length", MAX_METER_ID_BYTES));
    take(in, start, "channel byte", -1);
    VarInts.read(in, start, "local date (epoch day)", -1);
    skip(in, start, "zone id", VarInts.readInt(in, start, "zone id length", MAX_ZONE_ID_BYTES));
    VarInts.read(in, start, "interval minutes", -1);
    int n = VarInts.readInt(in, start, "slot count", MAX_SLOTS);
    long base = VarInts.read(in, start, "base position", -1);
    for (int i = 0; i < n; i++) {
      VarInts.read(in, start, "raw value delta", i);
    }
    long max = IngestPosition.NONE;
    for (int i = 0; i < n; i++) {
      long p = VarInts.read(in, start, "ingest position", i);
      if (p != 0) {
        max = Math.max(max, base + p - 1);
      }
    }
    return max;
  }

  private static void skip(ByteBuffer in, int start, String field, int len) {
    requireBytes(in, start, field, len);
    in.position(in.position() + len);
  }

  private static MeterDay decodeV1(ByteBuffer in, int start) {
    String meterId = string(in, start, "meter id", MAX_METER_ID_BYTES);
    int at = in.position();
    int channelCode = Byte.toUnsignedInt(take(in, start, "channel byte", -1));
    if (channelCode >= CHANNELS.length) {
      throw corrupt(at, start, "a channel code 0 (IMPORT) or 1 (EXPORT)", channelCode);
    }
    Channel channel = CHANNELS[channelCode];
    at = in.position();
    long epochDay = VarInts.readSigned(in, start, "local date (epoch day)", -1);
    String zoneId = string(in, start, "zone id", MAX_ZONE_ID_BYTES);
    int minutes = VarInts.readInt(in, start, "interval minutes", 60);
    int countAt = in.position();
    int n = VarInts.readInt(in, start, "slot count", MAX_SLOTS);

    MeterDayKey key;
    DaySlots slots;
    try {
      LocalDate date = LocalDate.ofEpochDay(epochDay);
      key = new MeterDayKey(meterId, channel, date);
      slots = new DaySlots(ZoneId.of(zoneId), date, minutes);
    } catch (DateTimeException | IllegalArgumentException e) {
      throw new CodecException(
          at - start,
          "corrupt record: header from offset "
              + (at - start)
              + " (date "
              + epochDay
              + ", zone '"
              + zoneId
              + "', "
              + minutes
              + " min) is not a valid local day: "
              + e.getMessage(),
          e);
    }
    if (slots.count() != n) {
      throw new CodecException(
          countAt - start,
          "corrupt record at offset "
              + (countAt - start)
              + ": expected slot count "
              + slots.count()
              + " for "
              + slots.date()
              + " in "
              + slots.zone()
              + " at "
              + minutes
              + " min, found "
              + n);
    }

    long base = VarInts.read(in, start, "base position", -1);
    long[] value = new long[n];
    long prev = 0;
    for (int i = 0; i < n; i++) {
      prev += VarInts.readSigned(in, start, "raw value delta", i);
      value[i] = prev;
    }
    long[] position = new long[n];
    for (int i = 0; i < n; i++) {
      int posAt = in.position();
      long p = VarInts.read(in, start, "ingest position", i);
      position[i] = p == 0 ? IngestPosition.NONE : base + p - 1;
      if (p != 0 && position[i] < 0) {
        throw corrupt(posAt, start, "a packed ingest position of slot " + i, position[i]);
      }
    }
    byte[] rawQuality = new byte[n];
    byte[] marks = new byte[n];
    for (int i = 0; i < n; i++) {
      int qAt = in.position();
      int b = Byte.toUnsignedInt(take(in, start, "raw quality and marks byte", i));
      int q = b & 0x07;
      if (q > Quality.MISSING.code() || (b & 0xC0) != 0) {
        throw corrupt(qAt, start, "a raw quality code 0..5 and marks in bits 3-5 for slot " + i, b);
      }
      rawQuality[i] = (byte) q;
      marks[i] = (byte) (b >>> 3);
    }
    long[] wh = new long[n];
    long prevWh = 0;
    for (int i = 0; i < n; i++) {
      long predicted = predictor(position[i], marks[i], value[i], prevWh);
      wh[i] = predicted + VarInts.readSigned(in, start, "cleaned Wh delta", i);
      prevWh = wh[i];
    }
    byte[] quality = new byte[n];
    for (int i = 0; i < n; i += 2) {
      int qAt = in.position();
      int b = Byte.toUnsignedInt(take(in, start, "cleaned quality byte (two slots)", i));
      int lo = b & 0x0F;
      int hi = b >>> 4;
      if (lo > Quality.MISSING.code() || hi > Quality.MISSING.code() || (i + 1 == n && hi != 0)) {
        throw corrupt(qAt, start, "two cleaned quality codes 0..5 for slots " + i, b);
      }
      quality[i] = (byte) lo;
      if (i + 1 < n) {
        quality[i + 1] = (byte) hi;
      }
    }
    int[] flags = new int[n];
    for (int i = 0; i < n; i++) {
      int fAt = in.position();
      long f = VarInts.read(in, start, "flag word", i);
      if ((f & ~0xFFFF_FFFFL) != 0) {
        throw corrupt(fAt, start, "a 32-bit flag word of slot " + i, f);
      }
      flags[i] = (int) f;
    }
    int endAt = in.position();
    try {
      return new MeterDay(
          DayReadings.of(key, slots, value, position, rawQuality, marks), wh, quality, flags);
    } catch (IllegalArgumentException e) {
      throw new CodecException(
          endAt - start,
          "corrupt record ending at offset "
              + (endAt - start)
              + ": the decoded slots do not make a valid day: "
              + e.getMessage(),
          e);
    }
  }

  private static long predictor(long position, byte marks, long rawValue, long previousWh) {
    boolean present = position != IngestPosition.NONE;
    return present && (marks & DayReadings.REGISTER) == 0 ? rawValue : previousWh;
  }

  private static int size(MeterDay day, DayReadings raw, byte[] meterId, byte[] zone) {
    int n = day.size();
    long base = basePosition(raw);
    int size = 1;
    size += VarInts.size(meterId.length) + meterId.length;
    size += 1;
    size += VarInts.sizeSigned(day.date().toEpochDay());
    size += VarInts.size(zone.length) + zone.length;
    size += VarInts.size(day.intervalMinutes());
    size += VarInts.size(n);
    size += VarInts.size(base);
    long prev = 0;
    long prevWh = 0;
    for (int i = 0; i < n; i++) {
      long v = raw.value(i);
      size += VarInts.sizeSigned(v - prev);
      prev = v;
      long p = raw.position(i);
      size += VarInts.size(p == IngestPosition.NONE ? 0 : p - base + 1);
      size += 1;
      long wh = day.wh(i);
      size += VarInts.sizeSigned(wh - predictor(p, raw.marks(i), v, prevWh));
      prevWh = wh;
      size += VarInts.size(Integer.toUnsignedLong(day.flags(i)));
    }
    size += (n + 1) / 2;
    return size;
  }

  private static void write(
      MeterDay day, DayReadings raw, byte[] meterId, byte[] zone, ByteBuffer out) {
    int n = day.size();
    long base = basePosition(raw);
    out.put(VERSION);
    VarInts.write(out, meterId.length);
    out.put(meterId);
    out.put((byte) (day.channel() == Channel.IMPORT ? 0 : 1));
    VarInts.writeSigned(out, day.date().toEpochDay());
    VarInts.write(out, zone.length);
    out.put(zone);
    VarInts.write(out, day.intervalMinutes());
    VarInts.write(out, n);
    VarInts.write(out, base);
    long prev = 0;
    for (int i = 0; i < n; i++) {
      long v = raw.value(i);
      VarInts.writeSigned(out, v - prev);
      prev = v;
    }
    for (int i = 0; i < n; i++) {
      long p = raw.position(i);
      VarInts.write(out, p == IngestPosition.NONE ? 0 : p - base + 1);
    }
    for (int i = 0; i < n; i++) {
      byte m = raw.marks(i);
      if ((m & ~0x07) != 0) {
        throw new IllegalArgumentException(
            "marks of slot " + i + " of " + day.key() + " must fit in 3 bits, were " + m);
      }
      out.put((byte) (raw.quality(i).code() | (m << 3)));
    }
    long prevWh = 0;
    for (int i = 0; i < n; i++) {
      long wh = day.wh(i);
      VarInts.writeSigned(out, wh - predictor(raw.position(i), raw.marks(i), raw.value(i), prevWh));
      prevWh = wh;
    }
    for (int i = 0; i < n; i += 2) {
      int lo = day.quality(i).code();
      int hi = i + 1 < n ? day.quality(i + 1).code() : 0;
      out.put((byte) (lo | (hi << 4)));
    }
    for (int i = 0; i < n; i++) {
      VarInts.write(out, Integer.toUnsignedLong(day.flags(i)));
    }
  }

  private static long basePosition(DayReadings raw) {
    long min = Long.MAX_VALUE;
    for (int i = 0; i < raw.size(); i++) {
      long p = raw.position(i);
      if (p != IngestPosition.NONE && p < min) {
        min = p;
      }
    }
    return min == Long.MAX_VALUE ? 0 : min;
  }

  private static byte[] meterId(MeterDay day) {
    String id = day.meterId();
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < id.length()
          && Character.isLowSurrogate(id.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            "meter id of "
                + day.key()
                + " has an unpaired UTF-16 surrogate at index "
                + i
                + ", which UTF-8 cannot carry; reject such ids at ingest");
      }
    }
    return utf8(id);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String string(ByteBuffer in, int start, String field, int maxBytes) {
    int len = VarInts.readInt(in, start, field + " length", maxBytes);
    requireBytes(in, start, field, len);
    byte[] bytes = new byte[len];
    in.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void requireBytes(ByteBuffer in, int start, String field, int len) {
    if (in.remaining() < len) {
      throw new CodecException(
          in.limit() - start,
          "truncated record: input ends at offset "
              + (in.limit() - start)
              + ", expected "
              + len
              + " bytes of "
              + field
              + " from offset "
              + (in.position() - start));
    }
  }

  private static byte take(ByteBuffer in, int start, String field, int slot) {
    if (!in.hasRemaining()) {
      throw new CodecException(
          in.position() - start,
          "truncated record: input ends at offset "
              + (in.position() - start)
              + ", expected the "
              + VarInts.describe(field, slot));
    }
    return in.get();
  }

  private static CodecException corrupt(int at, int start, String expected, long found) {
    return new CodecException(
        at - start,
        "corrupt record at offset " + (at - start) + ": expected " + expected + ", found " + found);
  }
}
