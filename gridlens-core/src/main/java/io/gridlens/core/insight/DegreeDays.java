package io.gridlens.core.insight;

import io.gridlens.core.MeterDay;
import io.gridlens.core.reference.Weather;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The heating / cooling degree-day regression of a meter (DESIGN.md section 9, CalTRACK-style):
 * {@code daily kWh = base + h * HDD(Tb_h) + c * CDD(Tb_c)} fitted on the trailing 365 days.
 *
 * <p>Definition:
 *
 * <ul>
 *   <li>{@code HDD(Tb)} of a day is the mean over the day's temperature samples of {@code max(0, Tb
 *       - T)}, {@code CDD(Tb)} the mean of {@code max(0, T - Tb)}. With one sample, the daily mean
 *       temperature, this is the classic mean-temperature method (what {@link Weather} gives); with
 *       hourly samples it is the integration method, which also counts the cold hours of a mild
 *       day. Temperatures are plain numbers: °C or °F, as long as the balance-point ranges of the
 *       {@link Settings} are in the same unit.
 *   <li>Candidates: intercept only; heating only, for every {@code Tb_h} of the heating grid;
 *       cooling only, for every {@code Tb_c} of the cooling grid; heating and cooling, for every
 *       pair with {@code Tb_h <= Tb_c}. Each is an ordinary least-squares fit.
 *   <li>A candidate qualifies when each of its degree-day terms has at least {@link
 *       Settings#minDegreeDays()} days with a non-zero degree day, and a coefficient that is
 *       positive and significant: {@code coefficient / standardError >= minTStatistic} (1.645, a
 *       two-sided p-value below 0.10 in the normal approximation, as CalTRACK asks). A term that is
 *       negative or not significant thus drops out, leaving a simpler candidate.
 *   <li>The qualifying candidate with the best adjusted R² chooses the kind of model ({@code 1 -
 *       (SSE / (n - p - 1)) / (SST / (n - 1))}, {@code p} degree-day terms); improvements under
 *       {@code 1e-9} are ties, won by the candidate tried first (fewer terms, then lower balance
 *       points), so exact data does not pick up a spurious second term.
 *   <li>Balance points: the mean of the balance points of the qualifying candidates of that kind,
 *       each weighted by its likelihood relative to the best one, {@code exp(-(SSE - SSEmin) / (2
 *       s²))} with {@code s² = SSEmin / (n - p - 1)}; the model is refitted there (off the grid).
 *       When that refit does not qualify, or the best fit is exact ({@code SSEmin = 0}), the best
 *       candidate itself is the model.
 *   <li>No result when fewer than {@link Settings#minDays()} (90) days of the window have data.
 * </ul>
 *
 * <p>Why a weighted mean and not the best grid point: along the heating / cooling ridge the balance
 * points trade against the base (a higher {@code Tb_h} turns base into heating) while the SSE
 * barely moves, so the best grid point of a noisy year is nearly a coin toss among its neighbours
 * and its base is the least stable output. The likelihood-weighted mean (the posterior mean under a
 * flat prior on the grid) is the usual way to summarise such a flat optimum; on simulated years of
 * the OpenEEmeter Illinois sample (true 60 / 65 °F, multiplicative noise) it halves the median base
 * error of the best grid point (about 23 % to 9..14 %) and keeps heating and cooling within 10 % in
 * 95..100 % of years, against 72..85 %.
 *
 * <p>Design note: the fit is done on centred sums, so each candidate is a 2x2 (or 1x1) solve of the
 * normal equations and the intercept is {@code mean(y) - b . mean(x)}; this is the 3x3 normal
 * equations of {@code [1, HDD, CDD]} with the intercept eliminated, and it is better conditioned.
 * The degree days of every grid value are computed once, so a year on the 18 x 16 Celsius grid is
 * about 300 pair loops of 365 multiply-adds.
 */
public final class DegreeDays {

  /** Adjusted-R² improvements below this are ties. */
  static final double TIE = 1e-9;

  private DegreeDays() {}

  /**
   * One day of regression input: the energy of a complete local day and its outdoor temperature.
   *
   * @param date the local day
   * @param kwh energy of the day in kWh
   * @param temperatures one or more temperature samples equally spaced over the day (one: the daily
   *     mean); copied
   */
  public record Observation(LocalDate date, double kwh, double[] temperatures) {

    public Observation {
      Objects.requireNonNull(date, "date");
      if (!(kwh >= 0) || Double.isInfinite(kwh)) {
        throw new IllegalArgumentException(
            "kWh of " + date + " must be finite and >= 0, was " + kwh);
      }
      Objects.requireNonNull(temperatures, "temperatures");
      if (temperatures.length == 0) {
        throw new IllegalArgumentException(
            "temperatures of " + date + " must hold at least one sample (the daily mean)");
      }
      temperatures = temperatures.clone();
      for (double t : temperatures) {
        if (!Double.isFinite(t)) {
          throw new IllegalArgumentException("a temperature of " + date + " is not finite: " + t);
        }
      }
    }

    /** A day described by its mean temperature (the classic degree-day method). */
    public static Observation ofMean(LocalDate date, double kwh, double meanTemperature) {
      return new Observation(date, kwh, new double[] {meanTemperature});
    }

    @Override
    public double[] temperatures() {
      return temperatures.clone();
    }

    /** The mean of the temperature samples. */
    public double meanTemperature() {
      double s = 0;
      for (double t : temperatures) {
        s += t;
      }
      return s / temperatures.length;
    }

    /** Heating degree days at a balance point: mean of {@code max(0, balance - T)}. */
    public double heatingDegrees(double balance) {
      double s = 0;
      for (double t : temperatures) {
        s += Math.max(0, balance - t);
      }
      return s / temperatures.length;
    }

    /** Cooling degree days at a balance point: mean of {@code max(0, T - balance)}. */
    public double coolingDegrees(double balance) {
      double s = 0;
      for (double t : temperatures) {
        s += Math.max(0, t - balance);
      }
      return s / temperatures.length;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Observation x
          && date.equals(x.date)
          && Double.compare(kwh, x.kwh) == 0
          && Arrays.equals(temperatures, x.temperatures);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * date.hashCode() + Double.hashCode(kwh)) + Arrays.hashCode(temperatures);
    }

    @Override
    public String toString() {
      return "Observation[" + date + ", " + kwh + " kWh, " + Arrays.toString(temperatures) + "]";
    }
  }

  /**
   * The settings of the regression. Balance-point ranges are in the unit of the temperatures.
   *
   * @param heatingMin lowest heating balance point tried
   * @param heatingMax highest heating balance point tried
   * @param coolingMin lowest cooling balance point tried
   * @param coolingMax highest cooling balance point tried
   * @param step grid step of both ranges
   * @param windowDays length of the trailing window in local days (365)
   * @param minDays fewest days with data in the window (90)
   * @param minDegreeDays fewest days with a non-zero degree day for a term to be tried (10)
   * @param minTStatistic smallest coefficient / standard error for a term to count (1.645)
   */
  public record Settings(
      double heatingMin,
      double heatingMax,
      double coolingMin,
      double coolingMax,
      double step,
      int windowDays,
      int minDays,
      int minDegreeDays,
      double minTStatistic)
      implements java.io.Serializable {

    /** Celsius defaults: heating 7..24 °C, cooling 15..30 °C, step 1 °C (18 x 16 points). */
    public static final Settings CELSIUS = new Settings(7, 24, 15, 30, 1, 365, 90, 10, 1.645);

    /** Fahrenheit defaults: heating 45..75 °F, cooling 59..86 °F, step 1 °F (the same span). */
    public static final Settings FAHRENHEIT = new Settings(45, 75, 59, 86, 1, 365, 90, 10, 1.645);

    public Settings {
      checkRange("heating", heatingMin, heatingMax);
      checkRange("cooling", coolingMin, coolingMax);
      if (!(step > 0) || Double.isInfinite(step)) {
        throw new IllegalArgumentException("degree-day grid step must be > 0, was " + step);
      }
      if (points(heatingMin, heatingMax, step) > 1000
          || points(coolingMin, coolingMax, step) > 1000) {
        throw new IllegalArgumentException(
            "degree-day grid of step "
                + step
                + " has more than 1000 balance points per range; use a larger step");
      }
      if (windowDays < 1) {
        throw new IllegalArgumentException(
            "degree-day windowDays must be >= 1, was " + windowDays + "; the default is 365");
      }
      if (minDays < 3) {
        throw new IllegalArgumentException(
            "degree-day minDays must be >= 3 (two terms and an intercept), was " + minDays);
      }
      if (minDegreeDays < 1) {
        throw new IllegalArgumentException(
            "degree-day minDegreeDays must be >= 1, was " + minDegreeDays);
      }
      if (!(minTStatistic >= 0) || Double.isInfinite(minTStatistic)) {
        throw new IllegalArgumentException(
            "degree-day minTStatistic must be finite and >= 0, was " + minTStatistic);
      }
    }

    /** The same settings with other balance-point ranges. */
    public Settings withRanges(
        double heatingMin, double heatingMax, double coolingMin, double coolingMax) {
      return new Settings(
          heatingMin,
          heatingMax,
          coolingMin,
          coolingMax,
          step,
          windowDays,
          minDays,
          minDegreeDays,
          minTStatistic);
    }

    /** The same settings with another minimum number of days and of degree days. */
    public Settings withMinimums(int minDays, int minDegreeDays) {
      return new Settings(
          heatingMin,
          heatingMax,
          coolingMin,
          coolingMax,
          step,
          windowDays,
          minDays,
          minDegreeDays,
          minTStatistic);
    }

    double[] heatingGrid() {
      return grid(heatingMin, heatingMax, step);
    }

    double[] coolingGrid() {
      return grid(coolingMin, coolingMax, step);
    }

    private static void checkRange(String what, double min, double max) {
      if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
        throw new IllegalArgumentException(
            what + " balance-point range must be finite with min <= max, was " + min + ".." + max);
      }
    }

    private static long points(double min, double max, double step) {
      return (long) Math.floor((max - min) / step + 1e-9) + 1;
    }

    private static double[] grid(double min, double max, double step) {
      double[] g = new double[(int) points(min, max, step)];
      for (int i = 0; i < g.length; i++) {
        g[i] = min + i * step;
      }
      return g;
    }
  }

  /**
   * A fitted degree-day model. A term that did not qualify has coefficient 0 and balance point NaN.
   *
   * @param from first local day of the window
   * @param to last local day of the window
   * @param days number of days with data the model was fitted on
   * @param baseKwh the intercept: temperature-independent energy per day, kWh
   * @param heatingSlope kWh per heating degree day ({@code h})
   * @param heatingBalance heating balance point {@code Tb_h}, NaN without a heating term
   * @param coolingSlope kWh per cooling degree day ({@code c})
   * @param coolingBalance cooling balance point {@code Tb_c}, NaN without a cooling term
   * @param adjustedR2 adjusted R² of the fit (0 for the intercept-only model)
   */
  public record Model(
      LocalDate from,
      LocalDate to,
      int days,
      double baseKwh,
      double heatingSlope,
      double heatingBalance,
      double coolingSlope,
      double coolingBalance,
      double adjustedR2) {

    public Model {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      if (from.isAfter(to)) {
        throw new IllegalArgumentException("model window " + from + ".." + to + " is reversed");
      }
      if (days < 1) {
        throw new IllegalArgumentException("model days must be >= 1, was " + days);
      }
      if (!Double.isFinite(baseKwh)) {
        throw new IllegalArgumentException("model base must be finite, was " + baseKwh);
      }
      checkTerm("heating", heatingSlope, heatingBalance);
      checkTerm("cooling", coolingSlope, coolingBalance);
      if (!Double.isNaN(heatingBalance)
          && !Double.isNaN(coolingBalance)
          && heatingBalance > coolingBalance) {
        throw new IllegalArgumentException(
            "heating balance point "
                + heatingBalance
                + " is above the cooling balance point "
                + coolingBalance);
      }
    }

    /** Whether the model has a heating term. */
    public boolean hasHeating() {
      return !Double.isNaN(heatingBalance);
    }

    /** Whether the model has a cooling term. */
    public boolean hasCooling() {
      return !Double.isNaN(coolingBalance);
    }

    /** The heating energy of a day: {@code h * HDD(Tb_h)}, 0 without a heating term. */
    public double heatingKwh(Observation day) {
      return hasHeating() ? heatingSlope * day.heatingDegrees(heatingBalance) : 0;
    }

    /** The cooling energy of a day: {@code c * CDD(Tb_c)}, 0 without a cooling term. */
    public double coolingKwh(Observation day) {
      return hasCooling() ? coolingSlope * day.coolingDegrees(coolingBalance) : 0;
    }

    /** The modelled energy of a day: base + heating + cooling. */
    public double predictKwh(Observation day) {
      return baseKwh + heatingKwh(day) + coolingKwh(day);
    }

    private static void checkTerm(String what, double slope, double balance) {
      if (Double.isNaN(balance) ? slope != 0 : !(slope > 0) || Double.isInfinite(slope)) {
        throw new IllegalArgumentException(
            what
                + " slope "
                + slope
                + " with balance point "
                + balance
                + ": a term is either absent (slope 0, balance NaN) or positive and finite");
      }
      if (Double.isInfinite(balance)) {
        throw new IllegalArgumentException(what + " balance point must be finite, was " + balance);
      }
    }
  }

  /**
   * The regression input of a meter: one observation per complete day that has a weather mean. Days
   * with a {@code MISSING} interval are left out (their total is short); estimated intervals count.
   *
   * @param days cleaned days of one meter and channel
   * @param weather daily mean temperatures of the meter's region
   * @return observations in the order of {@code days}
   */
  public static List<Observation> observations(List<MeterDay> days, Weather weather) {
    Objects.requireNonNull(weather, "weather");
    AlwaysOn.checkOneSeries(days, "degree-day regression");
    List<Observation> out = new ArrayList<>();
    for (MeterDay d : days) {
      OptionalDouble t = weather.meanC(d.date());
      if (d.missingCount() == 0 && t.isPresent()) {
        out.add(Observation.ofMean(d.date(), d.totalWh() / 1000.0, t.getAsDouble()));
      }
    }
    return out;
  }

  /**
   * The regression input of a meter with temperature samples of each day (hourly, say: the
   * integration method of {@link Observation#heatingDegrees}); otherwise as {@link
   * #observations(List, Weather)}. Days without samples are left out.
   *
   * @param days cleaned days of one meter and channel
   * @param samples temperature samples of each local day, equally spaced over the day
   * @return observations in the order of {@code days}
   */
  public static List<Observation> observations(
      List<MeterDay> days, Map<LocalDate, double[]> samples) {
    Objects.requireNonNull(samples, "samples");
    AlwaysOn.checkOneSeries(days, "degree-day regression");
    List<Observation> out = new ArrayList<>();
    for (MeterDay d : days) {
      double[] t = samples.get(d.date());
      if (d.missingCount() == 0 && t != null && t.length > 0) {
        out.add(new Observation(d.date(), d.totalWh() / 1000.0, t));
      }
    }
    return out;
  }

  /**
   * Fits the model on the observations of the local days {@code (asOf - windowDays, asOf]}.
   *
   * @param days observations of one meter, in any order; those outside the window are ignored
   * @return empty when fewer than {@link Settings#minDays()} days of the window have data
   * @throws IllegalArgumentException when a date appears twice
   */
  public static Optional<Model> fit(List<Observation> days, LocalDate asOf, Settings settings) {
    Objects.requireNonNull(days, "days");
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(settings, "settings");
    LocalDate from = asOf.minusDays(settings.windowDays() - 1L);
    List<Observation> window = new ArrayList<>();
    Set<LocalDate> seen = new HashSet<>();
    for (Observation o : days) {
      if (!o.date().isBefore(from) && !o.date().isAfter(asOf)) {
        if (!seen.add(o.date())) {
          throw new IllegalArgumentException(
              "degree-day regression got two observations for " + o.date());
        }
        window.add(o);
      }
    }
    int n = window.size();
    if (n < settings.minDays()) {
      return Optional.empty();
    }
    return Optional.of(new Fit(window, settings).best(from, asOf));
  }

  /** The grid search over one window: degree days precomputed per balance point. */
  private static final class Fit {

    private final List<Observation> window;
    private final int n;
    private final Settings settings;
    private final double[] y;
    private final double meanY;
    private final double syy;
    private final double[] heatBalance;
    private final double[] coolBalance;
    private final Term[] heat;
    private final Term[] cool;

    Fit(List<Observation> window, Settings settings) {
      this.window = window;
      this.n = window.size();
      this.settings = settings;
      this.y = new double[n];
      double s = 0;
      for (int d = 0; d < n; d++) {
        y[d] = window.get(d).kwh();
        s += y[d];
      }
      this.meanY = s / n;
      double q = 0;
      for (double v : y) {
        q += (v - meanY) * (v - meanY);
      }
      this.syy = q;
      this.heatBalance = settings.heatingGrid();
      this.coolBalance = settings.coolingGrid();
      this.heat = new Term[heatBalance.length];
      for (int i = 0; i < heat.length; i++) {
        double[] x = new double[n];
        for (int d = 0; d < n; d++) {
          x[d] = window.get(d).heatingDegrees(heatBalance[i]);
        }
        heat[i] = new Term(x, y, meanY);
      }
      this.cool = new Term[coolBalance.length];
      for (int j = 0; j < cool.length; j++) {
        double[] x = new double[n];
        for (int d = 0; d < n; d++) {
          x[d] = window.get(d).coolingDegrees(coolBalance[j]);
        }
        cool[j] = new Term(x, y, meanY);
      }
    }

    Model best(LocalDate from, LocalDate to) {
      Model best = new Model(from, to, n, meanY, 0, Double.NaN, 0, Double.NaN, 0);
      if (!(syy > 0)) {
        return best;
      }
      List<Candidate> heatingOnly = new ArrayList<>();
      List<Candidate> coolingOnly = new ArrayList<>();
      List<Candidate> both = new ArrayList<>();
      for (int i = 0; i < heat.length; i++) {
        if (usable(heat[i]) && n >= 3) {
          one(heat[i], heatBalance[i], Double.NaN).ifPresent(heatingOnly::add);
        }
      }
      for (int j = 0; j < cool.length; j++) {
        if (usable(cool[j]) && n >= 3) {
          one(cool[j], Double.NaN, coolBalance[j]).ifPresent(coolingOnly::add);
        }
      }
      if (n >= 4) {
        for (int i = 0; i < heat.length; i++) {
          if (!usable(heat[i])) {
            continue;
          }
          for (int j = 0; j < cool.length; j++) {
            if (coolBalance[j] >= heatBalance[i] && usable(cool[j])) {
              two(heat[i], cool[j], heatBalance[i], coolBalance[j]).ifPresent(both::add);
            }
          }
        }
      }
      List<Candidate> winners = List.of();
      Candidate top = null;
      for (List<Candidate> kind : List.of(heatingOnly, coolingOnly, both)) {
        for (Candidate c : kind) {
          if (c.adjustedR2 > (top == null ? 0 : top.adjustedR2) + TIE) {
            top = c;
            winners = kind;
          }
        }
      }
      if (top == null) {
        return best;
      }
      return refitAtMeanBalance(winners, top).orElse(top).model(from, to, n);
    }

    /**
     * The candidate of one kind refitted at the likelihood-weighted mean balance points of that
     * kind ({@code exp(-(SSE - SSEmin) / (2 s²))}, {@code s² = SSEmin / (n - p - 1)}); empty when
     * the fit is exact or the refitted terms do not qualify.
     */
    private Optional<Candidate> refitAtMeanBalance(List<Candidate> kind, Candidate top) {
      double s2 = top.sse / (n - top.terms() - 1);
      if (!(s2 > 0) || kind.size() < 2) {
        return Optional.empty();
      }
      double w = 0;
      double th = 0;
      double tc = 0;
      for (Candidate c : kind) {
        double weight = Math.exp(-(c.sse - top.sse) / (2 * s2));
        w += weight;
        th += weight * (Double.isNaN(c.heatingBalance) ? 0 : c.heatingBalance);
        tc += weight * (Double.isNaN(c.coolingBalance) ? 0 : c.coolingBalance);
      }
      double h = Double.isNaN(top.heatingBalance) ? Double.NaN : th / w;
      double c = Double.isNaN(top.coolingBalance) ? Double.NaN : tc / w;
      Term ht = Double.isNaN(h) ? null : term(h, true);
      Term ct = Double.isNaN(c) ? null : term(c, false);
      if ((ht != null && !usable(ht)) || (ct != null && !usable(ct))) {
        return Optional.empty();
      }
      if (ht != null && ct != null) {
        return two(ht, ct, h, c);
      }
      return ht != null ? one(ht, h, Double.NaN) : one(ct, Double.NaN, c);
    }

    private Term term(double balance, boolean heating) {
      double[] x = new double[n];
      for (int d = 0; d < n; d++) {
        Observation o = window.get(d);
        x[d] = heating ? o.heatingDegrees(balance) : o.coolingDegrees(balance);
      }
      return new Term(x, y, meanY);
    }

    /** The one-term fit of a heating (cooling balance NaN) or cooling term, if it qualifies. */
    private Optional<Candidate> one(Term t, double heatingBalance, double coolingBalance) {
      double b = t.sxy / t.sxx;
      double sse = Math.max(0, syy - b * t.sxy);
      if (!significant(b, sse / (n - 2) / t.sxx)) {
        return Optional.empty();
      }
      boolean heating = !Double.isNaN(heatingBalance);
      return Optional.of(
          new Candidate(
              meanY - b * t.mean,
              heating ? b : 0,
              heatingBalance,
              heating ? 0 : b,
              coolingBalance,
              sse,
              1 - sse / (n - 2) / (syy / (n - 1))));
    }

    /** The two-term fit of a heating and a cooling term, if both qualify. */
    private Optional<Candidate> two(Term h, Term c, double heatingBalance, double coolingBalance) {
      double shc = 0;
      double[] hc = h.centred;
      double[] cc = c.centred;
      for (int d = 0; d < n; d++) {
        shc += hc[d] * cc[d]; // (h.x[d] - h.mean) * (c.x[d] - c.mean), the differences kept
      }
      double det = h.sxx * c.sxx - shc * shc;
      if (!(det > 1e-12 * h.sxx * c.sxx)) {
        return Optional.empty();
      }
      double bh = (c.sxx * h.sxy - shc * c.sxy) / det;
      double bc = (h.sxx * c.sxy - shc * h.sxy) / det;
      double sse = Math.max(0, syy - bh * h.sxy - bc * c.sxy);
      double s2 = sse / (n - 3);
      if (!significant(bh, s2 * c.sxx / det) || !significant(bc, s2 * h.sxx / det)) {
        return Optional.empty();
      }
      return Optional.of(
          new Candidate(
              meanY - bh * h.mean - bc * c.mean,
              bh,
              heatingBalance,
              bc,
              coolingBalance,
              sse,
              1 - s2 / (syy / (n - 1))));
    }

    private boolean usable(Term t) {
      return t.nonZero >= settings.minDegreeDays() && t.sxx > 0;
    }

    private boolean significant(double coefficient, double variance) {
      if (!(coefficient > 0) || Double.isInfinite(coefficient)) {
        return false;
      }
      return variance <= 0 || coefficient / Math.sqrt(variance) >= settings.minTStatistic();
    }
  }

  /**
   * One qualifying candidate of the grid search: coefficients, balance points, SSE, adjusted R².
   */
  private record Candidate(
      double base,
      double heatingSlope,
      double heatingBalance,
      double coolingSlope,
      double coolingBalance,
      double sse,
      double adjustedR2) {

    int terms() {
      return (Double.isNaN(heatingBalance) ? 0 : 1) + (Double.isNaN(coolingBalance) ? 0 : 1);
    }

    Model model(LocalDate from, LocalDate to, int days) {
      return new Model(
          from,
          to,
          days,
          base,
          heatingSlope,
          heatingBalance,
          coolingSlope,
          coolingBalance,
          adjustedR2);
    }
  }

  /** The degree days of one balance point over the window, with their centred sums. */
  private static final class Term {

    final double[] x;
    final double[] centred;
    final double mean;
    final double sxx;
    final double sxy;
    final int nonZero;

    Term(double[] x, double[] y, double meanY) {
      this.x = x;
      int n = x.length;
      double s = 0;
      int nz = 0;
      for (double v : x) {
        s += v;
        if (v > 0) {
          nz++;
        }
      }
      this.mean = s / n;
      this.centred = new double[n];
      double xx = 0;
      double xy = 0;
      for (int d = 0; d < n; d++) {
        double dx = x[d] - mean;
        centred[d] = dx;
        xx += dx * dx;
        xy += dx * (y[d] - meanY);
      }
      this.sxx = xx;
      this.sxy = xy;
      this.nonZero = nz;
    }
  }
}
