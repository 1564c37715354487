package io.gridlens.core.codec;

import io.gridlens.core.Channel;
import io.gridlens.core.MeterDayKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * The byte-ordered form of a {@link MeterDayKey}: a sort key whose unsigned lexicographic byte
 * order is the order of (meter id, channel, date), so that a sorted key-value store (RocksDB) or a
 * byte-compared clustering column keeps a meter's days together and in date order.
 *
 * <p>Layout: the meter id in UTF-8, a {@code 0x00} separator, one channel byte (0 IMPORT, 1 EXPORT,
 * the order of {@link Channel}), then the epoch day as 4 bytes big-endian with the sign bit flipped
 * (so that dates before 1970 sort before later ones). 6 bytes plus the meter id.
 *
 * <p>Why it orders: UTF-8 never produces a {@code 0x00} byte for a non-NUL character, so when one
 * meter id is a prefix of another, the separator of the shorter sorts first; otherwise the first
 * differing byte decides, and UTF-8 byte order is code point order. Code point order equals {@link
 * String#compareTo} (hence {@link MeterDayKey}'s order) unless ids mix characters above U+FFFF with
 * characters in U+E000..U+FFFF; meter ids are ASCII in practice. Meter ids containing U+0000 are
 * rejected.
 *
 * <p>Stateless and thread-safe.
 */
public final class MeterDayKeyCodec {

  private static final byte SEPARATOR = 0;

  private static final int TAIL = 1 + 1 + Integer.BYTES;

  private MeterDayKeyCodec() {}

  /**
   * The sort key of a meter-day.
   *
   * @throws IllegalArgumentException when the meter id contains U+0000 or the date is beyond the
   *     years ±5,800,000 that 4 bytes of epoch day hold
   */
  public static byte[] encode(MeterDayKey key) {
    byte[] id = meterIdBytes(key.meterId());
    long epochDay = key.date().toEpochDay();
    if (epochDay != (int) epochDay) {
      throw new IllegalArgumentException(
          "date " + key.date() + " of " + key.meterId() + " is out of the sort key's range");
    }
    ByteBuffer out = ByteBuffer.allocate(id.length + TAIL);
    out.put(id).put(SEPARATOR).put(channelByte(key.channel()));
    out.putInt((int) epochDay ^ Integer.MIN_VALUE);
    return out.array();
  }

  /**
   * The meter-day of a sort key.
   *
   * @throws CodecException when the bytes are not a sort key
   */
  public static MeterDayKey decode(byte[] key) {
    int sep = key.length - TAIL;
    if (sep < 1 || key[sep] != SEPARATOR) {
      throw new CodecException(
          Math.max(sep, 0),
          "corrupt sort key of "
              + key.length
              + " bytes: expected a meter id, a 0x00 separator at offset "
              + sep
              + ", a channel byte and 4 date bytes");
    }
    int channel = key[sep + 1];
    if (channel != 0 && channel != 1) {
      throw new CodecException(
          sep + 1,
          "corrupt sort key: expected a channel byte 0 or 1 at offset "
              + (sep + 1)
              + ", found "
              + channel);
    }
    String meterId = new String(key, 0, sep, StandardCharsets.UTF_8);
    int epochDay = ByteBuffer.wrap(key, sep + 2, Integer.BYTES).getInt() ^ Integer.MIN_VALUE;
    try {
      return new MeterDayKey(
          meterId, channel == 0 ? Channel.IMPORT : Channel.EXPORT, LocalDate.ofEpochDay(epochDay));
    } catch (RuntimeException e) {
      throw new CodecException(0, "corrupt sort key: " + e.getMessage(), e);
    }
  }

  /** The bytes every sort key of a meter starts with, and no other meter's key does. */
  public static byte[] meterPrefix(String meterId) {
    byte[] id = meterIdBytes(meterId);
    byte[] prefix = new byte[id.length + 1];
    System.arraycopy(id, 0, prefix, 0, id.length);
    prefix[id.length] = SEPARATOR;
    return prefix;
  }

  /** The bytes every sort key of a meter's channel starts with, and no other key does. */
  public static byte[] channelPrefix(String meterId, Channel channel) {
    byte[] id = meterIdBytes(meterId);
    byte[] prefix = new byte[id.length + 2];
    System.arraycopy(id, 0, prefix, 0, id.length);
    prefix[id.length] = SEPARATOR;
    prefix[id.length + 1] = channelByte(channel);
    return prefix;
  }

  private static byte channelByte(Channel channel) {
    return (byte) (channel == Channel.IMPORT ? 0 : 1);
  }

  private static byte[] meterIdBytes(String meterId) {
    if (meterId.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "meter id '"
              + meterId.replace('\0', '?')
              + "' contains U+0000, which the sort key uses as a separator; remove it at ingest");
    }
    return meterId.getBytes(StandardCharsets.UTF_8);
  }
}
