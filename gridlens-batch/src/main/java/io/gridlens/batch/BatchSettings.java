package io.gridlens.batch;

import io.gridlens.core.insight.AlwaysOn;
import io.gridlens.core.insight.Anomalies;
import io.gridlens.core.insight.BillForecast;
import io.gridlens.core.insight.CohortConfig;
import io.gridlens.core.insight.DegreeDays;
import io.gridlens.core.vee.VeeConfig;
import java.util.Objects;

/**
 * The settings of a batch run: the core's settings for hygiene and insights, and how many rows to
 * hand to the view store at a time.
 *
 * @param vee data hygiene thresholds
 * @param alwaysOn the always-on window
 * @param anomalies anomaly detection
 * @param degreeDays the degree-day regression
 * @param forecast the bill forecast
 * @param cohorts peer cohorts
 * @param writeBatchRows rows per bulk put, at least 1
 */
public record BatchSettings(
    VeeConfig vee,
    AlwaysOn.Window alwaysOn,
    Anomalies.Settings anomalies,
    DegreeDays.Settings degreeDays,
    BillForecast.Settings forecast,
    CohortConfig cohorts,
    int writeBatchRows)
    implements java.io.Serializable {

  /** The defaults of DESIGN.md sections 9 and 10, 4096 rows per put. */
  public static final BatchSettings DEFAULT =
      new BatchSettings(
          VeeConfig.DEFAULTS,
          AlwaysOn.Window.DEFAULT,
          Anomalies.Settings.DEFAULT,
          DegreeDays.Settings.CELSIUS,
          BillForecast.Settings.DEFAULT,
          CohortConfig.DEFAULT,
          4096);

  public BatchSettings {
    Objects.requireNonNull(vee, "vee");
    Objects.requireNonNull(alwaysOn, "alwaysOn");
    Objects.requireNonNull(anomalies, "anomalies");
    Objects.requireNonNull(degreeDays, "degreeDays");
    Objects.requireNonNull(forecast, "forecast");
    Objects.requireNonNull(cohorts, "cohorts");
    if (writeBatchRows < 1) {
      throw new IllegalArgumentException("writeBatchRows must be >= 1, was " + writeBatchRows);
    }
  }

  /** These settings with other peer cohorts. */
  public BatchSettings withCohorts(CohortConfig c) {
    return new BatchSettings(vee, alwaysOn, anomalies, degreeDays, forecast, c, writeBatchRows);
  }

  /** Days of history a day's history-based fields look back at (anomalies: 8 weeks). */
  int lookbackDays() {
    return Math.max(anomalies.weeks() * 7, Math.max(alwaysOn.days() + 7, vee.profileWeeks() * 7));
  }
}
