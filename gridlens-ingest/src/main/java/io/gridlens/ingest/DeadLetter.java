package io.gridlens.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * A rejected record as written to the {@code deadletter} topic (JSON): what was sent, where it was
 * in its input, and why it was refused.
 *
 * @param source the input's format name ({@code csv}, {@code greenbutton}, …) or feed name
 * @param line 1-based line of the record in its input, 0 when unknown
 * @param record 1-based ordinal of the record in its input, 0 when unknown
 * @param field the field at fault ({@code meter_id}, {@code wh}, …)
 * @param text the record as sent: the offending value for a record the reader could not parse, the
 *     reading as a CSV row ({@code meter_id,channel,interval_start,interval_minutes,kind,wh,
 *     quality}) for one that failed validation
 * @param reason what is wrong and how to fix it
 */
public record DeadLetter(
    String source, long line, long record, String field, String text, String reason) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public DeadLetter {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(reason, "reason");
    text = text == null ? "" : text;
  }

  /** This dead letter as UTF-8 JSON. */
  public byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write dead letter " + this, e);
    }
  }

  /** The dead letter of a {@code deadletter} record value. */
  public static DeadLetter fromJson(byte[] json) {
    try {
      return JSON.readValue(json, DeadLetter.class);
    } catch (IOException e) {
      throw new UncheckedIOException("not a dead letter: " + new String(json), e);
    }
  }
}
