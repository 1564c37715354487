package io.gridlens.api;

import io.gridlens.core.insight.CohortKey;
import io.gridlens.core.insight.CohortLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The peer cohort a published meter-month names, read back from its description ({@link
 * CohortKey#describe}: {@code tenant / region / dwelling / area m² / heating / occupants
 * occupants}, with {@code *} for a relaxed attribute and a platform-wide tenant).
 *
 * @param description the description as the batch published it: the cohort's key in answers
 * @param tenant the tenant whose summary partition holds the cohort's statistics ({@code *} for
 *     platform-wide cohorts)
 * @param level how far the cohort was relaxed
 */
record PeerCohort(String description, String tenant, CohortLevel level) {

  private static final String SEPARATOR = " / ";

  PeerCohort {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(level, "level");
  }

  /**
   * The cohort of a description.
   *
   * @throws IllegalStateException when the description does not have the six fields of {@link
   *     CohortKey#describe} (a batch of another format published it)
   */
  static PeerCohort parse(String description) {
    String[] f = description.split(SEPARATOR, -1);
    if (f.length != 6) {
      throw new IllegalStateException(
          "published peer cohort '"
              + description
              + "' does not have the 6 fields of CohortKey.describe; re-run the batch with this"
              + " build");
    }
    boolean anyRegion = CohortKey.ANY.equals(f[1]);
    boolean anyArea = f[3].startsWith(CohortKey.ANY + " ");
    boolean anyOccupants = f[5].startsWith(CohortKey.ANY + " ");
    CohortLevel level =
        anyRegion
            ? CohortLevel.NO_REGION
            : anyArea
                ? CohortLevel.NO_AREA
                : anyOccupants ? CohortLevel.NO_OCCUPANTS : CohortLevel.FULL;
    return new PeerCohort(description, f[0], level);
  }

  /** The attributes dropped to reach the cohort, in the order they are dropped. */
  List<String> relaxed() {
    List<String> out = new ArrayList<>(3);
    if (level.compareTo(CohortLevel.NO_OCCUPANTS) >= 0) {
      out.add("occupants");
    }
    if (level.compareTo(CohortLevel.NO_AREA) >= 0) {
      out.add("floorArea");
    }
    if (level == CohortLevel.NO_REGION) {
      out.add("region");
    }
    return out;
  }
}
