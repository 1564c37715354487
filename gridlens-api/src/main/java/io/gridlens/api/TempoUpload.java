package io.gridlens.api;

import static io.gridlens.api.JsonFields.checkFields;
import static io.gridlens.api.JsonFields.enumOf;
import static io.gridlens.api.JsonFields.object;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridlens.core.reference.TempoColour;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The body of {@code PUT /api/v1/tempo}: the colours of Tempo days (national, so platform data),
 * each day's colour replacing the one it had; a day never given is blue.
 *
 * <pre>{@code
 * {"colours":{"2026-01-12":"RED","2026-01-13":"WHITE","2026-01-14":"BLUE"}}
 * }</pre>
 *
 * @param colours the colour of each Tempo day given
 */
record TempoUpload(Map<LocalDate, TempoColour> colours) {

  private static final Set<String> TOP = Set.of("colours");

  TempoUpload {
    colours = new TreeMap<>(colours);
  }

  /**
   * Parses a body.
   *
   * @throws ProblemException 400 naming the field at fault
   */
  static TempoUpload parse(byte[] body) {
    JsonNode root = JsonFields.object(body);
    checkFields("", root, TOP);
    JsonNode c = root.get("colours");
    if (c == null || c.isNull()) {
      throw ProblemException.badBody(
          "colours", "colours is required: {\"2026-01-12\":\"RED\", ...}");
    }
    object(c, "colours");
    Map<LocalDate, TempoColour> out = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : c.properties()) {
      String field = "colours." + e.getKey();
      LocalDate day;
      try {
        day = LocalDate.parse(e.getKey());
      } catch (DateTimeParseException x) {
        throw ProblemException.badBody(
            field, field + ": a Tempo day must be a date YYYY-MM-DD, was '" + e.getKey() + "'");
      }
      if (!e.getValue().isTextual()) {
        throw ProblemException.badBody(
            field, field + " must be one of BLUE, WHITE, RED, was " + e.getValue());
      }
      out.put(day, enumOf(TempoColour.class, e.getValue().asText(), field));
    }
    if (out.isEmpty()) {
      throw ProblemException.badBody("colours", "colours must name at least one Tempo day");
    }
    return new TempoUpload(out);
  }
}
