package io.gridlens.core.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridlens.core.insight.DegreeDays.Model;
import io.gridlens.core.insight.DegreeDays.Observation;
import io.gridlens.core.insight.DegreeDays.Settings;
import io.gridlens.core.testkit.TestFixtures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Accuracy of the degree-day regression on the synthetic OpenEEmeter samples, whose true annual
 * base / heating / cooling loads are in {@code metadata.json}.
 *
 * <p>The Illinois series (2015-11-22..2018-02-08, hourly, local offsets -06:00/-05:00) has a
 * baseline year before the blackout of 2016-12-26 and a reporting year after 2017-01-04. The window
 * used here is the 365 days ending 2016-12-25, a full year, so annual loads are the model's sums
 * over the window with no scaling: base x 365, sum of h x HDD, sum of c x CDD.
 *
 * <p>The days are given their hourly kWh, their hourly temperatures and the 6 hours before them
 * ({@link Input#INTERVALS}), so {@link DegreeDays#fit} uses the per-interval estimator ({@link
 * IntervalDegreeDays}): the load of this sample follows the temperature of 3 hours earlier and its
 * noise is multiplicative. The daily estimator on the same days (daily kWh, hourly temperatures) is
 * printed for comparison: its base is +26 % on the baseline year.
 */
class EemeterAccuracyTest {

  private static final Path DIR = TestFixtures.shared("eemeter");

  private static final String IL = "il-electricity-cdd-hdd-hourly";

  /**
   * The must-show: grid search (45..75 / 59..86 °F, lags 0..6 h), no balance point given, base,
   * heating and cooling all within 10 % of metadata.json. Measured: lag 3 h, 61 / 65 °F, base 1,876
   * kWh (-6.2 %), heating 4,195 (+4.9 %), cooling 4,282 (+7.0 %); the exhaustive search (every
   * candidate by its own IRLS) selects the same model. The daily estimator on the same days: 58.5 /
   * 66.6 °F, base 2,527 (+26 %), heating and cooling within 10 %.
   */
  @Test
  void shouldRecoverIllinoisWeatherLoadsByGridSearchWithoutBeingToldTheBalancePoints()
      throws Exception {
    Truth truth = truth(IL);
    List<Observation> days = days(truth, Input.INTERVALS);
    LocalDate asOf = truth.blackoutStart().minusDays(1);

    Model m = DegreeDays.fit(days, asOf, Settings.FAHRENHEIT).orElseThrow();
    Loads loads = Loads.of(m, days);
    List<Observation> daily = days(truth, Input.HOURLY);
    Model old = DegreeDays.fit(daily, asOf, Settings.FAHRENHEIT).orElseThrow();
    System.out.println(
        "il baseline, grid search 45..75 / 59..86 F, lags 0..6 h, per interval: "
            + loads
            + " errors "
            + loads.errors(truth.base(), truth.heating(), truth.cooling())
            + " "
            + m
            + "\n  daily estimator on the same days: "
            + Loads.of(old, daily).errors(truth.base(), truth.heating(), truth.cooling())
            + " "
            + old);

    assertThat(m.days()).isEqualTo(365);
    assertThat(m.lag()).isEqualTo(3);
    assertThat(m.heatingBalance()).isCloseTo(truth.heatingBalance(), within(2.0));
    assertThat(m.coolingBalance()).isCloseTo(truth.coolingBalance(), within(2.0));
    assertThat(loads.base()).isCloseTo(truth.base(), within(0.10 * truth.base()));
    assertThat(loads.heating()).isCloseTo(truth.heating(), within(0.10 * truth.heating()));
    assertThat(loads.cooling()).isCloseTo(truth.cooling(), within(0.10 * truth.cooling()));
  }

  /**
   * At the balance points of metadata.json (60 / 65 °F) the fit chooses lag 3 h itself; measured:
   * base 1,991 kWh (-0.5 %), heating 4,166 (+4.1 %), cooling 4,225 (+5.6 %).
   */
  @Test
  void shouldRecoverIllinoisAnnualLoadsWithinTenPercentAtTheSeriesBalancePoints() throws Exception {
    Truth truth = truth(IL);
    List<Observation> days = days(truth, Input.INTERVALS);
    LocalDate asOf = truth.blackoutStart().minusDays(1);
    Settings at =
        Settings.FAHRENHEIT.withRanges(
            truth.heatingBalance(), truth.heatingBalance(),
            truth.coolingBalance(), truth.coolingBalance());

    Model m = DegreeDays.fit(days, asOf, at).orElseThrow();
    Loads loads = Loads.of(m, days);
    System.out.println("il baseline, balance points of metadata: " + loads + " " + m);

    assertThat(m.days()).isEqualTo(365);
    assertThat(m.lag()).isEqualTo(3);
    assertThat(loads.base()).isCloseTo(truth.base(), within(0.10 * truth.base()));
    assertThat(loads.heating()).isCloseTo(truth.heating(), within(0.10 * truth.heating()));
    assertThat(loads.cooling()).isCloseTo(truth.cooling(), within(0.10 * truth.cooling()));
  }

  /**
   * The reporting year (365 days after the blackout; truth 1,800 / 3,600 / 3,600 kWh). Measured by
   * grid search: lag 3 h, 61 / 65 °F, base 1,688 (-6.2 %), heating 3,714 (+3.2 %), cooling 3,623
   * (+0.6 %). The daily estimator gave base +39 % here, and -20 % even at the true balance points.
   */
  @Test
  void shouldRecoverIllinoisReportingYearWeatherLoadsByGridSearch() throws Exception {
    Truth truth = truth(IL);
    List<Observation> days = days(truth, Input.INTERVALS);
    LocalDate asOf = truth.blackoutEnd().plusDays(365);

    Model m = DegreeDays.fit(days, asOf, Settings.FAHRENHEIT).orElseThrow();
    Loads loads = Loads.of(m, days);
    System.out.println(
        "il reporting, grid search: "
            + loads
            + " errors "
            + loads.errors(
                truth.reportingBase(), truth.reportingHeating(), truth.reportingCooling())
            + " "
            + m);

    assertThat(m.days()).isEqualTo(365);
    assertThat(m.lag()).isEqualTo(3);
    assertThat(loads.base()).isCloseTo(truth.reportingBase(), within(0.10 * truth.reportingBase()));
    assertThat(loads.heating())
        .isCloseTo(truth.reportingHeating(), within(0.10 * truth.reportingHeating()));
    assertThat(loads.cooling())
        .isCloseTo(truth.reportingCooling(), within(0.10 * truth.reportingCooling()));
  }

  /**
   * The UK sample is named "hdd-only" but metadata.json gives it a base of 1,000 kWh and no
   * heating, while its year before the blackout (2020-04-01..2021-03-31) holds 1,559 kWh that rise
   * as it gets colder (correlation of daily kWh and mean temperature -0.34): the metadata does not
   * describe this file, so only the kind of model is asserted, by all three inputs. Measured per
   * interval: 14 °C, lag 6 h (also the best lag when 0..24 h are tried), base 1,391 kWh, heating
   * 164; the daily estimator with hourly temperatures: 16.0 °C, base 1,282, heating 277.
   */
  @Test
  void shouldFitAHeatingOnlyModelToTheUkSample() throws Exception {
    Truth truth = truth("uk-electricity-hdd-only-hourly-sample-0");
    List<Observation> intervals = days(truth, Input.INTERVALS);
    List<Observation> hourly = days(truth, Input.HOURLY);
    List<Observation> means = days(truth, Input.MEANS);
    LocalDate asOf = truth.blackoutStart().minusDays(1);

    Model m = DegreeDays.fit(means, asOf, Settings.CELSIUS).orElseThrow();
    Model h = DegreeDays.fit(hourly, asOf, Settings.CELSIUS).orElseThrow();
    Model i = DegreeDays.fit(intervals, asOf, Settings.CELSIUS).orElseThrow();
    System.out.println("uk, daily means: " + Loads.of(m, means) + " " + m);
    System.out.println("uk, hourly temperatures: " + Loads.of(h, hourly) + " " + h);
    System.out.println("uk, per interval: " + Loads.of(i, intervals) + " " + i);
    System.out.println("uk, metadata: " + truth);

    assertThat(m.hasHeating()).isTrue();
    assertThat(m.hasCooling()).isFalse();
    assertThat(h.hasHeating()).isTrue();
    assertThat(h.hasCooling()).isFalse();
    assertThat(i.hasHeating()).isTrue();
    assertThat(i.hasCooling()).isFalse();
  }

  /** Simulated years of the studies below. */
  private static final int YEARS = 200;

  /** Simulated years compared with the exhaustive search. */
  private static final int EXHAUSTIVE = 5;

  /** Simulated years of the lag and noise checks. */
  private static final int CHECKS = 40;

  /**
   * Evidence that the per-interval estimator is general, not tuned to the Illinois file: {@value
   * #YEARS} years simulated from the true model of its baseline year (lag 3 h, 60 / 65 °F, the
   * per-interval fit at those balance points as the truth, the file's own temperatures), each hour
   * its modelled mean times a ratio drawn at random from the file's own ratios of energy to
   * modelled mean (scaled to mean 1): multiplicative noise of the file's shape. Each year is fitted
   * by grid search with both estimators: per interval, and daily kWh with the same hourly
   * temperatures (the daily estimator). The loads of a year are compared with the truth's own
   * loads.
   */
  @Test
  void shouldRecoverSimulatedYearsMoreOftenThanTheDailyEstimator() throws Exception {
    Simulation sim = Simulation.illinois();
    Random random = new Random(20_160_101);
    Tally perInterval = new Tally();
    Tally daily = new Tally();
    long[] cpu = new long[2];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int k = 0; k < YEARS; k++) {
      List<Observation> year = sim.year(3, sim::multiplicative, random);
      List<Observation> days = new ArrayList<>();
      for (Observation o : year) {
        days.add(new Observation(o.date(), o.kwh(), o.temperatures()));
      }
      long t0 = threads.getCurrentThreadCpuTime();
      Model fresh = DegreeDays.fit(year, sim.asOf(), Settings.FAHRENHEIT).orElseThrow();
      long t1 = threads.getCurrentThreadCpuTime();
      Model old = DegreeDays.fit(days, sim.asOf(), Settings.FAHRENHEIT).orElseThrow();
      long t2 = threads.getCurrentThreadCpuTime();
      cpu[0] += t1 - t0;
      cpu[1] += t2 - t1;
      perInterval.add(Loads.of(fresh, year), sim.loads());
      daily.add(Loads.of(old, days), sim.loads());
    }
    System.out.printf(
        "%d simulated years (truth %s), share within 10 %%:%n  per interval %s, %.1f ms CPU a"
            + " fit%n  daily        %s, %.1f ms CPU a fit%n",
        YEARS, sim.loads(), perInterval, cpu[0] / 1e6 / YEARS, daily, cpu[1] / 1e6 / YEARS);

    assertThat(perInterval.share(3)).isGreaterThanOrEqualTo(0.80);
    assertThat(perInterval.share(3)).isGreaterThan(daily.share(3));
    for (int load = 0; load < 3; load++) {
      assertThat(perInterval.share(load)).isGreaterThanOrEqualTo(daily.share(load));
    }
  }

  /**
   * Without thermal lag, the per-interval estimator finds lag 0 and the true balance points, and is
   * no worse than the daily estimator, which is then well specified: {@value #CHECKS} years
   * simulated as above but from the lagless truth (the same coefficients at lag 0).
   */
  @Test
  void shouldFindNoLagAndTheTrueBalancePointsInYearsSimulatedWithoutLag() throws Exception {
    Simulation sim = Simulation.illinois();
    Random random = new Random(20_160_102);
    Tally perInterval = new Tally();
    Tally daily = new Tally();
    int[] lags = new int[Settings.DEFAULT_MAX_LAG + 1];
    int balanced = 0;
    for (int k = 0; k < CHECKS; k++) {
      List<Observation> year = sim.year(0, sim::multiplicative, random);
      List<Observation> days = new ArrayList<>();
      for (Observation o : year) {
        days.add(new Observation(o.date(), o.kwh(), o.temperatures()));
      }
      Model fresh = DegreeDays.fit(year, sim.asOf(), Settings.FAHRENHEIT).orElseThrow();
      Model old = DegreeDays.fit(days, sim.asOf(), Settings.FAHRENHEIT).orElseThrow();
      lags[fresh.lag()]++;
      balanced += sim.hasTrueBalancePoints(fresh, 1) ? 1 : 0;
      perInterval.add(Loads.of(fresh, year), sim.loads(0));
      daily.add(Loads.of(old, days), sim.loads(0));
    }
    System.out.printf(
        "%d years simulated without lag: lags found %s, balance points within 1 F in %d;"
            + " share within 10 %%:%n  per interval %s%n  daily        %s%n",
        CHECKS, Arrays.toString(lags), balanced, perInterval, daily);

    assertThat(lags[0]).isGreaterThanOrEqualTo(CHECKS * 95 / 100);
    assertThat(balanced).isGreaterThanOrEqualTo(CHECKS * 90 / 100);
    assertThat(perInterval.share(3)).isGreaterThanOrEqualTo(daily.share(3));
  }

  /**
   * With additive noise (the same for every hour, not proportional to the mean) the
   * quasi-likelihood fit stays consistent: {@value #CHECKS} years of the lagged truth, each hour
   * its mean plus {@code X - m}, {@code X} exponential of mean {@code m} = the smallest hourly mean
   * of the year (noise of mean 0 and standard deviation {@code m} that keeps every hour {@code >=
   * 0}).
   */
  @Test
  void shouldFindTheLagAndBalancePointsInYearsWithAdditiveNoise() throws Exception {
    Simulation sim = Simulation.illinois();
    double m = sim.smallestMean(3);
    Random random = new Random(20_160_103);
    Tally perInterval = new Tally();
    int[] lags = new int[Settings.DEFAULT_MAX_LAG + 1];
    int balanced = 0;
    for (int k = 0; k < CHECKS; k++) {
      List<Observation> year =
          sim.year(
              3,
              (means, r) -> {
                double[] e = new double[means.length];
                for (int i = 0; i < e.length; i++) {
                  e[i] = means[i] - m * Math.log(1 - r.nextDouble()) - m;
                }
                return e;
              },
              random);
      Model fresh = DegreeDays.fit(year, sim.asOf(), Settings.FAHRENHEIT).orElseThrow();
      lags[fresh.lag()]++;
      balanced += sim.hasTrueBalancePoints(fresh, 1) ? 1 : 0;
      perInterval.add(Loads.of(fresh, year), sim.loads());
    }
    System.out.printf(
        "%d years with additive noise (sd %.3f kWh an hour): lags found %s, balance points within"
            + " 1 F in %d; share within 10 %%: %s%n",
        CHECKS, m, Arrays.toString(lags), balanced, perInterval);

    assertThat(lags[3]).isEqualTo(CHECKS);
    assertThat(balanced).isEqualTo(CHECKS);
    assertThat(perInterval.share(3)).isEqualTo(1.0);
  }

  /**
   * The ranking stage of the per-interval estimator (shared weights, then IRLS of the best {@link
   * IntervalDegreeDays#REFINED}) selects the model that the exhaustive search (every candidate by
   * its own IRLS, compared by quasi-likelihood) selects: on the baseline year with the full grid,
   * and on {@value #EXHAUSTIVE} simulated years with a grid narrowed to 56..64 / 61..69 °F, which
   * keeps the exhaustive search to about a second a year.
   */
  @Test
  void shouldSelectWhatTheExhaustiveSearchSelects() throws Exception {
    Simulation sim = Simulation.illinois();
    LocalDate from = sim.asOf().minusDays(364);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long t0 = threads.getCurrentThreadCpuTime();
    Model ranked = IntervalDegreeDays.fit(sim.baseline(), Settings.FAHRENHEIT, from, sim.asOf());
    long t1 = threads.getCurrentThreadCpuTime();
    Model exhaustive =
        IntervalDegreeDays.fit(
            sim.baseline(), Settings.FAHRENHEIT, from, sim.asOf(), Integer.MAX_VALUE);
    long t2 = threads.getCurrentThreadCpuTime();
    System.out.printf(
        "il baseline, full grid: ranked %.0f ms CPU, exhaustive %.0f ms CPU (first calls)%n",
        (t1 - t0) / 1e6, (t2 - t1) / 1e6);
    assertSameModel(ranked, exhaustive);
    Settings narrow = Settings.FAHRENHEIT.withRanges(56, 64, 61, 69);
    Random random = new Random(20_160_104);
    for (int k = 0; k < EXHAUSTIVE; k++) {
      List<Observation> year = sim.year(3, sim::multiplicative, random);
      assertSameModel(
          IntervalDegreeDays.fit(year, narrow, from, sim.asOf()),
          IntervalDegreeDays.fit(year, narrow, from, sim.asOf(), Integer.MAX_VALUE));
    }
  }

  private static void assertSameModel(Model ranked, Model exhaustive) {
    assertThat(ranked.lag()).isEqualTo(exhaustive.lag());
    assertThat(ranked.heatingBalance()).isEqualTo(exhaustive.heatingBalance());
    assertThat(ranked.coolingBalance()).isEqualTo(exhaustive.coolingBalance());
    assertThat(ranked.baseKwh()).isCloseTo(exhaustive.baseKwh(), within(1e-6 * ranked.baseKwh()));
    assertThat(ranked.heatingSlope())
        .isCloseTo(exhaustive.heatingSlope(), within(1e-6 * ranked.heatingSlope()));
    assertThat(ranked.coolingSlope())
        .isCloseTo(exhaustive.coolingSlope(), within(1e-6 * ranked.coolingSlope()));
  }

  /** How often simulated years were within 10 % of the true loads. */
  private static final class Tally {

    private final int[] within = new int[4];
    private final List<double[]> errors = new ArrayList<>();
    private int years;

    void add(Loads fitted, Loads truth) {
      double[] e = {
        Math.abs(fitted.base() / truth.base() - 1),
        Math.abs(fitted.heating() / truth.heating() - 1),
        Math.abs(fitted.cooling() / truth.cooling() - 1)
      };
      errors.add(e);
      boolean base = e[0] <= 0.10;
      boolean heating = e[1] <= 0.10;
      boolean cooling = e[2] <= 0.10;
      within[0] += base ? 1 : 0;
      within[1] += heating ? 1 : 0;
      within[2] += cooling ? 1 : 0;
      within[3] += base && heating && cooling ? 1 : 0;
      years++;
    }

    /** Share of years within 10 %: of the base (0), heating (1), cooling (2), all three (3). */
    double share(int load) {
      return (double) within[load] / years;
    }

    /** The 95th percentile of the absolute relative error of a load, in %. */
    double p95(int load) {
      double[] e = errors.stream().mapToDouble(x -> x[load]).sorted().toArray();
      return 100 * e[(int) Math.ceil(0.95 * e.length) - 1];
    }

    @Override
    public String toString() {
      return String.format(
          "base %.1f %%, heating %.1f %%, cooling %.1f %%, all three %.1f %% (95th percentile of"
              + " |error|: base %.1f %%, heating %.1f %%, cooling %.1f %%)",
          100 * share(0), 100 * share(1), 100 * share(2), 100 * share(3), p95(0), p95(1), p95(2));
    }
  }

  /**
   * The true model of the Illinois baseline year and what simulating from it needs: the year's
   * interval observations, the model's hourly means at any lag, and the file's ratios of energy to
   * modelled mean.
   */
  private record Simulation(
      List<Observation> baseline, Model truth, Loads loads, double[][] ratios, LocalDate asOf) {

    static Simulation illinois() throws IOException {
      Truth t = EemeterAccuracyTest.truth(IL);
      LocalDate asOf = t.blackoutStart().minusDays(1);
      List<Observation> baseline = new ArrayList<>();
      for (Observation o : days(t, Input.INTERVALS)) {
        if (!o.date().isBefore(asOf.minusDays(364)) && !o.date().isAfter(asOf)) {
          baseline.add(o);
        }
      }
      Settings at =
          Settings.FAHRENHEIT.withRanges(
              t.heatingBalance(), t.heatingBalance(), t.coolingBalance(), t.coolingBalance());
      Model truth = DegreeDays.fit(baseline, asOf, at).orElseThrow();
      assertThat(truth.lag()).isEqualTo(3);
      double[][] ratios = new double[baseline.size()][];
      double sum = 0;
      int count = 0;
      for (int d = 0; d < ratios.length; d++) {
        Observation o = baseline.get(d);
        ratios[d] = o.energies();
        for (int i = 0; i < ratios[d].length; i++) {
          ratios[d][i] /= mean(truth, o, i, truth.lag());
          sum += ratios[d][i];
          count++;
        }
      }
      for (double[] day : ratios) {
        for (int i = 0; i < day.length; i++) {
          day[i] *= count / sum;
        }
      }
      return new Simulation(baseline, truth, Loads.of(truth, baseline), ratios, asOf);
    }

    /**
     * The modelled mean energy of sample {@code i} of a day at a lag: {@code (base + h max(0, Tb_h
     * - T) + c max(0, T - Tb_c)) / S}, {@code T} the temperature {@code lag} hours earlier.
     */
    static double mean(Model m, Observation o, int i, int lag) {
      double t = o.laggedTemperature(i, lag);
      double heat = m.hasHeating() ? m.heatingSlope() * Math.max(0, m.heatingBalance() - t) : 0;
      double cool = m.hasCooling() ? m.coolingSlope() * Math.max(0, t - m.coolingBalance()) : 0;
      return (m.baseKwh() + heat + cool) / o.samples();
    }

    /**
     * Multiplicative noise resampled by whole days: the hourly means of a day times the ratios of a
     * random baseline day with as many hours, which keeps the file's within-day correlation.
     */
    double[] multiplicative(double[] means, Random random) {
      double[] r;
      do {
        r = ratios[random.nextInt(ratios.length)];
      } while (r.length != means.length);
      double[] e = new double[means.length];
      for (int i = 0; i < e.length; i++) {
        e[i] = means[i] * r[i];
      }
      return e;
    }

    /** A year of the truth's coefficients at a lag, each day's energies drawn from their means. */
    List<Observation> year(int lag, Noise noise, Random random) {
      List<Observation> out = new ArrayList<>();
      for (Observation o : baseline) {
        double[] means = new double[o.samples()];
        for (int i = 0; i < means.length; i++) {
          means[i] = mean(truth, o, i, lag);
        }
        double[] e = noise.draw(means, random);
        out.add(Observation.ofIntervals(o.date(), e, o.temperatures(), o.history()));
      }
      return out;
    }

    /** The smallest hourly mean of the truth at a lag over the baseline year. */
    double smallestMean(int lag) {
      double min = Double.POSITIVE_INFINITY;
      for (Observation o : baseline) {
        for (int i = 0; i < o.samples(); i++) {
          min = Math.min(min, mean(truth, o, i, lag));
        }
      }
      return min;
    }

    /** Whether a fitted model has both terms, each within {@code tolerance} of the truth's. */
    boolean hasTrueBalancePoints(Model m, double tolerance) {
      return m.hasHeating()
          && m.hasCooling()
          && Math.abs(m.heatingBalance() - truth.heatingBalance()) <= tolerance
          && Math.abs(m.coolingBalance() - truth.coolingBalance()) <= tolerance;
    }

    /** The true loads of a year simulated at a lag. */
    Loads loads(int lag) {
      Model m =
          new Model(
              truth.from(),
              truth.to(),
              truth.days(),
              truth.baseKwh(),
              truth.heatingSlope(),
              truth.heatingBalance(),
              truth.coolingSlope(),
              truth.coolingBalance(),
              truth.adjustedR2(),
              lag);
      return Loads.of(m, baseline);
    }
  }

  /** The energies of one simulated day from their modelled means. */
  private interface Noise {
    double[] draw(double[] means, Random random);
  }

  /** Annual loads of a model over the days of its window, kWh. */
  record Loads(double base, double heating, double cooling) {

    static Loads of(Model m, List<Observation> days) {
      double heating = 0;
      double cooling = 0;
      for (Observation o : days) {
        if (!o.date().isBefore(m.from()) && !o.date().isAfter(m.to())) {
          heating += m.heatingKwh(o);
          cooling += m.coolingKwh(o);
        }
      }
      return new Loads(m.baseKwh() * m.days(), heating, cooling);
    }

    /** Relative errors against the true loads, in %. */
    String errors(double base, double heating, double cooling) {
      return String.format(
          "base %+.1f %%, heating %+.1f %%, cooling %+.1f %%",
          100 * (this.base / base - 1),
          100 * (this.heating / heating - 1),
          100 * (this.cooling / cooling - 1));
    }
  }

  /** What metadata.json says of one series. */
  record Truth(
      String meterFile,
      String temperatureFile,
      LocalDate blackoutStart,
      LocalDate blackoutEnd,
      double base,
      double heating,
      double cooling,
      double reportingBase,
      double reportingHeating,
      double reportingCooling,
      double heatingBalance,
      double coolingBalance) {}

  static Truth truth(String id) throws IOException {
    String json = Files.readString(DIR.resolve("metadata.json"));
    int at = json.indexOf("\"" + id + "\": {");
    assertThat(at).as("series %s in metadata.json", id).isNotNegative();
    String block = json.substring(at, json.indexOf('}', at));
    return new Truth(
        text(block, "meter_data_filename"),
        text(block, "temperature_filename"),
        LocalDate.parse(text(block, "blackout_start_date")),
        LocalDate.parse(text(block, "blackout_end_date")),
        number(block, "annual_baseline_base_load"),
        number(block, "annual_baseline_heating_load"),
        number(block, "annual_baseline_cooling_load"),
        number(block, "annual_reporting_base_load"),
        number(block, "annual_reporting_heating_load"),
        number(block, "annual_reporting_cooling_load"),
        numberOrNaN(block, "baseline_heating_balance_point"),
        numberOrNaN(block, "baseline_cooling_balance_point"));
  }

  /** What the observations of a series carry. */
  enum Input {
    /** Daily kWh and the daily mean temperature. */
    MEANS,
    /** Daily kWh and the 23..25 hourly temperatures of the day. */
    HOURLY,
    /** Hourly kWh, hourly temperatures and the 6 hourly temperatures before the day. */
    INTERVALS
  }

  /**
   * Complete local days of a series (local day of each timestamp's own offset; at least 23 hours,
   * each with a temperature; for {@link Input#INTERVALS} also the 6 hours before the day, from the
   * temperature file, which is in time order).
   */
  static List<Observation> days(Truth truth, Input input) throws IOException {
    Map<String, Integer> at = new HashMap<>();
    List<Double> series = new ArrayList<>();
    for (String[] row : rows(truth.temperatureFile())) {
      at.put(key(row[row.length - 2]), series.size());
      series.add(Double.parseDouble(row[row.length - 1]));
    }
    Map<LocalDate, List<Double>> kwh = new TreeMap<>();
    Map<LocalDate, List<Double>> temps = new HashMap<>();
    Map<LocalDate, Integer> first = new HashMap<>();
    Map<LocalDate, Boolean> broken = new HashMap<>();
    for (String[] row : rows(truth.meterFile())) {
      String ts = row[row.length - 2];
      LocalDate date = LocalDate.parse(ts.substring(0, 10));
      Integer i = at.get(key(ts));
      if (i == null || row[row.length - 1].isEmpty()) {
        broken.put(date, true);
        continue;
      }
      kwh.computeIfAbsent(date, x -> new ArrayList<>())
          .add(Double.parseDouble(row[row.length - 1]));
      temps.computeIfAbsent(date, x -> new ArrayList<>()).add(series.get(i));
      first.putIfAbsent(date, i);
    }
    int lag = Settings.DEFAULT_MAX_LAG;
    List<Observation> out = new ArrayList<>();
    kwh.forEach(
        (date, e) -> {
          double[] samples = temps.get(date).stream().mapToDouble(Double::doubleValue).toArray();
          double[] energies = e.stream().mapToDouble(Double::doubleValue).toArray();
          int from = Math.max(0, first.get(date) - lag);
          double[] history =
              series.subList(from, first.get(date)).stream()
                  .mapToDouble(Double::doubleValue)
                  .toArray();
          if (samples.length >= 23
              && !broken.containsKey(date)
              && (input != Input.INTERVALS || history.length == lag)) {
            Observation o = Observation.ofIntervals(date, energies, samples, history);
            out.add(
                switch (input) {
                  case MEANS -> Observation.ofMean(date, o.kwh(), o.meanTemperature());
                  case HOURLY -> new Observation(date, o.kwh(), samples);
                  case INTERVALS -> o;
                });
          }
        });
    return out;
  }

  /**
   * The join key of an hourly timestamp: ISO-8601 local date-time and offset ('T' or ' ' between
   * date and time); without an offset the time is UTC. Strings, not parsed instants, because the
   * two files of a series spell each hour alike and parsing 40,000 timestamps takes seconds.
   */
  private static String key(String ts) {
    String iso = ts.replace(' ', 'T');
    return iso.length() == 19 ? iso + "+00:00" : iso;
  }

  private static List<String[]> rows(String file) throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(DIR.resolve(file))),
                StandardCharsets.UTF_8))) {
      r.readLine(); // header
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!line.isBlank()) {
          rows.add(line.split(",", -1));
        }
      }
    }
    return rows;
  }

  private static String text(String block, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":\\s*\"([^\"]*)\"").matcher(block);
    assertThat(m.find()).as("%s in metadata.json", key).isTrue();
    return m.group(1);
  }

  private static double number(String block, String key) {
    double v = numberOrNaN(block, key);
    assertThat(v).as("%s in metadata.json", key).isNotNaN();
    return v;
  }

  private static double numberOrNaN(String block, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":\\s*([-0-9.]+)").matcher(block);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }
}
