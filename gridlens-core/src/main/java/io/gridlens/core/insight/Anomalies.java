package io.gridlens.core.insight;

import io.gridlens.core.MeterDay;
import io.gridlens.core.Quality;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The anomalies of one local day of a meter (DESIGN.md section 9), found from the meter's history.
 *
 * <ul>
 *   <li>{@link Kind#HIGH_DAY}: the day's energy is above {@code mean + 3 σ} of the same weekday
 *       over the previous 8 weeks ({@code D - 7, D - 14, ..., D - 56}); only complete history days
 *       (no missing interval) count, at least 4 are needed; σ is the sample standard deviation
 *       ({@code n - 1}). With an unvarying history σ is 0 and any increase is an anomaly. Value and
 *       threshold in kWh.
 *   <li>{@link Kind#ALWAYS_ON_JUMP}: the always-on power of the 14 days ending on the day is above
 *       {@code max(previous * 1.5, previous + 50 W)}, where {@code previous} is the always-on power
 *       of the 14 days ending a week earlier; both must exist ({@link AlwaysOn}). Value and
 *       threshold in W.
 *   <li>{@link Kind#ZERO_RUN}: a run of consecutive zero intervals lasting 24 h or more reaches
 *       into the day (vacancy or meter fault). The run is measured from its start (across earlier
 *       days when they are consecutive dates) up to its last interval within the day, so the result
 *       only uses data up to the end of the day; a missing interval or a date gap ends a run.
 *       Value: the longest such run in hours; threshold 24.
 * </ul>
 *
 * <p>Pure: the same days give the same anomalies, in the order of {@link Kind}.
 */
public final class Anomalies {

  private Anomalies() {}

  /** What kind of anomaly was found. */
  public enum Kind {
    /** Energy of the day far above the same weekday of the previous weeks. */
    HIGH_DAY,
    /** Always-on power jumped compared with a week earlier. */
    ALWAYS_ON_JUMP,
    /** A run of zero intervals of 24 h or more. */
    ZERO_RUN
  }

  /**
   * One anomaly.
   *
   * @param date the local day it was found on
   * @param kind the kind
   * @param value the observed value (kWh, W or hours, per {@link Kind})
   * @param threshold the threshold the value exceeded or reached, in the same unit
   */
  public record Anomaly(LocalDate date, Kind kind, double value, double threshold) {

    public Anomaly {
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(kind, "kind");
      if (!Double.isFinite(value) || !Double.isFinite(threshold)) {
        throw new IllegalArgumentException(
            kind
                + " anomaly on "
                + date
                + " needs finite value and threshold, was "
                + value
                + ", "
                + threshold);
      }
    }
  }

  /**
   * The settings of anomaly detection.
   *
   * @param weeks same-weekday days looked back for {@link Kind#HIGH_DAY} (8)
   * @param minWeeks fewest complete same-weekday days needed (4)
   * @param sigmas standard deviations above the mean (3)
   * @param jumpRatio always-on ratio to last week's (1.5)
   * @param jumpMinWatts always-on increase over last week's, in W (50)
   * @param alwaysOn the always-on window ({@link AlwaysOn.Window#DEFAULT})
   * @param zeroRunHours shortest zero run reported, in hours (24)
   */
  public record Settings(
      int weeks,
      int minWeeks,
      double sigmas,
      double jumpRatio,
      double jumpMinWatts,
      AlwaysOn.Window alwaysOn,
      double zeroRunHours)
      implements java.io.Serializable {

    /** 8 weeks, at least 4, 3 σ; jump > 1.5x and > 50 W; zero runs of 24 h. */
    public static final Settings DEFAULT =
        new Settings(8, 4, 3, 1.5, 50, AlwaysOn.Window.DEFAULT, 24);

    public Settings {
      if (minWeeks < 2 || weeks < minWeeks) {
        throw new IllegalArgumentException(
            "anomaly weeks must satisfy 2 <= minWeeks <= weeks, was minWeeks="
                + minWeeks
                + ", weeks="
                + weeks
                + "; the defaults are 4 and 8");
      }
      if (!(sigmas >= 0) || Double.isInfinite(sigmas)) {
        throw new IllegalArgumentException("anomaly sigmas must be finite and >= 0, was " + sigmas);
      }
      if (!(jumpRatio >= 1) || Double.isInfinite(jumpRatio)) {
        throw new IllegalArgumentException(
            "anomaly jumpRatio must be finite and >= 1, was " + jumpRatio);
      }
      if (!(jumpMinWatts >= 0) || Double.isInfinite(jumpMinWatts)) {
        throw new IllegalArgumentException(
            "anomaly jumpMinWatts must be finite and >= 0, was " + jumpMinWatts);
      }
      Objects.requireNonNull(alwaysOn, "alwaysOn");
      if (!(zeroRunHours > 0) || Double.isInfinite(zeroRunHours)) {
        throw new IllegalArgumentException(
            "anomaly zeroRunHours must be finite and > 0, was " + zeroRunHours);
      }
    }
  }

  /** The anomalies of a day with the default settings. */
  public static List<Anomaly> of(List<MeterDay> days, LocalDate date) {
    return of(days, date, Settings.DEFAULT);
  }

  /**
   * The anomalies of one local day.
   *
   * @param days cleaned days of one meter and channel, in any order, including the day itself and
   *     its history
   * @param date the day to examine
   * @return the anomalies found, in {@link Kind} order; empty when the day is not among the days
   * @throws IllegalArgumentException when the days mix meters or channels, or repeat a date
   */
  public static List<Anomaly> of(List<MeterDay> days, LocalDate date, Settings settings) {
    return of(days, date, settings, null);
  }

  /**
   * The anomalies of one local day, taking the always-on powers from an accumulator the caller
   * already feeds day by day (the batch computes them for the day rows anyway): the same result as
   * {@link #of(List, LocalDate, Settings)} when the accumulator was fed the same days, without
   * sorting the always-on windows again.
   *
   * @param alwaysOn fed with the series' days up to {@code date} (at least those of the windows
   *     ending on {@code date} and a week earlier), with the window of {@link Settings#alwaysOn()}
   *     and a lookback of at least 7 days; null to compute from {@code days}
   * @throws IllegalArgumentException when the accumulator's window is not the settings' one, or as
   *     {@link #of(List, LocalDate, Settings)}
   */
  public static List<Anomaly> of(
      List<MeterDay> days, LocalDate date, Settings settings, AlwaysOn.Rolling alwaysOn) {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(settings, "settings");
    if (alwaysOn != null && !alwaysOn.window().equals(settings.alwaysOn())) {
      throw new IllegalArgumentException(
          "anomaly detection got an always-on accumulator of window "
              + alwaysOn.window()
              + " but its settings ask for "
              + settings.alwaysOn()
              + "; build the accumulator with the settings' window");
    }
    AlwaysOn.checkOneSeries(days, "anomaly detection");
    Map<LocalDate, MeterDay> byDate = new HashMap<>();
    for (MeterDay d : days) {
      if (byDate.put(d.date(), d) != null) {
        throw new IllegalArgumentException(
            "anomaly detection got two days for " + d.key() + "; pass each local day once");
      }
    }
    MeterDay today = byDate.get(date);
    List<Anomaly> found = new ArrayList<>();
    if (today == null) {
      return found;
    }
    highDay(today, byDate, settings).ifPresent(found::add);
    alwaysOnJump(days, date, settings, alwaysOn).ifPresent(found::add);
    zeroRun(today, byDate, settings).ifPresent(found::add);
    return found;
  }

  private static Optional<Anomaly> highDay(
      MeterDay today, Map<LocalDate, MeterDay> byDate, Settings settings) {
    double[] history = new double[settings.weeks()];
    int n = 0;
    for (int w = 1; w <= settings.weeks(); w++) {
      MeterDay d = byDate.get(today.date().minusWeeks(w));
      if (d != null && d.missingCount() == 0) {
        history[n++] = d.totalWh() / 1000.0;
      }
    }
    if (n < settings.minWeeks()) {
      return Optional.empty();
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += history[i];
    }
    double mean = sum / n;
    double squares = 0;
    for (int i = 0; i < n; i++) {
      squares += (history[i] - mean) * (history[i] - mean);
    }
    double threshold = mean + settings.sigmas() * Math.sqrt(squares / (n - 1));
    double kwh = today.totalWh() / 1000.0;
    return kwh > threshold
        ? Optional.of(new Anomaly(today.date(), Kind.HIGH_DAY, kwh, threshold))
        : Optional.empty();
  }

  private static Optional<Anomaly> alwaysOnJump(
      List<MeterDay> days, LocalDate date, Settings settings, AlwaysOn.Rolling rolling) {
    Optional<AlwaysOn> now =
        rolling != null ? rolling.asOf(date) : AlwaysOn.trailing(days, date, settings.alwaysOn());
    Optional<AlwaysOn> before =
        rolling != null
            ? rolling.asOf(date.minusWeeks(1))
            : AlwaysOn.trailing(days, date.minusWeeks(1), settings.alwaysOn());
    if (now.isEmpty() || before.isEmpty()) {
      return Optional.empty();
    }
    double previous = before.get().watts();
    double threshold =
        Math.max(previous * settings.jumpRatio(), previous + settings.jumpMinWatts());
    double watts = now.get().watts();
    return watts > threshold
        ? Optional.of(new Anomaly(date, Kind.ALWAYS_ON_JUMP, watts, threshold))
        : Optional.empty();
  }

  private static Optional<Anomaly> zeroRun(
      MeterDay today, Map<LocalDate, MeterDay> byDate, Settings settings) {
    long run = carriedZeroMinutes(today.date().minusDays(1), byDate);
    long longest = 0;
    for (int i = 0; i < today.size(); i++) {
      if (isZero(today, i)) {
        run += today.intervalMinutes();
        longest = Math.max(longest, run);
      } else {
        run = 0;
      }
    }
    double hours = longest / 60.0;
    return longest > 0 && hours >= settings.zeroRunHours()
        ? Optional.of(new Anomaly(today.date(), Kind.ZERO_RUN, hours, settings.zeroRunHours()))
        : Optional.empty();
  }

  /** Minutes of the zero run that ends a day, continued back through all-zero earlier days. */
  private static long carriedZeroMinutes(LocalDate last, Map<LocalDate, MeterDay> byDate) {
    long minutes = 0;
    for (MeterDay d = byDate.get(last); d != null; d = byDate.get(d.date().minusDays(1))) {
      int i = d.size() - 1;
      while (i >= 0 && isZero(d, i)) {
        minutes += d.intervalMinutes();
        i--;
      }
      if (i >= 0) {
        break;
      }
    }
    return minutes;
  }

  private static boolean isZero(MeterDay d, int i) {
    return d.wh(i) == 0 && d.quality(i) != Quality.MISSING;
  }
}
