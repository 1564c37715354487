package io.gridlens.core.view;

import io.gridlens.core.codec.CodecException;
import io.gridlens.core.insight.PeerRating;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The binary form of the summary rows of a batch version ({@link SummaryRow}): meter-months in
 * partition {@code m:<meterId>}, cohort-months in partition {@code c:<tenant>}.
 *
 * <p>Keys: a meter-month's key is its month as 4 bytes big-endian ({@code year * 12 + month - 1},
 * sign bit flipped), so a meter's months read in order; a cohort-month's key is the month the same
 * way followed by the cohort description in UTF-8. Values start with a format version byte (1),
 * then the fields in record order: longs and ints big-endian, doubles IEEE 754 (NaN when absent),
 * strings as a 2-byte length and UTF-8 (length 0xFFFF for null), a rating as one byte (0xFF for
 * null), a date as 4 bytes epoch day (sign bit flipped; 0 for null is impossible, so a presence
 * byte precedes it).
 *
 * <p>Stateless and thread-safe.
 */
public final class SummaryCodec {

  /** The format version this build writes. */
  public static final byte VERSION = 1;

  private static final int NULL_STRING = 0xFFFF;

  private SummaryCodec() {}

  /** The partition of a meter's month rows. */
  public static String meterPartition(String meterId) {
    return "m:" + meterId;
  }

  /** The partition of a tenant's cohort rows. */
  public static String cohortPartition(String tenant) {
    return "c:" + tenant;
  }

  /** The summary row of a meter-month. */
  public static SummaryRow encode(MeterMonthSummary s) {
    ByteBuffer out = ByteBuffer.allocate(256 + utf8Length(s.cohort()));
    out.put(VERSION);
    out.putLong(s.wh()).putInt(s.days()).putInt(s.missing());
    out.putDouble(s.alwaysOnKwh()).putDouble(s.heatingKwh()).putDouble(s.coolingKwh());
    out.putDouble(s.otherKwh());
    putString(out, s.cohort());
    out.putDouble(s.percentileRank());
    out.put((byte) (s.rating() == null ? 0xFF : s.rating().ordinal()));
    out.putInt(s.cohortCount()).putDouble(s.cohortMedianKwh()).putDouble(s.cohortP20Kwh());
    out.putDouble(s.forecastEur());
    out.put((byte) (s.forecastAsOf() == null ? 0 : 1));
    if (s.forecastAsOf() != null) {
      out.putInt((int) s.forecastAsOf().toEpochDay() ^ Integer.MIN_VALUE);
    }
    return new SummaryRow(meterPartition(s.meterId()), monthKey(s.month()), trim(out));
  }

  /**
   * The meter-month of a row of partition {@code m:<meterId>}.
   *
   * @throws CodecException when the row is truncated, corrupt or of an unknown version
   */
  public static MeterMonthSummary decodeMeterMonth(SummaryRow row) {
    if (!row.partition().startsWith("m:")) {
      throw new CodecException(0, "partition " + row.partition() + " holds no meter-month rows");
    }
    YearMonth month = month(row.key());
    ByteBuffer in = value(row);
    try {
      long wh = in.getLong();
      int days = in.getInt();
      int missing = in.getInt();
      double ao = in.getDouble();
      double heating = in.getDouble();
      double cooling = in.getDouble();
      double other = in.getDouble();
      String cohort = getString(in);
      double rank = in.getDouble();
      int r = Byte.toUnsignedInt(in.get());
      PeerRating rating = r == 0xFF ? null : PeerRating.values()[r];
      int count = in.getInt();
      double median = in.getDouble();
      double p20 = in.getDouble();
      double forecast = in.getDouble();
      LocalDate asOf = in.get() == 0 ? null : LocalDate.ofEpochDay(in.getInt() ^ Integer.MIN_VALUE);
      return new MeterMonthSummary(
          row.partition().substring(2),
          month,
          wh,
          days,
          missing,
          ao,
          heating,
          cooling,
          other,
          cohort,
          rank,
          rating,
          count,
          median,
          p20,
          forecast,
          asOf);
    } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new CodecException(in.position(), "corrupt meter-month summary: " + e, e);
    }
  }

  /** The summary row of a cohort-month. */
  public static SummaryRow encode(CohortMonthSummary s) {
    byte[] cohort = s.cohort().getBytes(StandardCharsets.UTF_8);
    byte[] key =
        ByteBuffer.allocate(4 + cohort.length).put(monthKey(s.month())).put(cohort).array();
    ByteBuffer out = ByteBuffer.allocate(1 + 4 + 16);
    out.put(VERSION).putInt(s.count()).putDouble(s.medianKwh()).putDouble(s.p20Kwh());
    return new SummaryRow(cohortPartition(s.tenant()), key, out.array());
  }

  /**
   * The cohort-month of a row of partition {@code c:<tenant>}.
   *
   * @throws CodecException when the row is truncated, corrupt or of an unknown version
   */
  public static CohortMonthSummary decodeCohortMonth(SummaryRow row) {
    if (!row.partition().startsWith("c:")) {
      throw new CodecException(0, "partition " + row.partition() + " holds no cohort rows");
    }
    YearMonth month = month(row.key());
    String cohort = new String(row.key(), 4, row.key().length - 4, StandardCharsets.UTF_8);
    ByteBuffer in = value(row);
    try {
      return new CohortMonthSummary(
          row.partition().substring(2), cohort, month, in.getInt(), in.getDouble(), in.getDouble());
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new CodecException(in.position(), "corrupt cohort-month summary: " + e, e);
    }
  }

  /** The 4-byte sort key of a month. */
  public static byte[] monthKey(YearMonth m) {
    int v = m.getYear() * 12 + m.getMonthValue() - 1;
    return ByteBuffer.allocate(4).putInt(v ^ Integer.MIN_VALUE).array();
  }

  private static YearMonth month(byte[] key) {
    if (key.length < 4) {
      throw new CodecException(0, "summary key of " + key.length + " bytes holds no month");
    }
    int v = ByteBuffer.wrap(key, 0, 4).getInt() ^ Integer.MIN_VALUE;
    return YearMonth.of(Math.floorDiv(v, 12), Math.floorMod(v, 12) + 1);
  }

  private static ByteBuffer value(SummaryRow row) {
    ByteBuffer in = ByteBuffer.wrap(row.value());
    if (!in.hasRemaining() || in.get() != VERSION) {
      throw new CodecException(
          0, "unsupported summary format in " + row.partition() + "; this build reads " + VERSION);
    }
    return in;
  }

  private static int utf8Length(String s) {
    return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static void putString(ByteBuffer out, String s) {
    if (s == null) {
      out.putShort((short) NULL_STRING);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length >= NULL_STRING) {
      throw new IllegalArgumentException("summary string of " + b.length + " bytes is too long");
    }
    out.putShort((short) b.length).put(b);
  }

  private static String getString(ByteBuffer in) {
    int n = Short.toUnsignedInt(in.getShort());
    if (n == NULL_STRING) {
      return null;
    }
    byte[] b = new byte[n];
    in.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static byte[] trim(ByteBuffer out) {
    byte[] b = new byte[out.position()];
    out.flip().get(b);
    return b;
  }
}
