package io.gridlens.core.view;

import io.gridlens.core.MeterDay;
import io.gridlens.core.codec.CodecException;
import io.gridlens.core.codec.MeterDayCodec;
import io.gridlens.core.insight.DayInsights;
import io.gridlens.core.reference.Period;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;

/**
 * The binary form of a {@link ViewRow}: the value bytes of a view store.
 *
 * <p>Design note. The first byte is the format version, so that rows written by an older build stay
 * readable; unknown versions are rejected, never misread. The day is written by {@link
 * MeterDayCodec} (itself versioned). Of the insights, only what the day does not determine is
 * written: energy and interval counts are recomputed from the day on decoding ({@link ViewRow}
 * guarantees they agree). Version 1, in order:
 *
 * <pre>
 * byte     format version, 1
 * ...      the day, {@link MeterDayCodec}
 * byte     presence bits: 1 = cost present, 2 = carbon present
 * byte     k, the number of time-of-use entries
 * k x      (byte period code, 8 bytes Wh big-endian); period codes below, never renumbered
 * 16 bytes when cost is present: energy cost EUR, standing charge EUR (IEEE 754 doubles)
 * 8 bytes  when carbon is present: grams of CO2 (IEEE 754 double)
 * </pre>
 *
 * <p>Version 2 is version 1 followed by the history-based fields of a batch row ({@link
 * DayHistory}): 8 bytes always-on W (IEEE 754 double, NaN when unknown), then one byte of anomaly
 * kind bits. A row without history is written as version 1, byte for byte as before; both versions
 * are read.
 *
 * <p>Period codes: 0 BASE, 1 HP, 2 HC, 3 BLUE_HP, 4 BLUE_HC, 5 WHITE_HP, 6 WHITE_HC, 7 RED_HP, 8
 * RED_HC. A typical HP/HC day adds 1 + 2 + 18 + 16 + 8 = 45 bytes to the day.
 *
 * <p>Stateless and thread-safe.
 */
public final class ViewRowCodec {

  /** The format version of a row without history-based fields (a speed row). */
  public static final byte VERSION = 1;

  /** The format version of a row with history-based fields (a batch row). */
  public static final byte VERSION_WITH_HISTORY = 2;

  private static final Period[] PERIOD_BY_CODE = {
    Period.BASE,
    Period.HP,
    Period.HC,
    Period.BLUE_HP,
    Period.BLUE_HC,
    Period.WHITE_HP,
    Period.WHITE_HC,
    Period.RED_HP,
    Period.RED_HC
  };

  private static final int[] CODE_BY_PERIOD = new int[Period.values().length];

  static {
    for (int c = 0; c < PERIOD_BY_CODE.length; c++) {
      CODE_BY_PERIOD[PERIOD_BY_CODE[c].ordinal()] = c;
    }
    if (PERIOD_BY_CODE.length != Period.values().length) {
      throw new ExceptionInInitializerError(
          "ViewRowCodec has no code for some tariff period; add one at the end of PERIOD_BY_CODE");
    }
  }

  private static final int COST = 1;
  private static final int CARBON = 2;

  private ViewRowCodec() {}

  /** The encoded form of a row. */
  public static byte[] encode(ViewRow row) {
    DayInsights in = row.insights();
    MeterDayCodec.Prepared day = MeterDayCodec.prepare(row.day());
    int daySize = day.size();
    int size =
        1
            + daySize
            + 2
            + in.touWh().size() * 9
            + (in.hasCost() ? 16 : 0)
            + (in.hasCarbon() ? 8 : 0)
            + (row.history() == null ? 0 : 9);
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put(row.history() == null ? VERSION : VERSION_WITH_HISTORY);
    day.writeTo(out);
    out.put((byte) ((in.hasCost() ? COST : 0) | (in.hasCarbon() ? CARBON : 0)));
    out.put((byte) in.touWh().size());
    for (Map.Entry<Period, Long> e : in.touWh().entrySet()) {
      out.put((byte) CODE_BY_PERIOD[e.getKey().ordinal()]);
      out.putLong(e.getValue());
    }
    if (in.hasCost()) {
      out.putDouble(in.energyCostEur());
      out.putDouble(in.standingEur());
    }
    if (in.hasCarbon()) {
      out.putDouble(in.co2G());
    }
    if (row.history() != null) {
      out.putDouble(row.history().alwaysOnW());
      out.put((byte) row.history().anomalies());
    }
    return out.array();
  }

  /**
   * The highest packed ingest position of an encoded row ({@link ViewRow#maxPosition()} of the row
   * {@link #decode} would return), read without decoding it: see {@link
   * MeterDayCodec#maxPosition(ByteBuffer)}: no day, fold or insight is built.
   *
   * @throws CodecException when the input is truncated or of an unknown format version
   */
  public static long maxPosition(byte[] bytes) {
    if (bytes.length == 0) {
      throw new CodecException(0, "truncated view row: empty input, expected the version byte");
    }
    if (bytes[0] != VERSION && bytes[0] != VERSION_WITH_HISTORY) {
      throw new CodecException(
          0,
          "unsupported view row format version "
              + bytes[0]
              + " at offset 0; this build reads versions "
              + VERSION
              + " and "
              + VERSION_WITH_HISTORY);
    }
    try {
      return MeterDayCodec.maxPosition(ByteBuffer.wrap(bytes, 1, bytes.length - 1));
    } catch (CodecException e) {
      throw new CodecException(
          1 + e.offset(), "corrupt day in view row (offset from the day): " + e.getMessage(), e);
    }
  }

  /**
   * Decodes a row from an array that holds exactly one encoded row.
   *
   * @throws CodecException when the input is truncated, corrupt, has trailing bytes or is of an
   *     unknown format version
   */
  public static ViewRow decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (!in.hasRemaining()) {
      throw new CodecException(0, "truncated view row: empty input, expected the version byte");
    }
    int version = in.get();
    if (version != VERSION && version != VERSION_WITH_HISTORY) {
      throw new CodecException(
          0,
          "unsupported view row format version "
              + version
              + " at offset 0; this build reads versions "
              + VERSION
              + " and "
              + VERSION_WITH_HISTORY
              + " (a row written by a newer Gridlens? upgrade the reader)");
    }
    MeterDay day;
    try {
      day = MeterDayCodec.decode(in);
    } catch (CodecException e) {
      throw new CodecException(
          1 + e.offset(), "corrupt day in view row (offset from the day): " + e.getMessage(), e);
    }
    int at = in.position();
    try {
      int presence = Byte.toUnsignedInt(in.get());
      if ((presence & ~(COST | CARBON)) != 0) {
        throw new CodecException(
            at, "corrupt view row at offset " + at + ": unknown presence bits " + presence);
      }
      int k = Byte.toUnsignedInt(in.get());
      if (k > PERIOD_BY_CODE.length) {
        throw new CodecException(
            at + 1,
            "corrupt view row at offset "
                + (at + 1)
                + ": "
                + k
                + " time-of-use entries, at most "
                + PERIOD_BY_CODE.length);
      }
      Map<Period, Long> tou = new EnumMap<>(Period.class);
      for (int i = 0; i < k; i++) {
        int codeAt = in.position();
        int code = Byte.toUnsignedInt(in.get());
        if (code >= PERIOD_BY_CODE.length) {
          throw new CodecException(
              codeAt,
              "corrupt view row at offset "
                  + codeAt
                  + ": expected a period code 0.."
                  + (PERIOD_BY_CODE.length - 1)
                  + ", found "
                  + code);
        }
        tou.put(PERIOD_BY_CODE[code], in.getLong());
      }
      double energyCost = Double.NaN;
      double standing = Double.NaN;
      if ((presence & COST) != 0) {
        energyCost = in.getDouble();
        standing = in.getDouble();
      }
      double co2 = (presence & CARBON) != 0 ? in.getDouble() : Double.NaN;
      DayHistory history = null;
      if (version == VERSION_WITH_HISTORY) {
        double alwaysOnW = in.getDouble();
        history = new DayHistory(alwaysOnW, Byte.toUnsignedInt(in.get()));
      }
      if (in.hasRemaining()) {
        throw new CodecException(
            in.position(),
            "corrupt view row: "
                + in.remaining()
                + " unexpected bytes after its end at offset "
                + in.position());
      }
      DayInsights insights =
          new DayInsights(
              day.totalWh(),
              day.size(),
              day.actualCount(),
              day.estimatedCount(),
              day.missingCount(),
              tou,
              energyCost,
              standing,
              co2);
      return new ViewRow(day, insights, history);
    } catch (BufferUnderflowException e) {
      throw new CodecException(
          in.limit(),
          "truncated view row: input ends at offset "
              + in.limit()
              + " inside the insights that start at offset "
              + at);
    } catch (IllegalArgumentException e) {
      throw new CodecException(
          at,
          "corrupt view row: insights from offset " + at + " are invalid: " + e.getMessage(),
          e);
    }
  }
}
