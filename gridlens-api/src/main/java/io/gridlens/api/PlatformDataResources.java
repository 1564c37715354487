package io.gridlens.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridlens.core.reference.CarbonIntensity;
import io.gridlens.core.reference.ReferenceData;
import io.gridlens.core.reference.TempoColour;
import io.gridlens.core.reference.Weather;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * Upserts of platform data: a region's weather and carbon intensity, and the Tempo day colours.
 * Admins only ({@link AccessPolicy#canWritePlatformData}). Each upload is laid over what the
 * platform has (its days, hours or Tempo days replace those; the others stay) and written to the
 * compacted reference topics (upserts of one region's same month racing each other: the last write
 * wins the whole month).
 */
final class PlatformDataResources {

  /** Largest body of a platform-data upload, compressed or not (a year of hourly CSV is 300 kB). */
  static final long MAX_BYTES = 64L << 20;

  private final ReferenceWriter writer;
  private final ReferenceData reference;
  private final AccessPolicy policy;
  private final ApiConfig config;
  private final Snapshots snapshots;

  PlatformDataResources(
      ReferenceWriter writer,
      ReferenceData reference,
      AccessPolicy policy,
      ApiConfig config,
      Snapshots snapshots) {
    this.writer = writer;
    this.reference = reference;
    this.policy = policy;
    this.config = config;
    this.snapshots = snapshots;
  }

  /** {@code PUT /api/v1/regions/{region}/weather}: JSON or CSV, see {@link WeatherUpload}. */
  void weather(Context ctx) {
    check(ctx, "weather");
    String region = region(ctx);
    byte[] body = body(ctx);
    String type = ctx.contentType();
    WeatherUpload u =
        type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("text/csv")
            ? WeatherUpload.csv(body, region, ctx.queryParam("zone"), ctx.queryParam("unit"))
            : WeatherUpload.json(body, region);
    Weather given = u.weather();
    Weather merged;
    try {
      merged = reference.weather(region).map(w -> w.with(given)).orElse(given);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badBody("zone", e.getMessage());
    }
    SortedSet<YearMonth> months = new TreeSet<>();
    given.days().keySet().forEach(d -> months.add(YearMonth.from(d)));
    write(() -> writer.upsertWeather(merged, months));
    ObjectNode n = Json.object();
    n.put("region", region);
    n.put("zone", given.zone().map(Object::toString).orElse(null));
    n.put("unit", u.unit().name());
    SortedSet<LocalDate> days = new TreeSet<>(given.days().keySet());
    n.put("days", days.size());
    n.put("daysWithSamples", given.samples().size());
    n.put("from", days.isEmpty() ? null : days.first().toString());
    n.put("to", days.isEmpty() ? null : days.last().toString());
    ArrayNode incomplete = n.putArray("incompleteDays");
    u.incompleteDays().forEach(d -> incomplete.add(d.toString()));
    ArrayNode m = n.putArray("months");
    months.forEach(x -> m.add(x.toString()));
    n.set("snapshot", snapshots.now());
    ApiServer.json(ctx, 200, n);
  }

  /** Most days one weather read answers (a year and a day). */
  static final int MAX_WEATHER_DAYS = 366;

  /**
   * {@code GET /api/v1/regions/{region}/weather?from=&to=}: what the platform computes with, for
   * any signed-in role (weather is not a tenant's): each day of the range that has a mean, with its
   * intra-day samples (°C, equally spaced from local midnight in {@code zone}) or null.
   */
  void readWeather(Context ctx) {
    String region = region(ctx);
    QueryParams.Dates r =
        QueryParams.range(
            ctx.queryParam("from"), ctx.queryParam("to"), MAX_WEATHER_DAYS, "weather");
    Weather w =
        reference
            .weather(region)
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        "no weather is known for region "
                            + region
                            + "; an admin gives it with PUT /api/v1/regions/"
                            + region
                            + "/weather"));
    ObjectNode n = Json.object();
    n.put("region", region);
    n.put("zone", w.zone().map(Object::toString).orElse(null));
    n.put("from", r.from().toString());
    n.put("to", r.to().toString());
    ArrayNode days = n.putArray("days");
    for (LocalDate d = r.from(); !d.isAfter(r.to()); d = d.plusDays(1)) {
      java.util.OptionalDouble mean = w.meanC(d);
      if (mean.isEmpty()) {
        continue;
      }
      ObjectNode o = days.addObject();
      o.put("date", d.toString());
      o.put("meanC", Json.round(mean.getAsDouble(), 3));
      java.util.Optional<double[]> samples = w.samples(d);
      if (samples.isPresent()) {
        ArrayNode a = o.putArray("samplesC");
        for (double t : samples.get()) {
          a.add(Json.round(t, 3));
        }
      } else {
        o.putNull("samplesC");
      }
    }
    n.set("snapshot", snapshots.now());
    ApiServer.json(ctx, 200, n);
  }

  /** {@code PUT /api/v1/regions/{region}/carbon}: see {@link CarbonUpload}. */
  void carbon(Context ctx) {
    check(ctx, "carbon intensity");
    String region = region(ctx);
    CarbonUpload u = CarbonUpload.parse(body(ctx));
    CarbonIntensity current = reference.carbon(region).orElse(null);
    if (u.fixedGPerKwh() == null && current == null) {
      throw ProblemException.badBody(
          "fixedGPerKwh",
          "fixedGPerKwh is required: region "
              + region
              + " has no carbon intensity yet, and hours without a figure need a factor");
    }
    CarbonIntensity merged;
    try {
      merged =
          current == null
              ? CarbonIntensity.hourly(region, u.hourly(), u.fixedGPerKwh())
              : current.with(u.hourly(), u.fixedGPerKwh());
    } catch (IllegalArgumentException e) {
      throw ProblemException.badBody("hourly", e.getMessage());
    }
    SortedSet<YearMonth> months = new TreeSet<>();
    u.hourly().keySet().forEach(t -> months.add(YearMonth.from(t.atOffset(ZoneOffset.UTC))));
    write(() -> writer.upsertCarbon(merged, months));
    ObjectNode n = Json.object();
    n.put("region", region);
    n.put("fixedGPerKwh", merged.fixedGPerKwh());
    n.put("hours", u.hourly().size());
    ArrayNode m = n.putArray("months");
    months.forEach(x -> m.add(x.toString()));
    n.set("snapshot", snapshots.now());
    ApiServer.json(ctx, 200, n);
  }

  /** {@code PUT /api/v1/tempo}: see {@link TempoUpload}. */
  void tempo(Context ctx) {
    check(ctx, "Tempo colours");
    TempoUpload u = TempoUpload.parse(body(ctx));
    write(() -> writer.upsertTempo(u.colours()));
    ObjectNode n = Json.object();
    n.put("days", u.colours().size());
    Map<TempoColour, Long> counts = new EnumMap<>(TempoColour.class);
    u.colours().values().forEach(c -> counts.merge(c, 1L, Long::sum));
    ObjectNode c = n.putObject("colours");
    counts.forEach((k, v) -> c.put(k.name(), v));
    n.set("snapshot", snapshots.now());
    ApiServer.json(ctx, 200, n);
  }

  private void check(Context ctx, String what) {
    Principal p = ApiServer.principal(ctx);
    if (!policy.canWritePlatformData(p)) {
      throw ProblemException.forbidden(
          "a "
              + p.role().name().toLowerCase(java.util.Locale.ROOT)
              + " may not change "
              + what
              + ": it is platform data, shared by every tenant; an admin may");
    }
    if (writer == null) {
      throw ProblemException.unavailable("reference data is read-only on this API instance");
    }
  }

  private static String region(Context ctx) {
    String region = ctx.pathParam("region");
    if (region.isBlank() || region.length() > 128) {
      throw ProblemException.badParameter(
          "region", "region must be 1..128 characters, e.g. FR-IDF, was '" + region + "'");
    }
    return region;
  }

  private void write(Runnable upsert) {
    try {
      upsert.run();
    } catch (UnsupportedOperationException e) {
      throw ProblemException.unavailable(e.getMessage() + " on this API instance");
    }
  }

  /** The body, gunzipped when it starts with the gzip magic bytes, at most {@link #MAX_BYTES}. */
  private byte[] body(Context ctx) {
    long limit = Math.min(MAX_BYTES, config.maxUploadBytes());
    long declared = ctx.req().getContentLengthLong();
    if (declared > limit) {
      throw tooLarge(limit);
    }
    try {
      LimitedInputStream raw = new LimitedInputStream(ctx.req().getInputStream(), limit);
      PushbackInputStream in = new PushbackInputStream(raw, 2);
      byte[] magic = in.readNBytes(2);
      in.unread(magic);
      InputStream plain =
          magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b
              ? new LimitedInputStream(new GZIPInputStream(in), limit)
              : in;
      return plain.readAllBytes();
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("upload is larger than the limit")) {
        throw tooLarge(limit);
      }
      throw ProblemException.badBody(null, "cannot read the body: " + e.getMessage());
    }
  }

  private static ProblemException tooLarge(long limit) {
    return ProblemException.tooLarge(
        "platform-data upload is larger than the limit of "
            + limit
            + " bytes (uncompressed too); split it by period");
  }
}
