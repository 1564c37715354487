package io.gridlens.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridlens.core.Flag;
import io.gridlens.core.MeterDay;
import io.gridlens.core.Quality;
import io.gridlens.core.blend.BlendedDay;
import io.gridlens.core.blend.BlendedDays;
import io.gridlens.core.blend.BlendingQuery;
import io.gridlens.core.blend.DayStatus;
import io.gridlens.core.blend.RowSource;
import io.gridlens.core.blend.Snapshot;
import io.gridlens.core.insight.AlwaysOn;
import io.gridlens.core.insight.Anomalies;
import io.gridlens.core.insight.BillForecast;
import io.gridlens.core.insight.Breakdown;
import io.gridlens.core.insight.DegreeDayFit;
import io.gridlens.core.insight.DegreeDays;
import io.gridlens.core.insight.PeriodTotals;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.reference.ReferenceData;
import io.gridlens.core.reference.Weather;
import io.gridlens.core.view.CohortMonthSummary;
import io.gridlens.core.view.DayRange;
import io.gridlens.core.view.MeterMonthSummary;
import io.gridlens.core.view.SummaryCodec;
import io.gridlens.core.view.SummaryRow;
import io.gridlens.core.view.ViewStore;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The per-meter endpoints: days, consumption, breakdown, peers, anomalies, forecast, quality.
 *
 * <p>Design note. Every answer is read with ONE blending query, so all its figures come from one
 * snapshot, returned with it. History-based insights the batch does not store yet (always-on,
 * degree-day breakdown, anomalies, bill forecast) are computed here from the blended days of a
 * longer window by the core functions, never re-implemented; days from the speed view make them
 * provisional, as DESIGN.md section 5 says.
 */
final class MeterResources {

  /** Days read before {@code from} for anomalies: 8 weeks of same-weekday history. */
  private static final int ANOMALY_LOOKBACK_DAYS = 8 * 7;

  /**
   * Fewest members of a peer cohort-month whose statistics an answer shows (DESIGN.md sections 9
   * and 13). A privacy floor of the API itself: a batch configured with a smaller minimum still
   * never gets a smaller cohort's median, 20th percentile, rank or size out of the API.
   */
  static final int MIN_COHORT_SIZE = 30;

  private final ReferenceData reference;
  private final ViewStore views;
  private final BlendingQuery query;
  private final AccessPolicy policy;
  private final ApiConfig config;
  private final java.time.Clock clock;

  MeterResources(
      ReferenceData reference,
      ViewStore views,
      BlendingQuery query,
      AccessPolicy policy,
      ApiConfig config,
      java.time.Clock clock) {
    this.reference = reference;
    this.views = views;
    this.query = query;
    this.policy = policy;
    this.config = config;
    this.clock = clock;
  }

  /** The meter of the path, if the caller may read it; else 404, as if it did not exist. */
  Meter meter(Context ctx) {
    String id = ctx.pathParam("meterId");
    Principal p = ApiServer.principal(ctx);
    return reference
        .meter(id)
        .filter(m -> policy.canRead(p, m))
        .orElseThrow(() -> ProblemException.unknownMeter(id));
  }

  private static ObjectNode head(Meter m, BlendedDays b, String unit) {
    return head(m, b.snapshot(), unit);
  }

  private static ObjectNode head(Meter m, Snapshot s, String unit) {
    ObjectNode n = Json.object();
    n.put("meterId", m.id());
    n.put("zone", m.zone().getId());
    n.put("unit", unit);
    n.set("snapshot", Json.snapshot(s));
    return n;
  }

  void days(Context ctx) {
    Meter m = meter(ctx);
    QueryParams.Dates r =
        QueryParams.range(ctx.queryParam("from"), ctx.queryParam("to"), config.maxDays(), "days");
    BlendedDays b = query.days(DayRange.imports(m.id(), r.from(), r.to()));
    ObjectNode n = head(m, b, "kWh");
    ArrayNode days = n.putArray("days");
    for (BlendedDay d : b.days()) {
      days.add(Json.day(d));
    }
    ApiServer.json(ctx, 200, n);
  }

  void consumption(Context ctx) {
    Meter m = meter(ctx);
    String granularity = ctx.queryParam("granularity");
    String g = granularity == null ? "day" : granularity.strip().toLowerCase(Locale.ROOT);
    int max =
        switch (g) {
          case "interval" -> config.maxIntervalDays();
          case "day" -> config.maxDays();
          case "month" -> config.maxMonthDays();
          default ->
              throw ProblemException.badParameter(
                  "granularity",
                  "granularity must be one of interval, day, month, was '" + granularity + "'");
        };
    QueryParams.Dates r =
        QueryParams.range(ctx.queryParam("from"), ctx.queryParam("to"), max, "granularity " + g);
    BlendedDays b = query.days(DayRange.imports(m.id(), r.from(), r.to()));
    ObjectNode n = head(m, b, "kWh");
    n.put("granularity", g);
    switch (g) {
      case "interval" -> n.set("intervals", intervals(b));
      case "day" -> {
        ArrayNode days = n.putArray("days");
        b.days().forEach(d -> days.add(Json.day(d)));
      }
      default -> n.set("months", months(b, r));
    }
    n.set("total", Json.totals(b.total()));
    ApiServer.json(ctx, 200, n);
  }

  private static ArrayNode intervals(BlendedDays b) {
    ArrayNode out = Json.array();
    for (BlendedDay d : b.days()) {
      MeterDay day = d.row().day();
      String status = d.source() == RowSource.SPEED ? "provisional" : "final";
      for (int i = 0; i < day.size(); i++) {
        ObjectNode n = out.addObject();
        n.put("start", OffsetDateTime.ofInstant(day.slots().slotStart(i), day.zone()).toString());
        n.put("minutes", day.intervalMinutes());
        Quality q = day.quality(i);
        if (q == Quality.MISSING) {
          n.putNull("kwh");
        } else {
          n.put("kwh", Json.kwh(day.wh(i)));
        }
        n.put("quality", q.name().toLowerCase(Locale.ROOT));
        n.put("status", status);
      }
    }
    return out;
  }

  private static ArrayNode months(BlendedDays b, QueryParams.Dates r) {
    Map<YearMonth, EnumSet<DayStatus>> statuses = new TreeMap<>();
    for (BlendedDay d : b.days()) {
      statuses
          .computeIfAbsent(YearMonth.from(d.date()), k -> EnumSet.noneOf(DayStatus.class))
          .addAll(d.statuses());
    }
    SortedMap<YearMonth, PeriodTotals> byMonth = b.byMonth();
    ArrayNode out = Json.array();
    for (YearMonth ym = YearMonth.from(r.from());
        !ym.isAfter(YearMonth.from(r.to()));
        ym = ym.plusMonths(1)) {
      PeriodTotals t = byMonth.get(ym);
      if (t == null) {
        continue; // a month without any day is absent, never a zero
      }
      LocalDate first = ym.atDay(1).isBefore(r.from()) ? r.from() : ym.atDay(1);
      LocalDate last = ym.atEndOfMonth().isAfter(r.to()) ? r.to() : ym.atEndOfMonth();
      long requested = java.time.temporal.ChronoUnit.DAYS.between(first, last) + 1;
      EnumSet<DayStatus> s = statuses.get(ym);
      ObjectNode n = Json.totals(t);
      n.put("month", ym.toString());
      n.put("daysRequested", requested);
      String status;
      if (s.contains(DayStatus.INCOMPLETE) || t.days() < requested) {
        status = "incomplete";
      } else if (s.contains(DayStatus.PROVISIONAL)) {
        status = "provisional";
      } else if (s.contains(DayStatus.ESTIMATED)) {
        status = "estimated";
      } else {
        status = "final";
      }
      n.put("status", status);
      out.add(n);
    }
    return out;
  }

  /**
   * The split of a model's window: base x days, and the modelled heating and cooling summed over
   * the days it was fitted on (for a 365-day window, the weather-normalised annual loads).
   */
  private static ObjectNode windowLoads(DegreeDayFit f) {
    ObjectNode n = Json.object();
    n.put("baseKwh", Json.round(f.model().baseKwh() * f.model().days(), 3));
    n.put("heatingKwh", Json.round(f.windowHeatingKwh(), 3));
    n.put("coolingKwh", Json.round(f.windowCoolingKwh(), 3));
    return n;
  }

  void breakdown(Context ctx) {
    Meter m = meter(ctx);
    QueryParams.Dates r =
        QueryParams.range(
            ctx.queryParam("from"), ctx.queryParam("to"), config.maxDays(), "breakdown");
    DegreeDays.Settings settings = DegreeDays.Settings.CELSIUS;
    LocalDate readFrom = r.from().minusDays(settings.windowDays() - 1L);
    BlendedDays b = query.days(DayRange.imports(m.id(), readFrom, r.to()));
    List<MeterDay> history = meterDays(b);
    Optional<Weather> weather =
        reference.premise(m.id(), r.to()).flatMap(p -> reference.weather(p.region()));
    Optional<DegreeDayFit> fitted =
        weather.flatMap(w -> DegreeDayFit.of(history, w, m.zone(), r.to(), settings));

    ObjectNode n = head(m, b, "kWh");
    if (fitted.isPresent()) {
      n.put("estimator", fitted.get().estimator().label());
      ObjectNode model = model(fitted.get().model());
      model.set("windowLoads", windowLoads(fitted.get()));
      n.set("model", model);
    } else {
      n.putNull("estimator");
      n.putNull("model");
      n.put(
          "modelNote",
          weather.isEmpty()
              ? "no degree-day model: no weather is known for the meter's premise region;"
                  + " heating and cooling are 0"
              : "no degree-day model: fewer than "
                  + settings.minDays()
                  + " complete days with weather in the "
                  + settings.windowDays()
                  + " days to "
                  + r.to()
                  + "; heating and cooling are 0");
    }
    ArrayNode days = n.putArray("days");
    double[] sum = new double[5];
    for (BlendedDay d : b.days()) {
      if (d.date().isBefore(r.from())) {
        continue;
      }
      MeterDay day = d.row().day();
      double kwh = day.totalWh() / 1000.0;
      Optional<AlwaysOn> alwaysOn = AlwaysOn.trailing(history, d.date());
      double alwaysOnKwh = alwaysOn.map(AlwaysOn::kwhPerDay).orElse(0.0);
      Optional<DegreeDays.Observation> obs =
          fitted.flatMap(f -> f.observation(weather.get(), m.zone(), d.date(), kwh));
      Breakdown split =
          obs.isPresent()
              ? Breakdown.of(obs.get(), fitted.get().model(), alwaysOnKwh)
              : Breakdown.of(d.date(), kwh, alwaysOnKwh, 0, 0);
      ObjectNode o = days.addObject();
      o.put("date", d.date().toString());
      o.put("status", d.status().json());
      o.put("kwh", Json.round(split.kwh(), 3));
      Json.putAmount(o, "alwaysOnW", alwaysOn.map(AlwaysOn::watts).orElse(Double.NaN), 1);
      o.put("alwaysOnKwh", Json.round(split.alwaysOnKwh(), 3));
      o.put("heatingKwh", Json.round(split.heatingKwh(), 3));
      o.put("coolingKwh", Json.round(split.coolingKwh(), 3));
      o.put("otherKwh", Json.round(split.otherKwh(), 3));
      sum[0] += split.kwh();
      sum[1] += split.alwaysOnKwh();
      sum[2] += split.heatingKwh();
      sum[3] += split.coolingKwh();
      sum[4] += split.otherKwh();
    }
    ObjectNode total = n.putObject("total");
    total.put("kwh", Json.round(sum[0], 3));
    total.put("alwaysOnKwh", Json.round(sum[1], 3));
    total.put("heatingKwh", Json.round(sum[2], 3));
    total.put("coolingKwh", Json.round(sum[3], 3));
    total.put("otherKwh", Json.round(sum[4], 3));
    ApiServer.json(ctx, 200, n);
  }

  private static ObjectNode model(DegreeDays.Model m) {
    ObjectNode n = Json.object();
    n.put("from", m.from().toString());
    n.put("to", m.to().toString());
    n.put("days", m.days());
    n.put("baseKwh", Json.round(m.baseKwh(), 4));
    n.put("heatingKwhPerDegreeDay", Json.round(m.heatingSlope(), 4));
    Json.putAmount(n, "heatingBalanceC", m.heatingBalance(), 2);
    n.put("coolingKwhPerDegreeDay", Json.round(m.coolingSlope(), 4));
    Json.putAmount(n, "coolingBalanceC", m.coolingBalance(), 2);
    n.put("adjustedR2", Json.round(m.adjustedR2(), 4));
    n.put("lagSamples", m.lag());
    return n;
  }

  /**
   * Peer comparison per local month, from the summaries of the pinned batch version: the meter's
   * month (energy, percentile rank, rating) and its cohort's published statistics (size, median,
   * 20th percentile). Batch figures only: peer ranks are history-based, the next batch updates
   * them. A month shows statistics only when its cohort-month has at least {@link #MIN_COHORT_SIZE}
   * members; otherwise it says why, without any figure of the cohort.
   */
  void peers(Context ctx) {
    Meter m = meter(ctx);
    QueryParams.Dates r =
        QueryParams.range(
            ctx.queryParam("from"), ctx.queryParam("to"), config.maxMonthDays(), "peers");
    Snapshot snapshot = query.snapshot();
    if (snapshot.batch() == null) {
      throw new ProblemException(
          404,
          "peers-not-published",
          "Peer comparison not available",
          "peer comparison of meter '"
              + m.id()
              + "' is not available: no batch version is published yet; it will be after the"
              + " first batch run",
          null);
    }
    long version = snapshot.batch().number();
    YearMonth first = YearMonth.from(r.from());
    YearMonth last = YearMonth.from(r.to());
    Map<String, Map<String, CohortMonthSummary>> cohortsByTenant = new HashMap<>();
    ObjectNode n = head(m, snapshot, "kWh");
    ArrayNode months = n.putArray("months");
    for (SummaryRow row : views.readSummaries(version, SummaryCodec.meterPartition(m.id()))) {
      MeterMonthSummary s = SummaryCodec.decodeMeterMonth(row);
      if (s.month().isBefore(first) || s.month().isAfter(last)) {
        continue;
      }
      ObjectNode o = months.addObject();
      o.put("month", s.month().toString());
      o.put("kwh", Json.kwh(s.wh()));
      o.put("days", s.days());
      o.put("status", "final");
      PeerCohort cohort = s.cohort() == null ? null : PeerCohort.parse(s.cohort());
      CohortMonthSummary stats =
          cohort == null
              ? null
              : cohortsByTenant
                  .computeIfAbsent(cohort.tenant(), t -> cohortStats(version, t))
                  .get(cohortMonthKey(s.month(), cohort.description()));
      if (stats == null || stats.count() < MIN_COHORT_SIZE) {
        o.putNull("cohort");
        o.put("reason", noPeersReason(s));
        continue;
      }
      ObjectNode c = o.putObject("cohort");
      c.put("key", cohort.description());
      c.put("size", stats.count());
      c.put("level", cohort.level().name().toLowerCase(Locale.ROOT));
      ArrayNode relaxed = c.putArray("relaxed");
      cohort.relaxed().forEach(relaxed::add);
      o.put("medianKwh", Json.round(stats.medianKwh(), 3));
      o.put("p20Kwh", Json.round(stats.p20Kwh(), 3));
      o.put("percentileRank", Json.round(s.percentileRank(), 1));
      o.put("rating", s.rating().name().toLowerCase(Locale.ROOT));
    }
    ApiServer.json(ctx, 200, n);
  }

  /** The published cohort-months of a summary partition, by month and description. */
  private Map<String, CohortMonthSummary> cohortStats(long version, String tenant) {
    Map<String, CohortMonthSummary> out = new HashMap<>();
    for (SummaryRow row : views.readSummaries(version, SummaryCodec.cohortPartition(tenant))) {
      CohortMonthSummary c = SummaryCodec.decodeCohortMonth(row);
      out.put(cohortMonthKey(c.month(), c.cohort()), c);
    }
    return out;
  }

  private static String cohortMonthKey(YearMonth month, String cohort) {
    return month + " " + cohort;
  }

  private static String noPeersReason(MeterMonthSummary s) {
    if (s.days() != s.month().lengthOfMonth() || s.missing() != 0) {
      return "only complete months are compared: "
          + s.month()
          + " has "
          + s.days()
          + " of "
          + s.month().lengthOfMonth()
          + " days with "
          + s.missing()
          + " missing intervals";
    }
    return "fewer than "
        + MIN_COHORT_SIZE
        + " similar meters, even with occupants, floor area and region relaxed";
  }

  void anomalies(Context ctx) {
    Meter m = meter(ctx);
    QueryParams.Dates r =
        QueryParams.range(
            ctx.queryParam("from"), ctx.queryParam("to"), config.maxDays(), "anomalies");
    BlendedDays b =
        query.days(DayRange.imports(m.id(), r.from().minusDays(ANOMALY_LOOKBACK_DAYS), r.to()));
    List<MeterDay> history = meterDays(b);
    ObjectNode n = head(m, b, "kWh");
    ArrayNode found = n.putArray("anomalies");
    int examined = 0;
    for (BlendedDay d : b.days()) {
      if (d.date().isBefore(r.from())) {
        continue;
      }
      examined++;
      for (Anomalies.Anomaly a : Anomalies.of(history, d.date(), Anomalies.Settings.DEFAULT)) {
        ObjectNode o = found.addObject();
        o.put("date", a.date().toString());
        o.put("kind", a.kind().name().toLowerCase(Locale.ROOT));
        o.put("value", Json.round(a.value(), 3));
        o.put("threshold", Json.round(a.threshold(), 3));
        o.put(
            "unit",
            switch (a.kind()) {
              case HIGH_DAY -> "kWh";
              case ALWAYS_ON_JUMP -> "W";
              case ZERO_RUN -> "h";
            });
        o.put("status", d.status().json());
      }
    }
    n.put("daysExamined", examined);
    ApiServer.json(ctx, 200, n);
  }

  void forecast(Context ctx) {
    Meter m = meter(ctx);
    LocalDate today = LocalDate.now(clock.withZone(m.zone()));
    LocalDate asOf = QueryParams.date("asOf", ctx.queryParam("asOf"), today);
    BillForecast.Settings settings = BillForecast.Settings.DEFAULT;
    LocalDate monthStart = asOf.withDayOfMonth(1);
    LocalDate trailingStart = asOf.minusDays(settings.trailingDays() - 1L);
    LocalDate readFrom = monthStart.isBefore(trailingStart) ? monthStart : trailingStart;
    BlendedDays b = query.days(DayRange.imports(m.id(), readFrom, asOf));
    List<BillForecast.DayCost> costs = new ArrayList<>();
    boolean provisional = false;
    for (BlendedDay d : b.days()) {
      if (d.insights().hasCost()) {
        costs.add(new BillForecast.DayCost(d.date(), d.insights().costEur()));
        provisional |= d.source() == RowSource.SPEED;
      }
    }
    ObjectNode n = head(m, b, "EUR");
    Optional<BillForecast> f = BillForecast.of(costs, asOf, settings);
    if (f.isEmpty()) {
      n.putNull("forecast");
      n.put(
          "reason",
          "fewer than "
              + settings.minTrailingDays()
              + " days with a cost in the "
              + settings.trailingDays()
              + " days to "
              + asOf
              + " (a cost needs a contract in force)");
    } else {
      BillForecast x = f.get();
      ObjectNode o = n.putObject("forecast");
      o.put("month", x.month().toString());
      o.put("asOf", x.asOf().toString());
      o.put("monthToDateEur", Json.round(x.monthToDateEur(), 4));
      o.put("dailyAverageEur", Json.round(x.dailyAverageEur(), 4));
      o.put("estimatedDays", x.estimatedDays());
      o.put("forecastEur", Json.round(x.forecastEur(), 2));
      o.put("status", provisional ? "provisional" : "final");
    }
    ApiServer.json(ctx, 200, n);
  }

  void quality(Context ctx) {
    Meter m = meter(ctx);
    QueryParams.Dates r =
        QueryParams.range(
            ctx.queryParam("from"), ctx.queryParam("to"), config.maxDays(), "quality");
    BlendedDays b = query.days(DayRange.imports(m.id(), r.from(), r.to()));
    ObjectNode n = head(m, b, "intervals");
    ArrayNode days = n.putArray("days");
    java.util.Set<LocalDate> present = new java.util.HashSet<>();
    Map<Flag, Long> allFlags = new EnumMap<>(Flag.class);
    for (BlendedDay d : b.days()) {
      present.add(d.date());
      MeterDay day = d.row().day();
      ObjectNode o = days.addObject();
      o.put("date", d.date().toString());
      o.put("status", d.status().json());
      o.put("source", d.source().name().toLowerCase(Locale.ROOT));
      o.set(
          "intervals",
          Json.intervals(day.size(), day.actualCount(), day.estimatedCount(), day.missingCount()));
      Map<Flag, Long> flags = new EnumMap<>(Flag.class);
      for (int i = 0; i < day.size(); i++) {
        for (Flag f : Flag.decode(day.flags(i))) {
          flags.merge(f, 1L, Long::sum);
          allFlags.merge(f, 1L, Long::sum);
        }
      }
      o.set("flags", flags(flags));
    }
    PeriodTotals t = b.total();
    ObjectNode s = n.putObject("summary");
    s.put("daysRequested", r.days());
    s.put("daysWithData", b.days().size());
    ArrayNode absent = s.putArray("absentDates");
    for (LocalDate d = r.from(); !d.isAfter(r.to()); d = d.plusDays(1)) {
      if (!present.contains(d)) {
        absent.add(d.toString());
      }
    }
    s.set("intervals", Json.intervals(t.expected(), t.actual(), t.estimated(), t.missing()));
    Json.putAmount(
        s,
        "completeness",
        t.expected() == 0 ? Double.NaN : (double) (t.actual() + t.estimated()) / t.expected(),
        4);
    s.set("flags", flags(allFlags));
    ApiServer.json(ctx, 200, n);
  }

  private static ObjectNode flags(Map<Flag, Long> counts) {
    ObjectNode n = Json.object();
    counts.forEach((f, c) -> n.put(f.name().toLowerCase(Locale.ROOT), c));
    return n;
  }

  private static List<MeterDay> meterDays(BlendedDays b) {
    List<MeterDay> out = new ArrayList<>(b.days().size());
    for (BlendedDay d : b.days()) {
      out.add(d.row().day());
    }
    return out;
  }
}
