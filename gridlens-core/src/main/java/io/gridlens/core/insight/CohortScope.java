package io.gridlens.core.insight;

/** Whose meters a peer cohort draws from. */
public enum CohortScope {
  /** Only the meters of the same tenant (retailer): the default. */
  TENANT,
  /** The meters of every tenant of the platform. */
  PLATFORM
}
