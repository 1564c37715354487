package io.gridlens.core.reference;

import io.gridlens.core.Reading;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A smart meter known to the platform: its tenant, its premise and customer, its time zone and its
 * reading interval.
 */
public record Meter(
    String id, String tenant, String premiseId, String customerId, ZoneId zone, int intervalMinutes)
    implements java.io.Serializable {

  public Meter {
    Ids.check("meter id", id);
    if (id.length() > Reading.MAX_METER_ID_LENGTH) {
      throw new IllegalArgumentException(
          "meter id must be at most " + Reading.MAX_METER_ID_LENGTH + " characters: " + id);
    }
    Ids.check("tenant", tenant);
    Ids.check("premise id", premiseId);
    Ids.check("customer id", customerId);
    Objects.requireNonNull(zone, "zone");
    Reading.checkIntervalMinutes(intervalMinutes);
  }
}
