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
import io.gridlens.core.insight.DegreeDayFit;
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
  private final Instant asOf;

  // Rings of cleaned days by epoch day, grown by doubling up to RING as the series gets longer
  // (a series of a few weeks does not pay for 1024 slots).
  private MeterDay[] ring = new MeterDay[64];
  private double[] ringAlwaysOnW = new double[64];
  private double[] ringCost = new double[64];
  private long firstEpochDay = Long.MIN_VALUE;
  private final TreeMap<YearMonth, long[]> months = new TreeMap<>(); // wh, days, missing

  /** How far before the day being closed the always-on is asked for: anomalies look a week back. */
  private static final int LOOKBACK_DAYS = 7;

  private final AlwaysOn.Rolling alwaysOnRows;
  private final AlwaysOn.Rolling alwaysOnAnomalies;
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
      Consumer<StoredRow> out,
      Instant asOf) {
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
    this.asOf = asOf;
    this.alwaysOnRows = new AlwaysOn.Rolling(settings.alwaysOn(), LOOKBACK_DAYS);
    this.alwaysOnAnomalies =
        settings.anomalies().alwaysOn().equals(settings.alwaysOn())
            ? alwaysOnRows
            : new AlwaysOn.Rolling(settings.anomalies().alwaysOn(), LOOKBACK_DAYS);
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
    // The always-on accumulators answer as of from - LOOKBACK_DAYS at the earliest: older days
    // fall out of every window they will be asked for.
    int windows =
        Math.max(alwaysOnRows.window().days(), alwaysOnAnomalies.window().days()) + LOOKBACK_DAYS;
    LocalDate rollFrom = from.minusDays(windows);
    for (ViewRow r : previous) {
      MeterDay d = r.day();
      double w = r.history() == null ? Double.NaN : r.history().alwaysOnW();
      remember(d, r.insights(), w);
      if (!d.date().isBefore(rollFrom)) {
        roll(d);
      }
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
    MeterDay day = Vee.clean(raw, ctx, settings.vee(), this, asOf);
    DayInsights insights = DayInsights.of(day, ctx);
    put(day);
    roll(day);
    Optional<AlwaysOn> ao = alwaysOnRows.asOf(date);
    double watts = ao.map(AlwaysOn::watts).orElse(Double.NaN);
    List<Anomalies.Anomaly> found =
        Anomalies.of(
            anomalyDays(day, settings.lookbackDays() + 1),
            date,
            settings.anomalies(),
            alwaysOnAnomalies);
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

  /** Feeds a day to the always-on accumulators (one when both windows are the same). */
  private void roll(MeterDay day) {
    alwaysOnRows.add(day);
    if (alwaysOnAnomalies != alwaysOnRows) {
      alwaysOnAnomalies.add(day);
    }
  }

  private void put(MeterDay day) {
    ensure(day.date());
    ring[slot(day.date())] = day;
  }

  /** Grows the rings until they hold every day since the first one (or reach RING slots). */
  private void ensure(LocalDate date) {
    long e = date.toEpochDay();
    if (firstEpochDay == Long.MIN_VALUE) {
      firstEpochDay = e;
    }
    while (ring.length < RING && e - firstEpochDay >= ring.length) {
      int n = ring.length * 2;
      MeterDay[] r = new MeterDay[n];
      double[] w = new double[n];
      double[] c = new double[n];
      for (int i = 0; i < ring.length; i++) {
        if (ring[i] != null) {
          int j = (int) (ring[i].date().toEpochDay() & (n - 1));
          r[j] = ring[i];
          w[j] = ringAlwaysOnW[i];
          c[j] = ringCost[i];
        }
      }
      ring = r;
      ringAlwaysOnW = w;
      ringCost = c;
    }
  }

  private void remember(MeterDay day, DayInsights insights, double alwaysOnW) {
    LocalDate date = day.date();
    ensure(date);
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

  private int slot(LocalDate date) {
    return (int) (date.toEpochDay() & (ring.length - 1));
  }

  /**
   * The days of {@code (date - n, date]} that {@link Anomalies} reads, which is all it would read
   * from the whole window: the day, the same weekday of the previous weeks, and the consecutive
   * days before it back to the first one that is not all zero (a zero run is carried through
   * all-zero days only). The always-on windows come from the accumulator. A handful of days instead
   * of the 57 of the window, with the same anomalies.
   */
  private List<MeterDay> anomalyDays(MeterDay today, int n) {
    LocalDate date = today.date();
    List<MeterDay> w = new ArrayList<>(settings.anomalies().weeks() + 4);
    w.add(today);
    for (int k = 1; k < n; k++) {
      MeterDay d = day(date.minusDays(k));
      if (d == null) {
        break;
      }
      w.add(d);
      if (!allZero(d)) {
        break;
      }
    }
    int back = w.size() - 1; // days 1..back are already in
    for (int week = 1; week <= settings.anomalies().weeks() && week * 7 < n; week++) {
      if (week * 7 > back) {
        MeterDay d = day(date.minusWeeks(week));
        if (d != null) {
          w.add(d);
        }
      }
    }
    return w;
  }

  /** Whether every interval of a day is a zero that is not missing. */
  private static boolean allZero(MeterDay d) {
    for (int i = 0; i < d.size(); i++) {
      if (d.wh(i) != 0 || d.quality(i) == io.gridlens.core.Quality.MISSING) {
        return false;
      }
    }
    return true;
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
      Optional<DegreeDayFit> fit =
          DegreeDayFit.of(year, weather.get(), zone, lastDate, settings.degreeDays());
      if (fit.isPresent()) {
        for (DegreeDays.Observation o : fit.get().observations()) {
          double w = alwaysOnW(o.date());
          Breakdown b =
              Breakdown.of(
                  o,
                  fit.get().model(),
                  Double.isNaN(w) ? 0 : new AlwaysOn(o.date(), w, 1).kwhPerDay());
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
