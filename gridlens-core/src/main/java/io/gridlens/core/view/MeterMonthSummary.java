package io.gridlens.core.view;

import io.gridlens.core.insight.PeerRating;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;

/**
 * The batch figures of one meter (import channel) in one local month that are not per day: energy,
 * usage breakdown, peer comparison and, for the last month of the meter's data, the bill forecast.
 * Absent figures are NaN (or null for the objects).
 *
 * @param meterId the meter
 * @param month the local month
 * @param wh energy of the month's days with a row, Wh
 * @param days days of the month with a row
 * @param missing intervals of those days without a value
 * @param alwaysOnKwh always-on part of the month's modelled days, or NaN without a model
 * @param heatingKwh heating part, or NaN without a degree-day model
 * @param coolingKwh cooling part, or NaN without a model
 * @param otherKwh the rest of the modelled days' energy, or NaN without a model
 * @param cohort the description of the peer cohort the meter is placed in, or null
 * @param percentileRank rank among the cohort in [0, 100], or NaN
 * @param rating the peer verdict, or null
 * @param cohortCount members of the cohort-month, 0 without a cohort
 * @param cohortMedianKwh the cohort's median, or NaN
 * @param cohortP20Kwh the cohort's 20th percentile, or NaN
 * @param forecastEur the forecast bill of the month, or NaN
 * @param forecastAsOf the last day the forecast took into account, or null
 */
public record MeterMonthSummary(
    String meterId,
    YearMonth month,
    long wh,
    int days,
    int missing,
    double alwaysOnKwh,
    double heatingKwh,
    double coolingKwh,
    double otherKwh,
    String cohort,
    double percentileRank,
    PeerRating rating,
    int cohortCount,
    double cohortMedianKwh,
    double cohortP20Kwh,
    double forecastEur,
    LocalDate forecastAsOf) {

  public MeterMonthSummary {
    if (meterId == null || meterId.isBlank()) {
      throw new IllegalArgumentException("meterId must not be blank");
    }
    Objects.requireNonNull(month, "month");
    if (wh < 0 || days < 0 || days > 31 || missing < 0 || cohortCount < 0) {
      throw new IllegalArgumentException(
          "summary of "
              + meterId
              + " in "
              + month
              + " needs wh, missing, cohortCount >= 0 and days in 0..31; was wh="
              + wh
              + ", days="
              + days
              + ", missing="
              + missing
              + ", cohortCount="
              + cohortCount);
    }
    if ((cohort == null) != (rating == null)) {
      throw new IllegalArgumentException(
          "summary of " + meterId + " in " + month + ": cohort and rating go together");
    }
    if (Double.isNaN(forecastEur) != (forecastAsOf == null)) {
      throw new IllegalArgumentException(
          "summary of " + meterId + " in " + month + ": forecast and its date go together");
    }
  }

  /** Energy of the month in kWh. */
  public double kwh() {
    return wh / 1000.0;
  }

  /** This summary with the peer comparison replaced (or removed, with a null cohort). */
  public MeterMonthSummary withPeers(
      String cohort, double rank, PeerRating rating, int count, double median, double p20) {
    return new MeterMonthSummary(
        meterId,
        month,
        wh,
        days,
        missing,
        alwaysOnKwh,
        heatingKwh,
        coolingKwh,
        otherKwh,
        cohort,
        rank,
        rating,
        count,
        median,
        p20,
        forecastEur,
        forecastAsOf);
  }
}
