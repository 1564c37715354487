package io.gridlens.core.insight;

import io.gridlens.core.reference.DwellingType;
import io.gridlens.core.reference.HeatingEnergy;
import io.gridlens.core.reference.Premise;
import io.gridlens.core.reference.Validity;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;

/** Premises for peer-comparison tests: each call gives a new premise id. */
final class PeerPremises {

  private static final AtomicInteger NEXT = new AtomicInteger();
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private PeerPremises() {}

  static Premise premise(
      String tenant,
      String region,
      DwellingType dwelling,
      double floorAreaM2,
      HeatingEnergy heating,
      int occupants) {
    return new Premise(
        "p" + NEXT.incrementAndGet(),
        tenant,
        PARIS,
        region,
        dwelling,
        floorAreaM2,
        heating,
        occupants,
        Validity.ALWAYS);
  }

  /** A 95 m² electrically heated house of 3 in FR-IDF, tenant acme (full band 80-120, 3-4). */
  static Premise house(String tenant, String region, double floorAreaM2, int occupants) {
    return premise(
        tenant, region, DwellingType.HOUSE, floorAreaM2, HeatingEnergy.ELECTRIC, occupants);
  }
}
