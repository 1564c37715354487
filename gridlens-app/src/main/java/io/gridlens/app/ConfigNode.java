package io.gridlens.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One mapping of the YAML configuration, read key by key by the config record that owns it: each
 * read declares a key, so {@link #finish()} can refuse every key nobody declared, naming the ones
 * that exist ("unknown key 'kafka.bootstrap-server'; known: kafka.bootstrap-servers, ...").
 *
 * <p>Every error is a {@link ConfigException} naming the full dotted key, the value found and what
 * would be accepted. Not thread-safe; lives while one file is read.
 */
final class ConfigNode {

  private final String path;
  private final JsonNode node;
  private final Set<String> declared = new LinkedHashSet<>();

  ConfigNode(String path, JsonNode node) {
    this.path = path;
    this.node = node == null || node.isNull() ? MissingNode.getInstance() : node;
    if (!this.node.isMissingNode() && !this.node.isObject()) {
      throw new ConfigException(
          (path.isEmpty() ? "the configuration" : "'" + path + "'")
              + " must be a mapping of keys, was "
              + describe(this.node));
    }
  }

  /** The dotted name of a key of this mapping. */
  String key(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** The sub-mapping under a key (empty when absent). */
  ConfigNode section(String name) {
    declared.add(name);
    return new ConfigNode(key(name), node.get(name));
  }

  /** A string, or the default when the key is absent or null. */
  String string(String name, String dflt) {
    JsonNode v = value(name);
    if (v == null) {
      return dflt;
    }
    if (!v.isValueNode() || v.isBinary()) {
      throw new ConfigException(key(name) + " must be a plain value, was " + describe(v));
    }
    return v.asText();
  }

  /** An integer in {@code [min, max]}, or the default. */
  int integer(String name, int dflt, int min, int max) {
    JsonNode v = value(name);
    if (v == null) {
      return dflt;
    }
    if (!v.canConvertToExactIntegral() || !v.canConvertToInt() || v.isBoolean()) {
      if (!(v.isTextual() && v.asText().matches("-?\\d{1,9}"))) {
        throw new ConfigException(
            key(name)
                + " must be an integer in "
                + min
                + ".."
                + max
                + ", was "
                + describe(v)
                + " (default "
                + dflt
                + ")");
      }
    }
    int i = v.isTextual() ? Integer.parseInt(v.asText()) : v.intValue();
    if (i < min || i > max) {
      throw new ConfigException(
          key(name) + " must be in " + min + ".." + max + ", was " + i + " (default " + dflt + ")");
    }
    return i;
  }

  /**
   * A value parsed from its text, or the default; the parser throws {@link
   * IllegalArgumentException} (or any runtime exception) on a bad value, whose message follows.
   */
  <T> T parsed(String name, T dflt, String expected, Function<String, T> parser) {
    String s = string(name, null);
    if (s == null) {
      return dflt;
    }
    try {
      return parser.apply(s.strip());
    } catch (RuntimeException e) {
      throw new ConfigException(
          key(name)
              + " must be "
              + expected
              + ", was '"
              + s
              + "'"
              + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
    }
  }

  /** A list of plain values (a YAML sequence, or one comma-separated string), or the default. */
  List<String> list(String name, List<String> dflt) {
    JsonNode v = value(name);
    if (v == null) {
      return dflt;
    }
    List<String> out = new ArrayList<>();
    if (v.isArray()) {
      for (JsonNode e : v) {
        if (!e.isValueNode() || e.isNull()) {
          throw new ConfigException(
              key(name) + " must list plain values, has the item " + describe(e));
        }
        out.add(e.asText().strip());
      }
    } else if (v.isValueNode()) {
      for (String s : v.asText().split(",")) {
        if (!s.isBlank()) {
          out.add(s.strip());
        }
      }
    } else {
      throw new ConfigException(key(name) + " must be a list, was " + describe(v));
    }
    return out;
  }

  /**
   * Refuses every key of this mapping that no read declared.
   *
   * @throws ConfigException naming the first unknown key and every known one
   */
  void finish() {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!declared.contains(k)) {
        List<String> known = declared.stream().map(this::key).toList();
        throw new ConfigException(
            "unknown key '" + key(k) + "'; known: " + String.join(", ", known));
      }
    }
  }

  private JsonNode value(String name) {
    declared.add(name);
    JsonNode v = node.get(name);
    return v == null || v.isNull() ? null : v;
  }

  private static String describe(JsonNode v) {
    if (v.isObject()) {
      return "a mapping";
    }
    if (v.isArray()) {
      return "a list";
    }
    return "'" + v.asText() + "'";
  }
}
