package io.gridlens.api;

import static io.gridlens.api.JsonFields.checkFields;
import static io.gridlens.api.JsonFields.object;
import static io.gridlens.api.JsonFields.text;
import static io.gridlens.api.JsonFields.values;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The body of {@code PUT /api/v1/regions/{region}/carbon}: a region's fixed carbon factor and/or
 * hourly figures, g CO2 per kWh, the hours consecutive from {@code start} (on a UTC hour), null
 * where there is no figure:
 *
 * <pre>{@code
 * {"fixedGPerKwh":52.0,
 *  "hourly":{"start":"2026-03-01T00:00:00Z","values":[40.0,38.5,null,41.2, ...]}}
 * }</pre>
 *
 * @param fixedGPerKwh the factor of hours without a figure, or null to keep the region's
 * @param hourly the figures by the instant their hour starts
 */
record CarbonUpload(Double fixedGPerKwh, Map<Instant, Double> hourly) {

  private static final Set<String> TOP = Set.of("fixedGPerKwh", "hourly");
  private static final Set<String> SERIES = Set.of("start", "values");

  CarbonUpload {
    hourly = new TreeMap<>(hourly);
  }

  /**
   * Parses a body.
   *
   * @throws ProblemException 400 naming the field at fault
   */
  static CarbonUpload parse(byte[] body) {
    JsonNode root = JsonFields.object(body);
    checkFields("", root, TOP);
    Double fixed = null;
    JsonNode f = root.get("fixedGPerKwh");
    if (f != null && !f.isNull()) {
      fixed = JsonFields.number(root, "", "fixedGPerKwh");
      if (!(fixed >= 0 && fixed < 5000)) {
        throw ProblemException.badBody(
            "fixedGPerKwh", "fixedGPerKwh must be in [0, 5000) g/kWh, was " + fixed);
      }
    }
    Map<Instant, Double> hours = new TreeMap<>();
    JsonNode h = root.get("hourly");
    if (h != null && !h.isNull()) {
      object(h, "hourly");
      checkFields("hourly.", h, SERIES);
      String startText = text(h, "hourly.", "start", true);
      Instant start;
      try {
        start = OffsetDateTime.parse(startText).toInstant();
      } catch (DateTimeParseException e) {
        throw ProblemException.badBody(
            "hourly.start",
            "hourly.start must be an ISO-8601 date-time with an offset, e.g."
                + " 2026-03-01T00:00:00Z, was '"
                + startText
                + "'");
      }
      if (start.getEpochSecond() % 3600 != 0 || start.getNano() != 0) {
        throw ProblemException.badBody(
            "hourly.start", "hourly.start must be on a UTC hour, was " + startText);
      }
      Double[] v = values(h, "hourly.");
      for (int i = 0; i < v.length; i++) {
        if (v[i] != null) {
          if (!(v[i] >= 0 && v[i] < 5000)) {
            throw ProblemException.badBody(
                "hourly.values[" + i + "]",
                "hourly.values[" + i + "] must be in [0, 5000) g/kWh, was " + v[i]);
          }
          hours.put(start.plusSeconds(3600L * i), v[i]);
        }
      }
    }
    if (fixed == null && hours.isEmpty()) {
      throw ProblemException.badBody(
          "fixedGPerKwh", "fixedGPerKwh or hourly is required (g CO2 per kWh)");
    }
    return new CarbonUpload(fixed, hours);
  }
}
