package io.gridlens.core.view;

import java.time.YearMonth;
import java.util.Objects;

/**
 * The published statistics of one peer cohort in one local month (only cohort-months with at least
 * the configured minimum of members are published).
 *
 * @param tenant the tenant whose partition holds it ({@code *} for platform-wide cohorts)
 * @param cohort the cohort's description
 * @param month the local month
 * @param count members with a value that month
 * @param medianKwh median monthly consumption
 * @param p20Kwh 20th percentile (efficient neighbours)
 */
public record CohortMonthSummary(
    String tenant, String cohort, YearMonth month, int count, double medianKwh, double p20Kwh) {

  public CohortMonthSummary {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(cohort, "cohort");
    Objects.requireNonNull(month, "month");
    if (count < 1) {
      throw new IllegalArgumentException("cohort " + cohort + " in " + month + " has no member");
    }
  }
}
