package io.gridlens.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import io.gridlens.core.Channel;
import io.gridlens.core.Quality;
import io.gridlens.core.Reading;
import io.gridlens.core.ValueKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reader of an Enedis Data Connect load curve (Linky), streamed with Jackson's {@link JsonParser}:
 *
 * <pre>{@code
 * {"meter_reading": {"usage_point_id": "16401220101758", "start": "2019-05-06", "end": "2019-05-07",
 *   "reading_type": {"unit": "W", "measurement_kind": "power", "aggregate": "average"},
 *   "interval_reading": [{"value": "4078", "date": "2019-05-06 00:30:00", "interval_length": "PT30M"}, ...]}}
 * }</pre>
 *
 * <p>Design note. {@code value} is the mean power in W over the interval, {@code date} the local
 * END of the interval in Europe/Paris. Energy Wh = W × minutes / 60, exact when divisible, else
 * rounded half-up ({@link Fields#wattsToWh}). The start is end − length, where the end's offset is
 * picked by the order of the readings on the autumn overlap ({@link LocalTimeResolver}). A document
 * without the {@code meter_reading} wrapper is read too. {@code usage_point_id} and {@code
 * reading_type} must come before {@code interval_reading} (as Enedis sends them), unless the caller
 * gives the meter id. Any other unit, kind or aggregate is refused.
 */
final class EnedisReader extends PullReader {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
  private static final JsonFactory FACTORY = new JsonFactory();

  private enum State {
    ROOT,
    METER_READING,
    ARRAY,
    DONE
  }

  private final JsonParser parser;
  private final ZoneId zone;
  private final Channel channel;
  private final int defaultMinutes;
  private final LocalTimeResolver resolver;
  private String meterId;
  private final boolean meterIdGiven;
  private State state = State.ROOT;
  private boolean wrapped;

  EnedisReader(InputStream in, ReadOptions options) {
    this(open(in), options);
  }

  private EnedisReader(JsonParser parser, ReadOptions options) {
    super(ReadingFormat.ENEDIS, options, parser);
    this.parser = parser;
    this.zone = options.zoneOr(PARIS);
    this.channel = options.channel();
    this.defaultMinutes = options.intervalMinutes();
    this.resolver = new LocalTimeResolver(zone);
    this.meterId = options.meterId();
    this.meterIdGiven = meterId != null;
    try {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw documentError("document", "an Enedis load curve is one JSON object");
      }
    } catch (StreamReadException e) {
      throw documentError("document", "malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonParser open(InputStream in) {
    try {
      return FACTORY.createParser(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Optional<ZoneId> zone() {
    return Optional.of(zone);
  }

  @Override
  Reading advance() throws IOException {
    try {
      while (state != State.DONE) {
        if (state == State.ARRAY) {
          JsonToken t = parser.nextToken();
          if (t == JsonToken.END_ARRAY) {
            state = wrapped ? State.METER_READING : State.ROOT;
            continue;
          }
          if (meterId == null) {
            throw documentError(
                "usage_point_id",
                "no usage_point_id before interval_reading; put it first or pass"
                    + " ReadOptions.withMeterId(...)");
          }
          tally.record();
          long line = parser.currentTokenLocation().getLineNr();
          try {
            return element(t);
          } catch (FieldException e) {
            tally.error(e.at(line, tally.records()));
          }
        } else {
          navigate();
        }
      }
      return null;
    } catch (StreamReadException e) {
      throw documentError("document", "malformed JSON: " + e.getOriginalMessage());
    }
  }

  /** Moves through the object fields of ROOT or METER_READING until the array or the end. */
  private void navigate() throws IOException {
    JsonToken t = parser.nextToken();
    if (t == JsonToken.END_OBJECT || t == null) {
      if (state == State.METER_READING) {
        state = State.ROOT;
        wrapped = false;
      } else {
        state = State.DONE;
      }
      return;
    }
    String name = parser.currentName();
    JsonToken value = parser.nextToken();
    if (state == State.ROOT && name.equals("meter_reading")) {
      expect(value, JsonToken.START_OBJECT, name);
      state = State.METER_READING;
      wrapped = true;
      return;
    }
    switch (name) {
      case "usage_point_id":
        String id = parser.getValueAsString();
        if (!meterIdGiven) {
          try {
            meterId = Fields.meterId(name, id);
          } catch (FieldException e) {
            throw new ReadingFormatException(e.at(line(), 0));
          }
        }
        break;
      case "reading_type":
        expect(value, JsonToken.START_OBJECT, name);
        readingType();
        break;
      case "interval_reading":
        expect(value, JsonToken.START_ARRAY, name);
        state = State.ARRAY;
        break;
      default:
        parser.skipChildren();
    }
  }

  private void readingType() throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      String v = parser.getValueAsString();
      parser.skipChildren();
      String expected;
      switch (name) {
        case "unit":
          expected = "W";
          break;
        case "measurement_kind":
          expected = "power";
          break;
        case "aggregate":
          expected = "average";
          break;
        default:
          continue;
      }
      if (!expected.equals(v)) {
        throw new ReadingFormatException(
            new RecordError(
                line(),
                0,
                "reading_type." + name,
                v,
                "not supported; a load curve has unit W, measurement_kind power, aggregate average"));
      }
    }
  }

  private Reading element(JsonToken t) throws IOException {
    if (t != JsonToken.START_OBJECT) {
      parser.skipChildren();
      throw new FieldException("interval_reading[]", String.valueOf(t), "must be an object");
    }
    String value = null;
    String date = null;
    String length = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken v = parser.nextToken();
      String text = v.isScalarValue() ? parser.getText() : null;
      parser.skipChildren();
      switch (name) {
        case "value":
          value = text;
          break;
        case "date":
          date = text;
          break;
        case "interval_length":
          length = text;
          break;
        default:
          break;
      }
    }
    int minutes = minutes(length);
    long watts;
    try {
      watts = Long.parseLong(Fields.required("value", value));
    } catch (NumberFormatException e) {
      throw new FieldException("value", value, "must be a whole number of W, e.g. \"4078\"");
    }
    Instant end = end(date);
    return new Reading(
        meterId,
        channel,
        end.minusSeconds(minutes * 60L),
        minutes,
        ValueKind.INTERVAL,
        Fields.wattsToWh(watts, minutes),
        Quality.ACTUAL,
        source,
        null,
        null);
  }

  private int minutes(String length) {
    if (length == null && defaultMinutes != 0) {
      return defaultMinutes;
    }
    String v = Fields.required("interval_length", length);
    try {
      Duration d = Duration.parse(v);
      long m = d.toMinutes();
      if (d.toSeconds() % 60 != 0 || m > 60) {
        throw new FieldException(
            "interval_length", v, "must be PT5M, PT10M, PT15M, PT30M or PT60M");
      }
      return Fields.checkMinutes("interval_length", v, (int) m);
    } catch (DateTimeParseException e) {
      throw new FieldException("interval_length", v, "must be an ISO-8601 duration like PT30M");
    }
  }

  private Instant end(String date) {
    String v = Fields.required("date", date);
    LocalDateTime local;
    try {
      local = LocalDateTime.parse(v, DATE_TIME);
    } catch (DateTimeParseException e) {
      throw new FieldException("date", v, "must be local time YYYY-MM-DD HH:MM:SS");
    }
    Instant at = resolver.resolve(local);
    if (at == null) {
      throw new FieldException("date", v, "does not exist in " + zone + " (DST gap)");
    }
    return at;
  }

  private void expect(JsonToken actual, JsonToken expected, String field) {
    if (actual != expected) {
      throw documentError(
          field, "must be " + (expected == JsonToken.START_OBJECT ? "an object" : "an array"));
    }
  }

  private long line() {
    return parser.currentTokenLocation().getLineNr();
  }

  private ReadingFormatException documentError(String field, String reason) {
    return new ReadingFormatException(new RecordError(line(), 0, field, null, reason));
  }
}
