package io.gridlens.api;

import static io.gridlens.api.JsonFields.checkFields;
import static io.gridlens.api.JsonFields.date;
import static io.gridlens.api.JsonFields.enumOf;
import static io.gridlens.api.JsonFields.integer;
import static io.gridlens.api.JsonFields.number;
import static io.gridlens.api.JsonFields.object;
import static io.gridlens.api.JsonFields.text;
import static io.gridlens.api.JsonFields.zone;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridlens.core.reference.Contract;
import io.gridlens.core.reference.DwellingType;
import io.gridlens.core.reference.HeatingEnergy;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.reference.Period;
import io.gridlens.core.reference.Premise;
import io.gridlens.core.reference.TariffKind;
import io.gridlens.core.reference.TimeWindow;
import io.gridlens.core.reference.Validity;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The body of {@code PUT /api/v1/meters/{meterId}} (DESIGN.md section 12) as reference records: a
 * meter, and optionally its premise version and contract version.
 *
 * <pre>{@code
 * {"tenant":"t1","zone":"Europe/Paris","region":"FR-IDF","customerId":"C1","intervalMinutes":30,
 *  "premise":{"id":"P1","validFrom":"2026-01-01","dwelling":"HOUSE","floorAreaM2":95,
 *             "heating":"ELECTRIC","occupants":3},
 *  "contract":{"validFrom":"2026-01-01","tariff":"HPHC","kva":6,"offPeak":["22:00-06:00"],
 *              "prices":{"HP":0.2081,"HC":0.1635},"standingEurPerYear":185.58}}
 * }</pre>
 *
 * <p>Defaults: {@code customerId} = the meter id, {@code intervalMinutes} = 30, premise id = {@code
 * P-<meterId>}, a premise without {@code validFrom} is valid for ever. Unknown fields are refused
 * (a misspelt field would otherwise be silently dropped). Every error names its field, as a path
 * ({@code contract.prices.HP}).
 *
 * @param meter the meter
 * @param premise its premise version, or null
 * @param contract its contract version, or null
 */
record MeterUpsert(Meter meter, Premise premise, Contract contract) {

  private static final Set<String> TOP =
      Set.of(
          "meterId",
          "tenant",
          "zone",
          "region",
          "customerId",
          "intervalMinutes",
          "premise",
          "contract");
  private static final Set<String> PREMISE =
      Set.of(
          "id",
          "validFrom",
          "validTo",
          "dwelling",
          "floorAreaM2",
          "heating",
          "occupants",
          "region");
  private static final Set<String> CONTRACT =
      Set.of("validFrom", "validTo", "tariff", "kva", "offPeak", "prices", "standingEurPerYear");

  MeterUpsert {
    Objects.requireNonNull(meter, "meter");
  }

  /**
   * Parses a body.
   *
   * @throws ProblemException 400 naming the field at fault
   */
  static MeterUpsert parse(byte[] body, String meterId) {
    JsonNode root = JsonFields.object(body);
    checkFields("", root, TOP);
    String bodyMeter = text(root, "", "meterId", false);
    if (bodyMeter != null && !bodyMeter.equals(meterId)) {
      throw ProblemException.badBody(
          "meterId",
          "meterId in the body ('" + bodyMeter + "') differs from the path ('" + meterId + "')");
    }
    String tenant = text(root, "", "tenant", true);
    ZoneId zone = zone(text(root, "", "zone", true));
    String region = text(root, "", "region", false);
    String customerId = text(root, "", "customerId", false);
    int minutes = integer(root, "", "intervalMinutes", 30);

    Premise premise = null;
    String premiseId = "P-" + meterId;
    JsonNode p = root.get("premise");
    if (p != null && !p.isNull()) {
      object(p, "premise");
      checkFields("premise.", p, PREMISE);
      String id = text(p, "premise.", "id", false);
      premiseId = id == null ? premiseId : id;
      String premiseRegion = text(p, "premise.", "region", false);
      String r = premiseRegion != null ? premiseRegion : region;
      if (r == null) {
        throw ProblemException.badBody(
            "region",
            "region is required with a premise: its weather and carbon region, e.g. FR-IDF");
      }
      Validity validity = validity(p, "premise.", false);
      DwellingType dwelling =
          enumOf(DwellingType.class, text(p, "premise.", "dwelling", true), "premise.dwelling");
      HeatingEnergy heating =
          enumOf(HeatingEnergy.class, text(p, "premise.", "heating", true), "premise.heating");
      double area = number(p, "premise.", "floorAreaM2");
      int occupants = integer(p, "premise.", "occupants", -1);
      String pid = premiseId;
      premise =
          build(
              "premise",
              () ->
                  new Premise(pid, tenant, zone, r, dwelling, area, heating, occupants, validity));
    }

    Contract contract = null;
    JsonNode c = root.get("contract");
    if (c != null && !c.isNull()) {
      object(c, "contract");
      checkFields("contract.", c, CONTRACT);
      Validity validity = validity(c, "contract.", true);
      TariffKind tariff;
      String tariffText = text(c, "contract.", "tariff", true);
      try {
        tariff = TariffKind.parse(tariffText);
      } catch (IllegalArgumentException e) {
        throw ProblemException.badBody("contract.tariff", "contract.tariff: " + e.getMessage());
      }
      double kva = number(c, "contract.", "kva");
      List<TimeWindow> offPeak = new ArrayList<>();
      JsonNode windows = c.get("offPeak");
      if (windows != null && !windows.isNull()) {
        if (!windows.isArray()) {
          throw ProblemException.badBody(
              "contract.offPeak",
              "contract.offPeak must be an array of \"HH:MM-HH:MM\" strings, e.g. [\"22:00-06:00\"]");
        }
        for (int i = 0; i < windows.size(); i++) {
          String field = "contract.offPeak[" + i + "]";
          JsonNode w = windows.get(i);
          if (!w.isTextual()) {
            throw ProblemException.badBody(field, field + " must be a string HH:MM-HH:MM");
          }
          try {
            offPeak.add(TimeWindow.parse(w.asText()));
          } catch (IllegalArgumentException e) {
            throw ProblemException.badBody(field, field + ": " + e.getMessage());
          }
        }
      }
      Map<Period, Double> prices = prices(c.get("prices"));
      double standing = number(c, "contract.", "standingEurPerYear");
      contract =
          build(
              "contract",
              () ->
                  new Contract(meterId, tenant, validity, tariff, kva, offPeak, prices, standing));
    }

    String pid = premiseId;
    String customer = customerId == null ? meterId : customerId;
    Meter meter = build("meter", () -> new Meter(meterId, tenant, pid, customer, zone, minutes));
    return new MeterUpsert(meter, premise, contract);
  }

  private static <T> T build(String what, Supplier<T> record) {
    try {
      return record.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ProblemException.badBody(what, what + ": " + e.getMessage());
    }
  }

  private static Validity validity(JsonNode n, String prefix, boolean fromRequired) {
    LocalDate from = date(n, prefix, "validFrom", fromRequired);
    LocalDate to = date(n, prefix, "validTo", false);
    try {
      return new Validity(from == null ? LocalDate.MIN : from, to);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badBody(prefix + "validTo", prefix + "validTo: " + e.getMessage());
    }
  }

  private static Map<Period, Double> prices(JsonNode n) {
    if (n == null || n.isNull()) {
      throw ProblemException.badBody(
          "contract.prices",
          "contract.prices is required: EUR/kWh per period, e.g. {\"HP\":0.2081,\"HC\":0.1635}");
    }
    object(n, "contract.prices");
    Map<Period, Double> out = new EnumMap<>(Period.class);
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      String field = "contract.prices." + e.getKey();
      Period p = enumOf(Period.class, e.getKey(), field);
      if (!e.getValue().isNumber()) {
        throw ProblemException.badBody(
            field, field + " must be a number (EUR/kWh), was " + e.getValue());
      }
      out.put(p, e.getValue().asDouble());
    }
    return out;
  }
}
