package io.gridlens.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridlens.core.reference.Contract;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.reference.ReferenceData;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** The tenant endpoints: fleet summary, ingest status, recent dead letters. */
final class TenantResources {

  private final ReferenceData reference;
  private final MeterDirectory directory;
  private final IngestLedger ledger;
  private final AccessPolicy policy;
  private final ApiConfig config;
  private final Clock clock;
  private final Snapshots snapshots;

  TenantResources(
      ReferenceData reference,
      MeterDirectory directory,
      IngestLedger ledger,
      AccessPolicy policy,
      ApiConfig config,
      Clock clock,
      Snapshots snapshots) {
    this.reference = reference;
    this.directory = directory;
    this.ledger = ledger;
    this.policy = policy;
    this.config = config;
    this.clock = clock;
    this.snapshots = snapshots;
  }

  /**
   * The tenant of the path, checked: 404 when the caller may not know it exists (or it has no meter
   * and is not the caller's own), 403 when it may know it but not read its figures.
   */
  private String tenant(Context ctx, Collection<Meter> meters) {
    String tenant = ctx.pathParam("tenant");
    Principal p = ApiServer.principal(ctx);
    boolean own = p.tenant().equals(tenant);
    if (!policy.canSeeTenant(p, tenant) || (meters.isEmpty() && !own)) {
      throw ProblemException.notFound("unknown tenant '" + tenant + "'");
    }
    if (!policy.canReadTenant(p, tenant)) {
      throw ProblemException.forbidden(
          "a " + p.role().name().toLowerCase() + " may not read tenant figures; a retailer may");
    }
    return tenant;
  }

  void summary(Context ctx) {
    String name = ctx.pathParam("tenant");
    Collection<Meter> meters = directory.meters(name);
    String tenant = tenant(ctx, meters);
    Map<String, Long> byTariff = new TreeMap<>();
    Map<String, Long> byZone = new TreeMap<>();
    Map<String, Long> byInterval = new TreeMap<>();
    long withPremise = 0;
    long withContract = 0;
    for (Meter m : meters) {
      LocalDate today = LocalDate.now(clock.withZone(m.zone()));
      Contract c = reference.contract(m.id(), today).orElse(null);
      if (c != null) {
        withContract++;
      }
      if (reference.premise(m.id(), today).isPresent()) {
        withPremise++;
      }
      byTariff.merge(c == null ? "NONE" : c.tariff().name(), 1L, Long::sum);
      byZone.merge(m.zone().getId(), 1L, Long::sum);
      byInterval.merge(Integer.toString(m.intervalMinutes()), 1L, Long::sum);
    }
    ObjectNode n = Json.object();
    n.put("tenant", tenant);
    n.set("snapshot", snapshots.now());
    n.put("meters", meters.size());
    n.put("withPremise", withPremise);
    n.put("withContract", withContract);
    n.set("byTariff", counts(byTariff));
    n.set("byZone", counts(byZone));
    n.set("byIntervalMinutes", counts(byInterval));
    ApiServer.json(ctx, 200, n);
  }

  private static ObjectNode counts(Map<String, Long> m) {
    ObjectNode n = Json.object();
    m.forEach(n::put);
    return n;
  }

  void ingestStatus(Context ctx) {
    String tenant = tenant(ctx, directory.meters(ctx.pathParam("tenant")));
    IngestLedger.Status s = ledger.status(tenant);
    ObjectNode n = Json.object();
    n.put("tenant", tenant);
    n.set("snapshot", snapshots.now());
    n.put("requests", s.requests());
    n.put("inFlight", s.inFlight());
    n.put("accepted", s.accepted());
    n.put("rejected", s.rejected());
    n.put("failed", s.failed());
    if (s.lastAt() == null) {
      n.putNull("lastAt");
    } else {
      n.put("lastAt", s.lastAt().toString());
    }
    n.put("lastSummary", s.lastSummary());
    n.put("since", "the start of this API instance");
    ApiServer.json(ctx, 200, n);
  }

  void deadLetters(Context ctx) {
    String tenant = tenant(ctx, directory.meters(ctx.pathParam("tenant")));
    int limit =
        QueryParams.positiveInt("limit", ctx.queryParam("limit"), 100, config.deadLetterRing());
    ObjectNode n = Json.object();
    n.put("tenant", tenant);
    n.set("snapshot", snapshots.now());
    ArrayNode letters = n.putArray("deadLetters");
    for (IngestLedger.Letter l : ledger.recent(tenant, limit)) {
      ObjectNode o = letters.addObject();
      o.put("at", l.at().toString());
      o.put("format", l.format());
      o.put("line", l.line());
      o.put("record", l.record());
      o.put("field", l.field());
      o.put("reason", l.reason());
    }
    ApiServer.json(ctx, 200, n);
  }
}
