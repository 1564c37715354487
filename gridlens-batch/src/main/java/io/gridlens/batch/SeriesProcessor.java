package io.gridlens.batch;

import io.gridlens.core.Channel;
import io.gridlens.core.DayContext;
import io.gridlens.core.DayReadings;
import io.gridlens.core.DaySlots;
import io.gridlens.core.MeterDay;
import io.gridlens.core.MeterDayKey;
import io.gridlens.core.insight.AlwaysOn;
import io.gridlens.core.insight.Anomalies;
import io.gridlens.core.insight.BillForecast;
import io.gridlens.core.insight.Breakdown;
import io.gridlens.core.insight.DayInsights;
import io.gridlens.core.insight.DegreeDays;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.reference.Premise;
import io.gridlens.core.reference.ReferenceData;
import io.gridlens.core.reference.Weather;
import io.gridlens.core.vee.History;
import io.gridlens.core.vee.Vee;
import io.gridlens.core.view.DayHistory;
import io.gridlens.core.view.MeterMonthSummary;
import io.gridlens.core.view.StoredRow;
import io.gridlens.core.view.TypedViewStore;
import io.gridlens.core.view.ViewRow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One series (meter, channel) through the core, day by day in date order: folds its readings into
 * {@link DayReadings} per local day, cleans each day with {@link Vee#clean} and the meter's
 * previous cleaned days as {@link History}, computes {@link DayInsights} and the day's history
 * fields ({@link AlwaysOn}, {@link Anomalies}), and at the end the meter's monthly summaries
 * ({@link DegreeDays} breakdown, {@link BillForecast}). Every day from the first to the last with a
 * reading gets a row, so a day without any reading is estimated from the meter's profile.
 *
 * <p>It moves data and calls the core; it decides nothing about hygiene or insights. The state is a
 * ring of the last {@value #RING} cleaned days (no map per day), so memory is bounded per series.
 * Not thread-safe.
 */
final class SeriesProcessor implements History {

  static final int RING = 1024;

  private final ReferenceData ref;
  private final BatchSettings settings;
  private final SeriesKey series;
  private final Meter meter;
  private final ZoneId zone;
  private final int minutes;
  private final long slotSeconds;
  private final Consumer<StoredRow> out;

  private final MeterDay[] ring = new MeterDay[RING];
  private final double[] ringAlwaysOnW = new double[RING];
  private final double[] ringCost = new double[RING];
  private final TreeMap<YearMonth, long[]> months = new TreeMap<>(); // wh, days, missing
  private LocalDate fromDate;
  private LocalDate nextDate;
  private LocalDate lastDate;
  private long openingIndex = NO_INDEX;

  private DayReadings current;
  private LocalDate currentDate;
  private long dayStart;
  private long dayEnd;
  private boolean sawRegister;
  long skipped;
  long days;

  SeriesProcessor(
      ReferenceData ref,
      BatchSettings settings,
      SeriesKey series,
      Meter meter,
      Consumer<StoredRow> out) {
    if (settings.degreeDays().windowDays() > RING - 1 || settings.lookbackDays() > RING - 1) {
      throw new IllegalArgumentException(
          "the batch keeps " + (RING - 1) + " days of history; the settings look further back");
    }
    this.ref = ref;
    this.settings = settings;
    this.series = series;
    this.meter = meter;
    this.zone = meter.zone();
    this.minutes = meter.intervalMinutes();
    this.slotSeconds = minutes * 60L;
    this.out = out;
  }

  /** The first local day of a series whose readings start at an epoch second. */
  static LocalDate localDate(long epochSecond, ZoneId zone) {
    return LocalDate.ofInstant(Instant.ofEpochSecond(epochSecond), zone);
  }

  /**
   * Starts after rows already computed (incremental run): they are the history of the days to come
   * and count in the monthly summaries; readings of days before {@code from} are ignored.
   *
   * @param previous the series' rows before {@code from}, in date order, ending the day before
   */
  void seed(List<ViewRow> previous, LocalDate from) {
    this.fromDate = from;
    this.nextDate = from;
    for (ViewRow r : previous) {
      MeterDay d = r.day();
      double w = r.history() == null ? Double.NaN : r.history().alwaysOnW();
      remember(d, r.insights(), w);
      openingIndex = History.closingIndex(d);
    }
  }

  void reading(
      long start, int intervalMinutes, boolean register, long wh, byte quality, long position) {
    if (intervalMinutes != minutes) {
      skipped++; // another interval length: rejected at the edge (INTERVAL_LENGTH)
      return;
    }
    if (current == null || start < dayStart || start >= dayEnd) {
      LocalDate date = localDate(start, zone);
      if (fromDate != null && date.isBefore(fromDate)) {
        skipped++;
        return;
      }
      if (current != null) {
        closeDay();
      }
      openDay(date);
    }
    long d = start - dayStart;
    if (d % slotSeconds != 0) {
      skipped++; // not aligned: rejected at the edge (UNALIGNED)
      return;
    }
    current.add(
        (int) (d / slotSeconds), wh, position, quality, register ? DayReadings.REGISTER : 0);
    sawRegister |= register;
  }

  private void openDay(LocalDate date) {
    if (nextDate != null) {
      for (LocalDate g = nextDate; g.isBefore(date); g = g.plusDays(1)) {
        clean(empty(g), false);
      }
    }
    current = empty(date);
    currentDate = date;
    dayStart = current.slots().start().getEpochSecond();
    dayEnd = current.slots().end().getEpochSecond();
    sawRegister = false;
  }

  private DayReadings empty(LocalDate date) {
    return new DayReadings(
        new MeterDayKey(series.meterId(), series.channel(), date),
        new DaySlots(zone, date, minutes));
  }

  private void closeDay() {
    clean(current, sawRegister);
    current = null;
  }

  private void clean(DayReadings raw, boolean register) {
    LocalDate date = raw.key().date();
    DayContext ctx = DayContext.of(ref, series.meterId(), date);
    MeterDay day = Vee.clean(raw, ctx, settings.vee(), this);
    DayInsights insights = DayInsights.of(day, ctx);
    put(day);
    Optional<AlwaysOn> ao =
        AlwaysOn.trailing(window(date, settings.alwaysOn().days()), date, settings.alwaysOn());
    double watts = ao.map(AlwaysOn::watts).orElse(Double.NaN);
    List<Anomalies.Anomaly> found =
        Anomalies.of(window(date, settings.lookbackDays() + 1), date, settings.anomalies());
    List<Anomalies.Kind> kinds = new ArrayList<>(found.size());
    for (Anomalies.Anomaly a : found) {
      kinds.add(a.kind());
    }
    ViewRow row = new ViewRow(day, insights, DayHistory.of(watts, kinds));
    out.accept(TypedViewStore.toStored(row));
    remember(day, insights, watts);
    openingIndex = register ? History.closingIndex(day) : NO_INDEX;
    days++;
  }

  private void put(MeterDay day) {
    ring[slot(day.date())] = day;
  }

  private void remember(MeterDay day, DayInsights insights, double alwaysOnW) {
    LocalDate date = day.date();
    int i = slot(date);
    ring[i] = day;
    ringAlwaysOnW[i] = alwaysOnW;
    ringCost[i] = insights.hasCost() ? insights.costEur() : Double.NaN;
    long[] m = months.computeIfAbsent(YearMonth.from(date), x -> new long[3]);
    m[0] += insights.wh();
    m[1]++;
    m[2] += insights.missing();
    lastDate = date;
    nextDate = date.plusDays(1);
  }

  private static int slot(LocalDate date) {
    return (int) (date.toEpochDay() & (RING - 1));
  }

  /** The cleaned days of {@code (date - n, date]} that are known, in date order. */
  private List<MeterDay> window(LocalDate date, int n) {
    List<MeterDay> w = new ArrayList<>(n);
    for (int k = n - 1; k >= 0; k--) {
      MeterDay d = day(date.minusDays(k));
      if (d != null) {
        w.add(d);
      }
    }
    return w;
  }

  @Override
  public MeterDay day(LocalDate date) {
    MeterDay d = ring[slot(date)];
    return d != null && d.date().equals(date) ? d : null;
  }

  @Override
  public long openingIndex() {
    return openingIndex;
  }

  private double alwaysOnW(LocalDate date) {
    int i = slot(date);
    return ring[i] != null && ring[i].date().equals(date) ? ringAlwaysOnW[i] : Double.NaN;
  }

  /**
   * Ends the series: cleans its last day and returns its monthly summaries (import channel only;
   * without peer comparison, which needs every meter).
   */
  List<MeterMonthSummary> finish() {
    if (current != null) {
      closeDay();
    }
    List<MeterMonthSummary> summaries = new ArrayList<>();
    if (series.channel() != Channel.IMPORT || lastDate == null) {
      return summaries;
    }
    // Usage breakdown of the trailing window, with one degree-day model as of the last day.
    TreeMap<YearMonth, double[]> parts = new TreeMap<>();
    Premise premise = ref.premise(series.meterId(), lastDate).orElse(null);
    Optional<Weather> weather = premise == null ? Optional.empty() : ref.weather(premise.region());
    if (weather.isPresent()) {
      List<MeterDay> year = window(lastDate, settings.degreeDays().windowDays());
      List<DegreeDays.Observation> obs = DegreeDays.observations(year, weather.get());
      Optional<DegreeDays.Model> model = DegreeDays.fit(obs, lastDate, settings.degreeDays());
      if (model.isPresent()) {
        for (DegreeDays.Observation o : obs) {
          double w = alwaysOnW(o.date());
          Breakdown b =
              Breakdown.of(
                  o, model.get(), Double.isNaN(w) ? 0 : new AlwaysOn(o.date(), w, 1).kwhPerDay());
          double[] p = parts.computeIfAbsent(YearMonth.from(o.date()), x -> new double[4]);
          p[0] += b.alwaysOnKwh();
          p[1] += b.heatingKwh();
          p[2] += b.coolingKwh();
          p[3] += b.otherKwh();
        }
      }
    }
    // Bill forecast of the last month, as of the last day.
    List<BillForecast.DayCost> costs = new ArrayList<>();
    LocalDate firstCost = lastDate.withDayOfMonth(1).minusDays(settings.forecast().trailingDays());
    for (LocalDate d = firstCost; !d.isAfter(lastDate); d = d.plusDays(1)) {
      int i = slot(d);
      if (ring[i] != null && ring[i].date().equals(d) && !Double.isNaN(ringCost[i])) {
        costs.add(new BillForecast.DayCost(d, ringCost[i]));
      }
    }
    Optional<BillForecast> forecast = BillForecast.of(costs, lastDate, settings.forecast());
    YearMonth lastMonth = YearMonth.from(lastDate);
    months.forEach(
        (month, m) -> {
          double[] p = parts.get(month);
          boolean fc = month.equals(lastMonth) && forecast.isPresent();
          summaries.add(
              new MeterMonthSummary(
                  series.meterId(),
                  month,
                  m[0],
                  (int) m[1],
                  (int) m[2],
                  p == null ? Double.NaN : p[0],
                  p == null ? Double.NaN : p[1],
                  p == null ? Double.NaN : p[2],
                  p == null ? Double.NaN : p[3],
                  null,
                  Double.NaN,
                  null,
                  0,
                  Double.NaN,
                  Double.NaN,
                  fc ? forecast.get().forecastEur() : Double.NaN,
                  fc ? lastDate : null));
        });
    return summaries;
  }
}
