package io.gridlens.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.gridlens.core.Channel;
import io.gridlens.core.Quality;
import io.gridlens.core.Reading;
import io.gridlens.core.ValueKind;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Writer of an Enedis load curve: one usage point, one channel, interval energy of actual quality
 * (what the format can carry; anything else is refused, naming the field). Wh become mean W = Wh ×
 * 60 / minutes, which is exact for every allowed length, so a round trip is lossless. Dates are the
 * local END of each interval (Europe/Paris unless the options say otherwise); {@code start} and
 * {@code end} (local dates of the first start and the last end) come after the readings, which JSON
 * allows and {@link EnedisReader} accepts.
 */
final class EnedisWriter implements ReadingWriter {

  private static final JsonFactory FACTORY = new JsonFactory();

  private final JsonGenerator generator;
  private final ZoneId zone;
  private String meterId;
  private Channel channel;
  private Instant first;
  private Instant last;
  private boolean closed;

  EnedisWriter(OutputStream out, WriteOptions options) {
    this.zone = options.zoneOr(EnedisReader.PARIS);
    try {
      generator = FACTORY.createGenerator(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void write(Reading r) {
    if (r.kind() != ValueKind.INTERVAL) {
      throw new IllegalArgumentException(
          "kind " + r.kind() + " cannot be written as an Enedis load curve; use csv or jsonl");
    }
    if (r.quality() != Quality.ACTUAL) {
      throw new IllegalArgumentException(
          "quality " + r.quality() + ": an Enedis load curve carries no quality; use csv or jsonl");
    }
    try {
      if (meterId == null) {
        meterId = r.meterId();
        channel = r.channel();
        first = r.intervalStart();
        generator.writeStartObject();
        generator.writeObjectFieldStart("meter_reading");
        generator.writeStringField("usage_point_id", meterId);
        generator.writeObjectFieldStart("reading_type");
        generator.writeStringField("unit", "W");
        generator.writeStringField("measurement_kind", "power");
        generator.writeStringField("aggregate", "average");
        generator.writeEndObject();
        generator.writeArrayFieldStart("interval_reading");
      } else if (!meterId.equals(r.meterId()) || channel != r.channel()) {
        throw new IllegalArgumentException(
            "an Enedis document holds one usage point and channel ("
                + meterId
                + ", "
                + channel
                + "); got meterId '"
                + r.meterId()
                + "', channel "
                + r.channel()
                + ": write one document per meter and channel");
      }
      last = r.intervalEnd();
      generator.writeStartObject();
      generator.writeStringField(
          "value", Long.toString(Math.multiplyExact(r.wh(), 60L / r.intervalMinutes())));
      generator.writeStringField(
          "date", EnedisReader.DATE_TIME.format(r.intervalEnd().atZone(zone)));
      generator.writeStringField("interval_length", "PT" + r.intervalMinutes() + "M");
      generator.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (meterId == null) {
        generator.writeStartObject();
        generator.writeObjectFieldStart("meter_reading");
        generator.writeArrayFieldStart("interval_reading");
      }
      generator.writeEndArray();
      if (first != null) {
        generator.writeStringField("start", first.atZone(zone).toLocalDate().toString());
        generator.writeStringField("end", last.atZone(zone).toLocalDate().toString());
      }
      generator.writeEndObject();
      generator.writeEndObject();
      generator.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
