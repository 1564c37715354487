package io.gridlens.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.reference.ReferenceData;
import io.gridlens.formats.ErrorPolicy;
import io.gridlens.formats.ReadOptions;
import io.gridlens.formats.ReadingFormat;
import io.gridlens.formats.ReadingFormatException;
import io.gridlens.formats.ReadingReader;
import io.gridlens.ingest.IngestReport;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;

/** Uploads of readings and reference-data upserts. */
final class IngestResources {

  private final IngestPort ingest;
  private final ReferenceWriter writer;
  private final ReferenceData reference;
  private final IngestLedger ledger;
  private final AccessPolicy policy;
  private final ApiConfig config;
  private final Clock clock;
  private final Snapshots snapshots;

  IngestResources(
      IngestPort ingest,
      ReferenceWriter writer,
      ReferenceData reference,
      IngestLedger ledger,
      AccessPolicy policy,
      ApiConfig config,
      Clock clock,
      Snapshots snapshots) {
    this.ingest = ingest;
    this.writer = writer;
    this.reference = reference;
    this.ledger = ledger;
    this.policy = policy;
    this.config = config;
    this.clock = clock;
    this.snapshots = snapshots;
  }

  /**
   * {@code POST /api/v1/ingest?format=..}: streams the body to the ingest service, never holding it
   * in memory, and answers with the report.
   */
  void upload(Context ctx) throws IOException {
    Principal p = ApiServer.principal(ctx);
    if (!policy.canIngest(p)) {
      throw ProblemException.forbidden("a consumer may not upload readings; a retailer may");
    }
    if (ingest == null) {
      throw ProblemException.unavailable("ingest is not enabled on this API instance");
    }
    String name = ctx.queryParam("format");
    if (name == null || name.isBlank()) {
      throw ProblemException.badParameter(
          "format", "query parameter 'format' is required; known: " + known());
    }
    ReadingFormat format;
    try {
      format = ReadingFormat.byName(name);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badParameter("format", e.getMessage());
    }
    long declared = ctx.req().getContentLengthLong();
    if (declared > config.maxUploadBytes()) {
      throw ProblemException.tooLarge(
          "upload of "
              + declared
              + " bytes is larger than the limit of "
              + config.maxUploadBytes()
              + " bytes; split it, or compress it with gzip");
    }
    ReadOptions options = ReadOptions.defaults().withErrorPolicy(ErrorPolicy.SKIP_AND_REPORT);
    String meterId = ctx.queryParam("meterId");
    if (meterId != null) {
      try {
        options = options.withMeterId(meterId);
      } catch (IllegalArgumentException e) {
        throw ProblemException.badParameter("meterId", e.getMessage());
      }
    }
    LimitedInputStream body =
        new LimitedInputStream(ctx.req().getInputStream(), config.maxUploadBytes());
    ledger.started(p.tenant());
    IngestReport report;
    try {
      ReadingReader reader = open(format, body, options);
      report = ingest.ingest(reader, p);
    } catch (RuntimeException e) {
      ledger.abandoned(p.tenant());
      if (body.exceeded()) {
        throw ProblemException.tooLarge(
            "upload went past the limit of "
                + config.maxUploadBytes()
                + " bytes and was cut off; readings before the cut may already be logged:"
                + " sending the whole file again is safe (identical readings are duplicates),"
                + " split it or compress it with gzip");
      }
      if (e instanceof ReadingFormatException) {
        throw ProblemException.badParameter("body", "not a " + name + " upload: " + e.getMessage());
      }
      throw e;
    }
    ledger.finished(p.tenant(), format.formatName(), report, clock.instant());
    ObjectNode n = Json.object();
    n.put("accepted", report.accepted());
    n.put("rejected", report.rejected());
    n.put("failed", report.failed());
    ArrayNode errors = n.putArray("errors");
    for (IngestReport.IngestError e : report.errors()) {
      ObjectNode o = errors.addObject();
      o.put("line", e.line());
      o.put("record", e.record());
      o.put("field", e.field());
      o.put("reason", e.reason());
    }
    if (report.failure() != null) {
      n.put("failure", report.failure());
    }
    n.set("snapshot", snapshots.now());
    ApiServer.json(ctx, 200, n);
  }

  private static ReadingReader open(ReadingFormat format, InputStream body, ReadOptions options) {
    return format.open(body, options);
  }

  private static String known() {
    StringBuilder sb = new StringBuilder();
    for (ReadingFormat f : ReadingFormat.values()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(f.formatName());
    }
    return sb.toString();
  }

  /** {@code PUT /api/v1/meters/{meterId}}: the meter, its premise and contract versions. */
  void upsertMeter(Context ctx) {
    Principal p = ApiServer.principal(ctx);
    String meterId = ctx.pathParam("meterId");
    if (p.role() == Role.CONSUMER) {
      throw ProblemException.forbidden("a consumer may not change reference data; a retailer may");
    }
    if (writer == null) {
      throw ProblemException.unavailable("reference data is read-only on this API instance");
    }
    MeterUpsert u = MeterUpsert.parse(ctx.bodyAsBytes(), meterId);
    String tenant = u.meter().tenant();
    Meter existing = reference.meter(meterId).orElse(null);
    if (existing != null && !policy.canWriteMeters(p, existing.tenant())) {
      // Another tenant's meter: answered as if it did not exist.
      throw ProblemException.unknownMeter(meterId);
    }
    if (!policy.canWriteMeters(p, tenant)) {
      throw ProblemException.forbidden(
          "tenant: a retailer of '"
              + p.tenant()
              + "' may only upsert meters of its own tenant, was '"
              + tenant
              + "'");
    }
    writer.upsert(u.meter(), u.premise(), u.contract());
    ObjectNode n = Json.object();
    n.put("meterId", meterId);
    n.put("tenant", tenant);
    n.put("created", existing == null);
    n.set("meter", Json.MAPPER.valueToTree(u.meter()));
    n.set("premise", u.premise() == null ? null : Json.MAPPER.valueToTree(u.premise()));
    n.set("contract", u.contract() == null ? null : Json.MAPPER.valueToTree(u.contract()));
    n.set("snapshot", snapshots.now());
    ApiServer.json(ctx, 200, n);
  }
}
