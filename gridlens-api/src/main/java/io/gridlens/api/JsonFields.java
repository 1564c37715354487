package io.gridlens.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reading the fields of a JSON request body, each refusal a 400 problem naming the field by its
 * path ({@code contract.prices.HP}, {@code hourly.values[17]}) and saying what it must be.
 */
final class JsonFields {

  private JsonFields() {}

  /** The body as a JSON object. */
  static JsonNode object(byte[] body) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw ProblemException.badBody(
          null,
          "body is not valid JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw ProblemException.badBody(null, "cannot read the body: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw ProblemException.badBody(null, "body must be a JSON object");
    }
    return root;
  }

  static void object(JsonNode n, String field) {
    if (!n.isObject()) {
      throw ProblemException.badBody(field, field + " must be a JSON object");
    }
  }

  static void checkFields(String prefix, JsonNode n, Set<String> known) {
    for (Map.Entry<String, JsonNode> field : n.properties()) {
      String name = field.getKey();
      if (!known.contains(name)) {
        throw ProblemException.badBody(
            prefix + name,
            "unknown field '"
                + prefix
                + name
                + "'; known: "
                + known.stream().sorted().map(k -> prefix + k).toList());
      }
    }
  }

  static String text(JsonNode n, String prefix, String name, boolean required) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      if (required) {
        throw ProblemException.badBody(prefix + name, prefix + name + " is required");
      }
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw ProblemException.badBody(
          prefix + name, prefix + name + " must be a non-blank string, was " + v);
    }
    return v.asText().strip();
  }

  static double number(JsonNode n, String prefix, String name) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      throw ProblemException.badBody(prefix + name, prefix + name + " is required (a number)");
    }
    if (!v.isNumber()) {
      throw ProblemException.badBody(prefix + name, prefix + name + " must be a number, was " + v);
    }
    return v.asDouble();
  }

  static int integer(JsonNode n, String prefix, String name, int dflt) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      if (dflt < 0) {
        throw ProblemException.badBody(prefix + name, prefix + name + " is required (an integer)");
      }
      return dflt;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw ProblemException.badBody(
          prefix + name, prefix + name + " must be an integer, was " + v);
    }
    return v.asInt();
  }

  static LocalDate date(JsonNode n, String prefix, String name, boolean required) {
    String text = text(n, prefix, name, required);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw ProblemException.badBody(
          prefix + name, prefix + name + " must be a date YYYY-MM-DD, was '" + text + "'");
    }
  }

  static ZoneId zone(String text) {
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw ProblemException.badBody(
          "zone", "zone must be an IANA time zone such as Europe/Paris, was '" + text + "'");
    }
  }

  static <E extends Enum<E>> E enumOf(Class<E> type, String text, String field) {
    String n = text.toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(n)) {
        return e;
      }
    }
    throw ProblemException.badBody(
        field,
        field
            + " must be one of "
            + Arrays.toString(type.getEnumConstants())
            + ", was '"
            + text
            + "'");
  }

  /**
   * The {@code values} array of a series object: numbers, or null where there is no value.
   *
   * @param prefix the path of the series, e.g. {@code hourly.}
   */
  static Double[] values(JsonNode series, String prefix) {
    JsonNode v = series.get("values");
    if (v == null || !v.isArray()) {
      throw ProblemException.badBody(
          prefix + "values",
          prefix + "values is required: an array of numbers (null where there is none)");
    }
    Double[] out = new Double[v.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode x = v.get(i);
      if (x.isNumber()) {
        out[i] = x.asDouble();
      } else if (!x.isNull()) {
        throw ProblemException.badBody(
            prefix + "values[" + i + "]",
            prefix + "values[" + i + "] must be a number or null, was " + x);
      }
    }
    return out;
  }
}
