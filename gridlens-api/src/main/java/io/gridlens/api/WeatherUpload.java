package io.gridlens.api;

import static io.gridlens.api.JsonFields.checkFields;
import static io.gridlens.api.JsonFields.enumOf;
import static io.gridlens.api.JsonFields.object;
import static io.gridlens.api.JsonFields.text;
import static io.gridlens.api.JsonFields.values;
import static io.gridlens.api.JsonFields.zone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.gridlens.core.reference.Weather;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The body of {@code PUT /api/v1/regions/{region}/weather}: a region's temperatures, as JSON or as
 * a CSV file of hourly temperatures (the shape of NOAA and OpenEEmeter files).
 *
 * <p>JSON ({@code Content-Type: application/json}), a series being a start and consecutive values,
 * null where there is none:
 *
 * <pre>{@code
 * {"zone":"Europe/Paris","unit":"C",
 *  "hourly":{"start":"2026-01-01T00:00:00+01:00","values":[4.1,3.9,null,3.6, ...]},
 *  "daily":{"start":"2026-01-01","values":[5.2,6.0, ...]}}
 * }</pre>
 *
 * <p>CSV ({@code Content-Type: text/csv}, gzip-compressed or not), a header line, then one hour a
 * line: {@code timestamp,temperature}, e.g. {@code dt,tempF} / {@code
 * 2015-11-22T00:00:00-06:00,21.01}. The timestamp is ISO-8601 ({@code T} or a space between date
 * and time) with an offset or {@code Z}; without one it is UTC, as in NOAA's files. An empty
 * temperature is a missing hour. The zone is the query parameter {@code zone}; the unit the query
 * parameter {@code unit}, else the header: a temperature column whose name ends in {@code F}
 * ({@code tempF}, {@code temp_f}) is Fahrenheit, any other is Celsius.
 *
 * <p>Hourly values become the intra-day samples of their local days in {@code zone} (which must be
 * the zone of the region's meters for the per-interval degree-day estimator to use them); a day
 * missing an hour gets no samples and is listed in {@link #incompleteDays()}. A daily value is that
 * day's mean, and wins over the mean of its hours. Temperatures are kept in °C.
 *
 * @param weather the uploaded days
 * @param unit the unit the temperatures were given in
 * @param incompleteDays local days with some hours but not all, left without samples
 */
record WeatherUpload(Weather weather, Unit unit, SortedSet<LocalDate> incompleteDays) {

  /** A temperature unit. */
  enum Unit {
    C,
    F;

    double toCelsius(double t) {
      return this == C ? t : (t - 32) * 5 / 9;
    }
  }

  private static final Set<String> TOP = Set.of("zone", "unit", "hourly", "daily");
  private static final Set<String> SERIES = Set.of("start", "values");

  WeatherUpload {
    Objects.requireNonNull(weather, "weather");
    Objects.requireNonNull(unit, "unit");
    incompleteDays = new TreeSet<>(incompleteDays);
  }

  /**
   * Parses a JSON body.
   *
   * @throws ProblemException 400 naming the field at fault
   */
  static WeatherUpload json(byte[] body, String region) {
    JsonNode root = JsonFields.object(body);
    checkFields("", root, TOP);
    String unitText = text(root, "", "unit", false);
    Unit unit = unitText == null ? Unit.C : enumOf(Unit.class, unitText, "unit");
    JsonNode hourly = root.get("hourly");
    JsonNode daily = root.get("daily");
    if ((hourly == null || hourly.isNull()) && (daily == null || daily.isNull())) {
      throw ProblemException.badBody(
          "hourly",
          "hourly or daily is required: {\"start\":...,\"values\":[...]} of temperatures");
    }
    ZoneId zone = null;
    Map<Instant, Double> hours = new HashMap<>();
    if (hourly != null && !hourly.isNull()) {
      object(hourly, "hourly");
      checkFields("hourly.", hourly, SERIES);
      zone = zone(text(root, "", "zone", true));
      String startText = text(hourly, "hourly.", "start", true);
      Instant start = instant(startText, "hourly.start");
      Double[] v = values(hourly, "hourly.");
      for (int i = 0; i < v.length; i++) {
        if (v[i] != null) {
          hours.put(start.plusSeconds(3600L * i), unit.toCelsius(v[i]));
        }
      }
    }
    Map<LocalDate, Double> means = new TreeMap<>();
    if (daily != null && !daily.isNull()) {
      object(daily, "daily");
      checkFields("daily.", daily, SERIES);
      LocalDate start = JsonFields.date(daily, "daily.", "start", true);
      Double[] v = values(daily, "daily.");
      for (int i = 0; i < v.length; i++) {
        if (v[i] != null) {
          means.put(start.plusDays(i), unit.toCelsius(v[i]));
        }
      }
    }
    return of(region, zone, unit, hours, means, "hourly.values");
  }

  /**
   * Parses a CSV body of hourly temperatures.
   *
   * @param zoneText the {@code zone} query parameter (required)
   * @param unitText the {@code unit} query parameter, or null to go by the header
   * @throws ProblemException 400 naming the parameter, or the line and column at fault
   */
  static WeatherUpload csv(byte[] body, String region, String zoneText, String unitText) {
    if (zoneText == null || zoneText.isBlank()) {
      throw ProblemException.badParameter(
          "zone",
          "query parameter 'zone' is required with a CSV body: the zone whose local days the"
              + " hours are grouped into, e.g. Europe/Paris");
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(zoneText.strip());
    } catch (DateTimeException e) {
      throw ProblemException.badParameter(
          "zone", "zone must be an IANA time zone such as Europe/Paris, was '" + zoneText + "'");
    }
    Unit unit = null;
    if (unitText != null) {
      try {
        unit = Unit.valueOf(unitText.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ProblemException.badParameter("unit", "unit must be C or F, was '" + unitText + "'");
      }
    }
    Map<Instant, Double> hours = new HashMap<>();
    Map<Instant, Integer> lineOf = new HashMap<>();
    CsvMapper mapper = new CsvMapper();
    mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    mapper.enable(CsvParser.Feature.TRIM_SPACES);
    mapper.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
    int line = 0;
    try (MappingIterator<String[]> rows = mapper.readerFor(String[].class).readValues(body)) {
      while (rows.hasNext()) {
        String[] row = rows.next();
        line++;
        if (line == 1) {
          if (row.length < 2) {
            throw ProblemException.badBody(
                "header",
                "line 1 must be a header of two columns, timestamp,temperature (e.g. dt,tempF)");
          }
          if (unit == null) {
            unit = row[1].toLowerCase(Locale.ROOT).endsWith("f") ? Unit.F : Unit.C;
          }
          continue;
        }
        if (row.length < 2) {
          throw ProblemException.badBody(
              "temperature",
              "line " + line + " has " + row.length + " column; expected timestamp,temperature");
        }
        Instant t = instant(row[0], "line " + line + ": timestamp");
        if (row[1].isEmpty()) {
          continue;
        }
        double value;
        try {
          value = Double.parseDouble(row[1]);
        } catch (NumberFormatException e) {
          throw ProblemException.badBody(
              "temperature", "line " + line + ": temperature '" + row[1] + "' is not a number");
        }
        Integer before = lineOf.put(t, line);
        if (before != null) {
          throw ProblemException.badBody(
              "timestamp",
              "line " + line + ": hour " + t + " is given twice (also on line " + before + ")");
        }
        hours.put(t, unit.toCelsius(value));
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ProblemException p) {
        throw p;
      }
      throw ProblemException.badBody(
          null,
          "not a CSV of timestamp,temperature near line " + (line + 1) + ": " + e.getMessage());
    }
    if (hours.isEmpty()) {
      throw ProblemException.badBody(null, "the CSV holds no temperature");
    }
    return of(region, zone, unit, hours, Map.of(), "temperature");
  }

  private static WeatherUpload of(
      String region,
      ZoneId zone,
      Unit unit,
      Map<Instant, Double> hours,
      Map<LocalDate, Double> means,
      String hourField) {
    try {
      new Weather(region, means);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badBody("daily.values", e.getMessage());
    }
    Map<LocalDate, double[]> samples = Map.of();
    SortedSet<LocalDate> incomplete = new TreeSet<>();
    if (zone != null) {
      try {
        samples = Weather.ofHourly(region, zone, hours).samples();
      } catch (IllegalArgumentException e) {
        throw ProblemException.badBody(hourField, e.getMessage());
      }
      hours.keySet().forEach(t -> incomplete.add(t.atZone(zone).toLocalDate()));
      incomplete.removeAll(samples.keySet());
    }
    return new WeatherUpload(new Weather(region, means, zone, samples), unit, incomplete);
  }

  /** An ISO-8601 instant with an offset or Z ('T' or ' ' before the time), UTC without one. */
  private static Instant instant(String text, String field) {
    String iso = text.strip();
    if (iso.length() > 10 && iso.charAt(10) == ' ') {
      iso = iso.substring(0, 10) + 'T' + iso.substring(11);
    }
    try {
      return OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException again) {
        throw ProblemException.badBody(
            field.startsWith("line") ? "timestamp" : field,
            field
                + " must be an ISO-8601 date-time such as 2026-01-01T00:00:00+01:00 (UTC"
                + " without an offset), was '"
                + text
                + "'");
      }
    }
  }
}
