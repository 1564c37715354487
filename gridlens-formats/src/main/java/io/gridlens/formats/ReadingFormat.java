package io.gridlens.formats;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * The input formats of meter readings, chosen by short name.
 *
 * <p>{@link #open} streams any of them, gzip-compressed or not (detected from the magic bytes);
 * {@link #writer} writes those that can be written ({@link #writable()}).
 */
public enum ReadingFormat {
  /**
   * Plain CSV: {@code meter_id, [channel,] interval_start, interval_minutes, wh | register_wh,
   * [quality]}.
   */
  CSV("csv", true),
  /** One JSON object per line, with the fields of {@link #CSV}. */
  JSONL("jsonl", true),
  /** Green Button (NAESB ESPI) Atom XML. */
  GREEN_BUTTON("greenbutton", true),
  /** Enedis Data Connect load curve JSON (mean power in W per interval, local END time). */
  ENEDIS("enedis", true),
  /** London Low Carbon London (LCL) half-hourly CSV, kWh per half hour. */
  LCL("lcl", false),
  /** OpenEEmeter sample CSV {@code start,value}: hourly kWh of one caller-named meter. */
  EEMETER("eemeter", false);

  private final String formatName;
  private final boolean writable;

  ReadingFormat(String formatName, boolean writable) {
    this.formatName = formatName;
    this.writable = writable;
  }

  /** The short name: {@code csv}, {@code jsonl}, {@code greenbutton}, … */
  public String formatName() {
    return formatName;
  }

  /** Whether {@link #writer} supports this format. */
  public boolean writable() {
    return writable;
  }

  /**
   * The format of a short name, case-insensitively.
   *
   * @throws IllegalArgumentException "unknown format 'x'; known: csv, jsonl, …"
   */
  public static ReadingFormat byName(String name) {
    String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    for (ReadingFormat f : values()) {
      if (f.formatName.equals(n)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown format '" + name + "'; known: " + names(Arrays.asList(values())));
  }

  /**
   * A streaming reader of an input in this format; the reader owns and closes the stream.
   *
   * @throws ReadingFormatException when the input's header or prologue is unreadable
   */
  public ReadingReader open(InputStream in, ReadOptions options) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(options, "options");
    InputStream input = gunzipIfNeeded(in);
    switch (this) {
      case CSV:
        return new CsvReadingReader(input, options);
      case JSONL:
        return new JsonlReadingReader(input, options);
      case GREEN_BUTTON:
        return new GreenButtonReader(input, options);
      case ENEDIS:
        return new EnedisReader(input, options);
      case LCL:
        return new LclReader(input, options);
      case EEMETER:
        return new EemeterReader(input, options);
      default:
        throw new AssertionError(this);
    }
  }

  /**
   * A streaming writer of this format; the writer owns and closes the stream.
   *
   * @throws UnsupportedOperationException naming the writable formats, when this one is not
   */
  public ReadingWriter writer(OutputStream out, WriteOptions options) {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(options, "options");
    switch (this) {
      case CSV:
        return new CsvReadingWriter(out, options);
      case JSONL:
        return new JsonlReadingWriter(out, options);
      case GREEN_BUTTON:
        return new GreenButtonWriter(out);
      case ENEDIS:
        return new EnedisWriter(out, options);
      default:
        throw new UnsupportedOperationException(
            "format '"
                + formatName
                + "' is read-only; writable: "
                + names(
                    Arrays.stream(values())
                        .filter(ReadingFormat::writable)
                        .collect(Collectors.toList())));
    }
  }

  private static String names(java.util.List<ReadingFormat> formats) {
    return formats.stream().map(ReadingFormat::formatName).collect(Collectors.joining(", "));
  }

  private static InputStream gunzipIfNeeded(InputStream in) {
    BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
    try {
      buffered.mark(2);
      int b0 = buffered.read();
      int b1 = buffered.read();
      buffered.reset();
      if (b0 == 0x1f && b1 == 0x8b) {
        return new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16);
      }
      return buffered;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
