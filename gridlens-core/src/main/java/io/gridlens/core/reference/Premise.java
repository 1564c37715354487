package io.gridlens.core.reference;

import java.time.ZoneId;
import java.util.Objects;

/**
 * A place supplied through one meter, as it is during a validity: where it is and what it is, the
 * inputs of peer cohorts and of the heating/cooling breakdown.
 *
 * @param id premise id
 * @param tenant the retailer it belongs to
 * @param zone its time zone: local days, months and tariff periods are in this zone
 * @param region weather and carbon region, e.g. {@code FR-IDF}
 * @param floorAreaM2 floor area in m², positive
 * @param occupants number of occupants, at least 1
 */
public record Premise(
    String id,
    String tenant,
    ZoneId zone,
    String region,
    DwellingType dwelling,
    double floorAreaM2,
    HeatingEnergy heating,
    int occupants,
    Validity validity)
    implements EffectiveDated, java.io.Serializable {

  public Premise {
    Ids.check("premise id", id);
    Ids.check("tenant", tenant);
    Objects.requireNonNull(zone, "zone");
    Ids.check("region", region);
    Objects.requireNonNull(dwelling, "dwelling");
    if (!(floorAreaM2 > 0 && floorAreaM2 < 100_000)) {
      throw new IllegalArgumentException("floorAreaM2 must be in (0, 100000), was " + floorAreaM2);
    }
    Objects.requireNonNull(heating, "heating");
    if (occupants < 1 || occupants > 100) {
      throw new IllegalArgumentException("occupants must be in 1..100, was " + occupants);
    }
    Objects.requireNonNull(validity, "validity");
  }
}
