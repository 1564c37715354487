package io.gridlens.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.gridlens.core.Cut;
import io.gridlens.core.blend.BlendedDay;
import io.gridlens.core.blend.Snapshot;
import io.gridlens.core.insight.DayInsights;
import io.gridlens.core.insight.PeriodTotals;
import io.gridlens.core.reference.Period;
import io.gridlens.core.view.BatchVersion;
import io.gridlens.core.view.ViewPointer;
import java.util.Map;

/**
 * The JSON shapes of the API: snapshot, day, totals, pointer. Amounts are JSON numbers, rounded for
 * reading (kWh to the Wh, euros to 1/100 cent, CO2 to 0.1 g); an absent figure is null, never 0.
 */
final class Json {

  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  static byte[] bytes(Object node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON answer: " + e.getMessage(), e);
    }
  }

  static double kwh(long wh) {
    return wh / 1000.0;
  }

  static double round(double v, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(v * scale) / scale;
  }

  /** {@code {"batchVersion":12,"cut":{"0":1042},"freshAsOf":"..."}}. */
  static ObjectNode snapshot(Snapshot s) {
    ObjectNode n = object();
    if (s.batch() == null) {
      n.putNull("batchVersion");
    } else {
      n.put("batchVersion", s.batch().number());
    }
    n.set("cut", cut(s.cut()));
    n.put("freshAsOf", s.freshAsOf().toString());
    return n;
  }

  static ObjectNode cut(Cut cut) {
    ObjectNode n = object();
    cut.sortedOffsets().forEach((p, o) -> n.put(Integer.toString(p), o));
    return n;
  }

  static ObjectNode version(BatchVersion v) {
    ObjectNode n = object();
    n.put("version", v.number());
    n.set("cut", cut(v.cut()));
    n.put("publishedAt", v.publishedAt().toString());
    ObjectNode held = object();
    v.heldUpTo().forEach((p, t) -> held.put(Integer.toString(p), t.toString()));
    n.set("heldUpTo", held);
    return n;
  }

  /** {@code {"current":{...},"previous":{...}|null}}, or null when nothing was published. */
  static ObjectNode pointer(ViewPointer p) {
    if (p == null) {
      return null;
    }
    ObjectNode n = object();
    n.set("current", version(p.current()));
    n.set("previous", p.previous() == null ? null : version(p.previous()));
    return n;
  }

  static ObjectNode intervals(long expected, long actual, long estimated, long missing) {
    ObjectNode n = object();
    n.put("expected", expected);
    n.put("actual", actual);
    n.put("estimated", estimated);
    n.put("missing", missing);
    return n;
  }

  static ObjectNode tou(Map<Period, Long> touWh) {
    ObjectNode n = object();
    touWh.forEach((p, wh) -> n.put(p.name(), kwh(wh)));
    return n;
  }

  static void putAmount(ObjectNode n, String field, double v, int decimals) {
    if (Double.isNaN(v)) {
      n.putNull(field);
    } else {
      n.put(field, round(v, decimals));
    }
  }

  /** One day of a blended answer, in the shape of DESIGN.md section 12. */
  static ObjectNode day(BlendedDay d) {
    DayInsights i = d.insights();
    ObjectNode n = object();
    n.put("date", d.date().toString());
    n.put("kwh", kwh(i.wh()));
    n.put("status", d.status().json());
    n.set("intervals", intervals(i.expected(), i.actual(), i.estimated(), i.missing()));
    n.set("tou", tou(i.touWh()));
    putAmount(n, "costEur", i.hasCost() ? i.costEur() : Double.NaN, 4);
    putAmount(n, "co2G", i.co2G(), 1);
    return n;
  }

  /** Totals of some days: energy, interval counts, split, cost and carbon (null when none). */
  static ObjectNode totals(PeriodTotals t) {
    ObjectNode n = object();
    n.put("days", t.days());
    n.put("kwh", kwh(t.wh()));
    n.set("intervals", intervals(t.expected(), t.actual(), t.estimated(), t.missing()));
    n.set("tou", tou(t.touWh()));
    putAmount(n, "costEur", t.daysWithCost() == 0 ? Double.NaN : t.costEur(), 4);
    n.put("daysWithCost", t.daysWithCost());
    putAmount(n, "co2G", t.daysWithCo2() == 0 ? Double.NaN : t.co2G(), 1);
    n.put("daysWithCo2", t.daysWithCo2());
    return n;
  }
}
