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
 * <p>Two estimators of this one model. When every observation of the window carries the energy of
 * each temperature sample's interval ({@link Observation#ofIntervals}, hourly kWh with hourly
 * temperatures, say), the per-interval estimator of {@link IntervalDegreeDays} fits it: the degree
 * days are those of the temperatures {@code lag} samples earlier (lag 0..{@link Settings#maxLag()}
 * chosen by fit), and the fit is a Gamma quasi-likelihood one, for noise proportional to the mean.
 * On the OpenEEmeter Illinois sample (load lagging the temperature by 3 h, multiplicative noise) it
 * recovers base / heating / cooling within 10 % where the daily estimator's base is +26 %; on 200
 * years simulated from that sample's true model, all three are within 10 % in 99 % of years against
 * 52 % (EemeterAccuracyTest). Otherwise (daily kWh only, the product's daily-mean {@link Weather})
 * the daily estimator below fits it, with lag 0.
 *
 * <p>Definition of the daily estimator:
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
   * One day of regression input: the energy of a complete local day and its outdoor temperature,
   * optionally with the energy of each temperature sample's interval and the temperatures before
   * the day (what the lagged per-sample estimator needs, see {@link DegreeDays}).
   *
   * @param date the local day
   * @param kwh energy of the day in kWh
   * @param temperatures one or more temperature samples equally spaced over the day (one: the daily
   *     mean); copied
   * @param energies empty, or the kWh of each sample's interval, aligned with {@code temperatures}
   *     and summing to {@code kwh}; copied
   * @param history temperature samples just before the day, equally spaced like {@code
   *     temperatures}, oldest first (the last one is the sample before the day's first); may be
   *     empty; copied
   */
  public record Observation(
      LocalDate date, double kwh, double[] temperatures, double[] energies, double[] history) {

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
      temperatures = finite(temperatures, "a temperature", date);
      Objects.requireNonNull(energies, "energies");
      Objects.requireNonNull(history, "history");
      history = finite(history, "a history temperature", date);
      energies = energies.clone();
      if (energies.length > 0) {
        if (energies.length != temperatures.length) {
          throw new IllegalArgumentException(
              "energies of "
                  + date
                  + " must be aligned with its temperature samples: "
                  + energies.length
                  + " energies for "
                  + temperatures.length
                  + " temperatures; aggregate the intervals to the samples first");
        }
        double sum = 0;
        for (double e : energies) {
          if (!(e >= 0) || Double.isInfinite(e)) {
            throw new IllegalArgumentException(
                "an interval energy of " + date + " must be finite and >= 0, was " + e);
          }
          sum += e;
        }
        if (Math.abs(sum - kwh) > 1e-9 * Math.max(1, kwh)) {
          throw new IllegalArgumentException(
              "interval energies of "
                  + date
                  + " sum to "
                  + sum
                  + " kWh, not the day's "
                  + kwh
                  + "; use Observation.ofIntervals to derive the day's kWh");
        }
      }
    }

    /** A day of energy and temperature samples, without interval energies or history. */
    public Observation(LocalDate date, double kwh, double[] temperatures) {
      this(date, kwh, temperatures, new double[0], new double[0]);
    }

    /** A day described by its mean temperature (the classic degree-day method). */
    public static Observation ofMean(LocalDate date, double kwh, double meanTemperature) {
      return new Observation(date, kwh, new double[] {meanTemperature});
    }

    /**
     * A day of interval energies aligned with its temperature samples, with the temperatures just
     * before the day: the day's kWh is the sum of the energies.
     */
    public static Observation ofIntervals(
        LocalDate date, double[] energies, double[] temperatures, double[] history) {
      Objects.requireNonNull(energies, "energies");
      double sum = 0;
      for (double e : energies) {
        sum += e;
      }
      if (energies.length == 0) {
        throw new IllegalArgumentException(
            "energies of " + date + " must hold one value per temperature sample, was empty");
      }
      return new Observation(date, sum, temperatures, energies, history);
    }

    @Override
    public double[] temperatures() {
      return temperatures.clone();
    }

    @Override
    public double[] energies() {
      return energies.clone();
    }

    @Override
    public double[] history() {
      return history.clone();
    }

    /** Whether the day carries the energy of each temperature sample's interval. */
    public boolean hasEnergies() {
      return energies.length > 0;
    }

    /** The number of temperature samples of the day. */
    public int samples() {
      return temperatures.length;
    }

    /**
     * The temperature {@code lag} samples before sample {@code i} of the day: {@code temperatures[i
     * - lag]}, or a sample of the history when that index is negative.
     *
     * @throws IllegalArgumentException when the history is shorter than needed
     */
    public double laggedTemperature(int i, int lag) {
      int j = i - lag;
      if (j >= 0) {
        return temperatures[j];
      }
      if (-j > history.length) {
        throw new IllegalArgumentException(
            "a lag of "
                + lag
                + " samples needs "
                + lag
                + " history temperatures before "
                + date
                + ", the observation has "
                + history.length
                + "; build it with Observation.ofIntervals and enough history");
      }
      return history[history.length + j];
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
      return heatingDegrees(balance, 0);
    }

    /** Cooling degree days at a balance point: mean of {@code max(0, T - balance)}. */
    public double coolingDegrees(double balance) {
      return coolingDegrees(balance, 0);
    }

    /**
     * Heating degree days of the lagged temperatures: mean over the day's samples {@code i} of
     * {@code max(0, balance - laggedTemperature(i, lag))}.
     */
    public double heatingDegrees(double balance, int lag) {
      double s = 0;
      for (int i = 0; i < temperatures.length; i++) {
        s += Math.max(0, balance - laggedTemperature(i, lag));
      }
      return s / temperatures.length;
    }

    /**
     * Cooling degree days of the lagged temperatures: mean over the day's samples {@code i} of
     * {@code max(0, laggedTemperature(i, lag) - balance)}.
     */
    public double coolingDegrees(double balance, int lag) {
      double s = 0;
      for (int i = 0; i < temperatures.length; i++) {
        s += Math.max(0, laggedTemperature(i, lag) - balance);
      }
      return s / temperatures.length;
    }

    /** The energy of sample {@code i}'s interval; only for an observation with energies. */
    double energy(int i) {
      return energies[i];
    }

    private static double[] finite(double[] values, String what, LocalDate date) {
      double[] copy = values.clone();
      for (double t : copy) {
        if (!Double.isFinite(t)) {
          throw new IllegalArgumentException(what + " of " + date + " is not finite: " + t);
        }
      }
      return copy;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Observation x
          && date.equals(x.date)
          && Double.compare(kwh, x.kwh) == 0
          && Arrays.equals(temperatures, x.temperatures)
          && Arrays.equals(energies, x.energies)
          && Arrays.equals(history, x.history);
    }

    @Override
    public int hashCode() {
      int h = 31 * (31 * date.hashCode() + Double.hashCode(kwh)) + Arrays.hashCode(temperatures);
      return 31 * (31 * h + Arrays.hashCode(energies)) + Arrays.hashCode(history);
    }

    @Override
    public String toString() {
      return "Observation["
          + date
          + ", "
          + kwh
          + " kWh, "
          + Arrays.toString(temperatures)
          + (energies.length > 0 ? ", energies " + Arrays.toString(energies) : "")
          + (history.length > 0 ? ", history " + Arrays.toString(history) : "")
          + "]";
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
   * @param maxLag largest thermal lag tried by the per-sample estimator, in temperature samples
   *     (hours for hourly samples; 6); the daily estimator ignores it
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
      double minTStatistic,
      int maxLag)
      implements java.io.Serializable {

    /** The default {@link #maxLag()}: 6 samples, 6 hours of hourly temperatures. */
    public static final int DEFAULT_MAX_LAG = 6;

    /** Celsius defaults: heating 7..24 °C, cooling 15..30 °C, step 1 °C (18 x 16 points). */
    public static final Settings CELSIUS =
        new Settings(7, 24, 15, 30, 1, 365, 90, 10, 1.645, DEFAULT_MAX_LAG);

    /** Fahrenheit defaults: heating 45..75 °F, cooling 59..86 °F, step 1 °F (the same span). */
    public static final Settings FAHRENHEIT =
        new Settings(45, 75, 59, 86, 1, 365, 90, 10, 1.645, DEFAULT_MAX_LAG);

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
      if (maxLag < 0 || maxLag > 48) {
        throw new IllegalArgumentException(
            "degree-day maxLag must be 0..48 temperature samples, was "
                + maxLag
                + "; the default is "
                + DEFAULT_MAX_LAG);
      }
    }

    /** Settings with the default {@link #maxLag()}. */
    public Settings(
        double heatingMin,
        double heatingMax,
        double coolingMin,
        double coolingMax,
        double step,
        int windowDays,
        int minDays,
        int minDegreeDays,
        double minTStatistic) {
      this(
          heatingMin,
          heatingMax,
          coolingMin,
          coolingMax,
          step,
          windowDays,
          minDays,
          minDegreeDays,
          minTStatistic,
          DEFAULT_MAX_LAG);
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
          minTStatistic,
          maxLag);
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
          minTStatistic,
          maxLag);
    }

    /** The same settings with another grid step. */
    public Settings withStep(double step) {
      return new Settings(
          heatingMin,
          heatingMax,
          coolingMin,
          coolingMax,
          step,
          windowDays,
          minDays,
          minDegreeDays,
          minTStatistic,
          maxLag);
    }

    /** The same settings with another largest thermal lag. */
    public Settings withMaxLag(int maxLag) {
      return new Settings(
          heatingMin,
          heatingMax,
          coolingMin,
          coolingMax,
          step,
          windowDays,
          minDays,
          minDegreeDays,
          minTStatistic,
          maxLag);
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
   * @param adjustedR2 adjusted R² of the daily kWh (0 for the intercept-only model)
   * @param lag thermal lag in temperature samples: the degree days of a day are those of its
   *     temperatures {@code lag} samples earlier (0 for the daily estimator)
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
      double adjustedR2,
      int lag) {

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
      if (lag < 0) {
        throw new IllegalArgumentException("model lag must be >= 0 samples, was " + lag);
      }
    }

    /** A model without thermal lag. */
    public Model(
        LocalDate from,
        LocalDate to,
        int days,
        double baseKwh,
        double heatingSlope,
        double heatingBalance,
        double coolingSlope,
        double coolingBalance,
        double adjustedR2) {
      this(
          from,
          to,
          days,
          baseKwh,
          heatingSlope,
          heatingBalance,
          coolingSlope,
          coolingBalance,
          adjustedR2,
          0);
    }

    /** Whether the model has a heating term. */
    public boolean hasHeating() {
      return !Double.isNaN(heatingBalance);
    }

    /** Whether the model has a cooling term. */
    public boolean hasCooling() {
      return !Double.isNaN(coolingBalance);
    }

    /**
     * The heating energy of a day: {@code h * HDD(Tb_h)} of its temperatures lagged by {@link
     * #lag()}, 0 without a heating term.
     *
     * @throws IllegalArgumentException when the day's history is shorter than the lag
     */
    public double heatingKwh(Observation day) {
      return hasHeating() ? heatingSlope * day.heatingDegrees(heatingBalance, lag) : 0;
    }

    /**
     * The cooling energy of a day: {@code c * CDD(Tb_c)} of its temperatures lagged by {@link
     * #lag()}, 0 without a cooling term.
     *
     * @throws IllegalArgumentException when the day's history is shorter than the lag
     */
    public double coolingKwh(Observation day) {
      return hasCooling() ? coolingSlope * day.coolingDegrees(coolingBalance, lag) : 0;
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
   * The regression input of a meter for the per-interval estimator ({@link IntervalDegreeDays}):
   * one observation per complete day that has temperature samples and whose previous local day has
   * some too, with the energy of each sample's interval (the day's intervals summed per sample) and
   * the last {@code history} samples of the previous day (fewer when it has fewer). A day whose
   * previous day has no samples is left out rather than given no history, which would hold the lag
   * of the whole window to 0.
   *
   * @param days cleaned days of one meter and channel
   * @param samples temperature samples of each local day, equally spaced over the day
   * @param history samples of the previous day to keep, at least {@link Settings#maxLag()}
   * @return observations in the order of {@code days}
   * @throws IllegalArgumentException when a day's interval count is not a multiple of its sample
   *     count
   */
  public static List<Observation> intervalObservations(
      List<MeterDay> days, Map<LocalDate, double[]> samples, int history) {
    Objects.requireNonNull(samples, "samples");
    if (history < 0) {
      throw new IllegalArgumentException("history must be >= 0 samples, was " + history);
    }
    AlwaysOn.checkOneSeries(days, "degree-day regression");
    List<Observation> out = new ArrayList<>();
    for (MeterDay d : days) {
      double[] t = samples.get(d.date());
      double[] before = samples.get(d.date().minusDays(1));
      if (d.missingCount() > 0 || t == null || t.length == 0 || before == null) {
        continue;
      }
      if (d.size() % t.length != 0) {
        throw new IllegalArgumentException(
            d.size()
                + " intervals of "
                + d.date()
                + " cannot be summed into its "
                + t.length
                + " temperature samples; give one sample per interval or per whole number of"
                + " intervals");
      }
      int per = d.size() / t.length;
      double[] energies = new double[t.length];
      for (int i = 0; i < d.size(); i++) {
        energies[i / per] += d.wh(i) / 1000.0;
      }
      double[] h = Arrays.copyOfRange(before, Math.max(0, before.length - history), before.length);
      out.add(Observation.ofIntervals(d.date(), energies, t, h));
    }
    return out;
  }

  /**
   * Fits the model on the observations of the local days {@code (asOf - windowDays, asOf]}: by the
   * per-interval estimator when all of them carry interval energies, else by the daily one.
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
    boolean intervals = window.stream().allMatch(Observation::hasEnergies);
    return Optional.of(
        intervals
            ? IntervalDegreeDays.fit(window, settings, from, asOf)
            : new Fit(window, settings).best(from, asOf));
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
