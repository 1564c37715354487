package io.gridlens.core.insight;

/**
 * How far a cohort has been relaxed from the full set of premise attributes, in the order the
 * attributes are dropped when a cohort is too small: occupants band, then floor-area band, then
 * region. Dwelling type and heating energy are never dropped.
 */
public enum CohortLevel {
  /** Tenant, region, dwelling, floor-area band, heating energy and occupants band. */
  FULL,
  /** Occupants band dropped. */
  NO_OCCUPANTS,
  /** Occupants and floor-area bands dropped. */
  NO_AREA,
  /** Occupants band, floor-area band and region dropped. */
  NO_REGION;

  private static final CohortLevel[] ALL = values();

  /** The next, coarser level, or null after {@link #NO_REGION}. */
  CohortLevel coarser() {
    return ordinal() + 1 < ALL.length ? ALL[ordinal() + 1] : null;
  }
}
