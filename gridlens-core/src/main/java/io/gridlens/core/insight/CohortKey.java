package io.gridlens.core.insight;

import io.gridlens.core.reference.DwellingType;
import io.gridlens.core.reference.HeatingEnergy;
import io.gridlens.core.reference.Premise;
import java.util.Comparator;
import java.util.Objects;

/**
 * The identity of a peer cohort: the premise attributes its members share, some of them relaxed to
 * "any" (DESIGN.md section 9).
 *
 * <p>An attribute that is not part of the key is {@link #ANY} (strings) or {@link #ANY_BAND}
 * (bands). Which attributes may be "any" follows the relaxation order ({@link CohortLevel}); the
 * tenant is {@link #ANY} in every key of a {@link CohortScope#PLATFORM} configuration.
 *
 * @param tenant the members' tenant, or {@link #ANY}
 * @param region the members' region, or {@link #ANY}
 * @param dwelling the members' dwelling type
 * @param heating the members' heating energy
 * @param areaBand the members' floor-area band ({@link CohortConfig#areaBand}), or {@link
 *     #ANY_BAND}
 * @param occupantsBand the members' occupants band ({@link CohortConfig#occupantsBand}), or {@link
 *     #ANY_BAND}
 */
public record CohortKey(
    String tenant,
    String region,
    DwellingType dwelling,
    HeatingEnergy heating,
    int areaBand,
    int occupantsBand)
    implements Comparable<CohortKey> {

  /** The value of a tenant or region that is not part of the key. */
  public static final String ANY = "*";

  /** The value of a band that is not part of the key. */
  public static final int ANY_BAND = -1;

  private static final Comparator<CohortKey> ORDER =
      Comparator.comparing(CohortKey::tenant)
          .thenComparing(CohortKey::region)
          .thenComparing(CohortKey::dwelling)
          .thenComparing(CohortKey::heating)
          .thenComparingInt(CohortKey::areaBand)
          .thenComparingInt(CohortKey::occupantsBand);

  public CohortKey {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(dwelling, "dwelling");
    Objects.requireNonNull(heating, "heating");
    if (areaBand < ANY_BAND || occupantsBand < ANY_BAND) {
      throw new IllegalArgumentException(
          "cohort bands must be >= 0 or ANY_BAND (-1), were area "
              + areaBand
              + ", occupants "
              + occupantsBand);
    }
    boolean relaxedOutOfOrder =
        (areaBand == ANY_BAND && occupantsBand != ANY_BAND)
            || (ANY.equals(region) && areaBand != ANY_BAND);
    if (relaxedOutOfOrder) {
      throw new IllegalArgumentException(
          "cohort attributes are relaxed in the order occupants, area, region; got region '"
              + region
              + "', area band "
              + areaBand
              + ", occupants band "
              + occupantsBand);
    }
  }

  /**
   * The full (unrelaxed) cohort of a premise.
   *
   * @throws IllegalArgumentException when the premise's tenant or region is {@link #ANY}
   */
  public static CohortKey of(Premise premise, CohortConfig config) {
    if (ANY.equals(premise.tenant()) || ANY.equals(premise.region())) {
      throw new IllegalArgumentException(
          "premise "
              + premise.id()
              + " has tenant '"
              + premise.tenant()
              + "' and region '"
              + premise.region()
              + "'; '"
              + ANY
              + "' is reserved by peer cohorts for 'any'");
    }
    return new CohortKey(
        config.scope() == CohortScope.PLATFORM ? ANY : premise.tenant(),
        premise.region(),
        premise.dwelling(),
        premise.heating(),
        config.areaBand(premise.floorAreaM2()),
        config.occupantsBand(premise.occupants()));
  }

  /** How far this key is relaxed. */
  public CohortLevel level() {
    if (ANY.equals(region)) {
      return CohortLevel.NO_REGION;
    }
    if (areaBand == ANY_BAND) {
      return CohortLevel.NO_AREA;
    }
    return occupantsBand == ANY_BAND ? CohortLevel.NO_OCCUPANTS : CohortLevel.FULL;
  }

  /**
   * This key relaxed to a level; the key itself when it is already at or beyond it.
   *
   * <p>Every member of this cohort is a member of the relaxed one.
   */
  public CohortKey relaxedTo(CohortLevel target) {
    if (target.compareTo(level()) <= 0) {
      return this;
    }
    return new CohortKey(
        tenant,
        target == CohortLevel.NO_REGION ? ANY : region,
        dwelling,
        heating,
        target.compareTo(CohortLevel.NO_AREA) >= 0 ? ANY_BAND : areaBand,
        ANY_BAND);
  }

  /** A human-readable description, e.g. {@code acme / FR-IDF / HOUSE / 80-120 m² / ... }. */
  public String describe(CohortConfig config) {
    return tenant
        + " / "
        + region
        + " / "
        + dwelling
        + " / "
        + (areaBand == ANY_BAND ? ANY : config.areaLabel(areaBand))
        + " m² / "
        + heating
        + " / "
        + (occupantsBand == ANY_BAND ? ANY : config.occupantsLabel(occupantsBand))
        + " occupants";
  }

  @Override
  public int compareTo(CohortKey o) {
    return ORDER.compare(this, o);
  }
}
