package io.gridlens.core.insight;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The forecast bill of the current month: month-to-date cost plus the days of the month without a
 * cost figure times the trailing daily average cost (DESIGN.md section 9).
 *
 * <p>Definition, for a day {@code asOf} of month {@code M}:
 *
 * <ul>
 *   <li>{@code monthToDate} = sum of the cost figures of the days of {@code M} up to {@code asOf};
 *   <li>{@code dailyAverage} = mean of the cost figures of the days {@code (asOf - trailingDays,
 *       asOf]} (which may reach into the previous month); at least {@code minTrailingDays} figures
 *       are needed, else there is no forecast;
 *   <li>{@code estimatedDays} = days of {@code M} without a figure: the days after {@code asOf},
 *       and the days up to {@code asOf} whose cost is unknown (so a gap in the data does not make
 *       the bill look cheaper);
 *   <li>{@code forecast = monthToDate + estimatedDays * dailyAverage}.
 * </ul>
 *
 * <p>Law (property-tested): with the same cost {@code x} every day, the forecast is {@code x *
 * daysInMonth} whatever {@code asOf}.
 *
 * @param month the month forecast
 * @param asOf the last day whose figure is taken into account
 * @param monthToDateEur sum of the month's figures up to {@code asOf}
 * @param dailyAverageEur trailing daily average cost
 * @param estimatedDays days of the month estimated at the daily average
 * @param forecastEur the forecast cost of the whole month
 */
public record BillForecast(
    YearMonth month,
    LocalDate asOf,
    double monthToDateEur,
    double dailyAverageEur,
    int estimatedDays,
    double forecastEur) {

  public BillForecast {
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(asOf, "asOf");
    if (!YearMonth.from(asOf).equals(month)) {
      throw new IllegalArgumentException("asOf " + asOf + " is not in month " + month);
    }
    if (estimatedDays < 0 || estimatedDays > month.lengthOfMonth()) {
      throw new IllegalArgumentException(
          "estimatedDays must be in 0.." + month.lengthOfMonth() + ", was " + estimatedDays);
    }
    if (!Double.isFinite(monthToDateEur)
        || !Double.isFinite(dailyAverageEur)
        || !Double.isFinite(forecastEur)) {
      throw new IllegalArgumentException(
          "bill forecast of "
              + month
              + " needs finite amounts, was "
              + monthToDateEur
              + ", "
              + dailyAverageEur
              + ", "
              + forecastEur);
    }
  }

  /**
   * The cost of one local day, in EUR.
   *
   * @param date the local day
   * @param eur its cost, tax included
   */
  public record DayCost(LocalDate date, double eur) {

    public DayCost {
      Objects.requireNonNull(date, "date");
      if (!Double.isFinite(eur)) {
        throw new IllegalArgumentException("cost of " + date + " must be finite, was " + eur);
      }
    }
  }

  /**
   * The settings of the forecast.
   *
   * @param trailingDays days averaged (14; 7 is the other usual choice)
   * @param minTrailingDays fewest figures in the trailing days for a forecast (3)
   */
  public record Settings(int trailingDays, int minTrailingDays) implements java.io.Serializable {

    /** 14 trailing days, at least 3 figures. */
    public static final Settings DEFAULT = new Settings(14, 3);

    public Settings {
      if (trailingDays < 1) {
        throw new IllegalArgumentException(
            "bill forecast trailingDays must be >= 1, was " + trailingDays + "; the default is 14");
      }
      if (minTrailingDays < 1 || minTrailingDays > trailingDays) {
        throw new IllegalArgumentException(
            "bill forecast minTrailingDays must be in 1.."
                + trailingDays
                + ", was "
                + minTrailingDays);
      }
    }
  }

  /** The forecast with the default settings. */
  public static Optional<BillForecast> of(List<DayCost> costs, LocalDate asOf) {
    return of(costs, asOf, Settings.DEFAULT);
  }

  /**
   * The forecast of the month of {@code asOf}.
   *
   * @param costs cost figures per local day, in any order; figures after {@code asOf} are ignored
   * @return empty when fewer than {@code minTrailingDays} figures fall in the trailing days
   * @throws IllegalArgumentException when a date appears twice
   */
  public static Optional<BillForecast> of(List<DayCost> costs, LocalDate asOf, Settings settings) {
    Objects.requireNonNull(costs, "costs");
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(settings, "settings");
    YearMonth month = YearMonth.from(asOf);
    LocalDate firstTrailing = asOf.minusDays(settings.trailingDays() - 1L);
    Set<LocalDate> seen = new HashSet<>();
    double monthToDate = 0;
    int known = 0;
    double trailing = 0;
    int trailingCount = 0;
    for (DayCost c : costs) {
      Objects.requireNonNull(c, "a day cost is null");
      if (c.date().isAfter(asOf)) {
        continue;
      }
      if (!seen.add(c.date())) {
        throw new IllegalArgumentException(
            "bill forecast got two costs for " + c.date() + "; pass each local day once");
      }
      if (YearMonth.from(c.date()).equals(month)) {
        monthToDate += c.eur();
        known++;
      }
      if (!c.date().isBefore(firstTrailing)) {
        trailing += c.eur();
        trailingCount++;
      }
    }
    if (trailingCount < settings.minTrailingDays()) {
      return Optional.empty();
    }
    double average = trailing / trailingCount;
    int estimated = month.lengthOfMonth() - known;
    return Optional.of(
        new BillForecast(
            month, asOf, monthToDate, average, estimated, monthToDate + estimated * average));
  }
}
