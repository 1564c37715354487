package io.gridlens.core.blend;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlens.core.Cut;
import io.gridlens.core.view.BatchVersion;
import io.gridlens.core.view.SpeedProgress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How an answer's freshness is derived from the pinned cut and the speed progress. */
class SnapshotTest {

  private static final Instant QUERIED = Instant.parse("2026-03-29T21:15:00Z");
  private static final Instant PUBLISHED = Instant.parse("2026-03-29T02:00:00Z");
  private static final BatchVersion V12 = new BatchVersion(12, Cut.of(0, 1042, 1, 998), PUBLISHED);

  private static SpeedProgress p(int partition, String at) {
    return new SpeedProgress(partition, 2000, Instant.parse(at));
  }

  @Test
  void shouldBeFreshAsOfTheLeastCompletePartitionOfTheCut() {
    Snapshot s =
        Snapshot.of(
            V12, List.of(p(1, "2026-03-29T21:14:03Z"), p(0, "2026-03-29T21:14:05Z")), QUERIED);

    // min(21:14:05, 21:14:03) = 21:14:03
    assertThat(s.freshAsOf()).isEqualTo(Instant.parse("2026-03-29T21:14:03Z"));
  }

  @Test
  void shouldFallBackToThePublishTimeWithoutSpeedProgress() {
    assertThat(Snapshot.of(V12, List.of(), QUERIED).freshAsOf()).isEqualTo(PUBLISHED);
  }

  /** V12 with the newest ingest times below its cut: 01:58:30 in partition 0, 01:59:10 in 1. */
  private static final BatchVersion V12_HELD =
      new BatchVersion(
          12,
          Cut.of(0, 1042, 1, 998),
          PUBLISHED,
          Map.of(
              0, Instant.parse("2026-03-29T01:58:30Z"), 1, Instant.parse("2026-03-29T01:59:10Z")));

  @Test
  void shouldClaimOnlyWhatTheBatchHoldsBeforeTheSpeedLayerReports() {
    // No speed progress: min(01:58:30, 01:59:10) = 01:58:30, not the publish time 02:00:00.
    assertThat(Snapshot.of(V12_HELD, List.of(), QUERIED).freshAsOf())
        .isEqualTo(Instant.parse("2026-03-29T01:58:30Z"));
  }

  @Test
  void shouldTakeTheLaterOfSpeedAndBatchInEachPartition() {
    // Partition 0: speed 21:14:05 > batch 01:58:30 -> 21:14:05. Partition 1: the speed layer
    // restarted and reports 01:20:00 < batch 01:59:10 -> 01:59:10. min = 01:59:10.
    Snapshot s =
        Snapshot.of(
            V12_HELD, List.of(p(0, "2026-03-29T21:14:05Z"), p(1, "2026-03-29T01:20:00Z")), QUERIED);

    assertThat(s.freshAsOf()).isEqualTo(Instant.parse("2026-03-29T01:59:10Z"));
  }

  @Test
  void shouldFallBackToThePublishTimeOnlyForAPartitionNothingRecords() {
    // Partition 2 has no reading below the cut and no progress: it counts as the publish time
    // 02:00:00; partition 0 as its batch time 01:58:30; min = 01:58:30.
    BatchVersion v =
        new BatchVersion(
            12, Cut.of(0, 1042, 2, 0), PUBLISHED, Map.of(0, Instant.parse("2026-03-29T01:58:30Z")));

    assertThat(Snapshot.of(v, List.of(), QUERIED).freshAsOf())
        .isEqualTo(Instant.parse("2026-03-29T01:58:30Z"));
  }

  @Test
  void shouldIgnoreProgressOfPartitionsOutsideTheCut() {
    Snapshot s =
        Snapshot.of(
            V12,
            List.of(
                p(0, "2026-03-29T21:14:05Z"),
                p(1, "2026-03-29T21:14:04Z"),
                p(5, "2026-03-01T00:00:00Z")),
            QUERIED);

    assertThat(s.freshAsOf()).isEqualTo(Instant.parse("2026-03-29T21:14:04Z"));
  }

  @Test
  void shouldUseTheOldestProgressWhenNoVersionIsPublished() {
    Snapshot s =
        Snapshot.of(
            null, List.of(p(0, "2026-03-29T21:14:05Z"), p(3, "2026-03-29T21:10:00Z")), QUERIED);

    assertThat(s.freshAsOf()).isEqualTo(Instant.parse("2026-03-29T21:10:00Z"));
    assertThat(s.batchVersion()).isEmpty();
  }

  @Test
  void shouldUseTheQueryTimeWhenNothingIsKnown() {
    assertThat(Snapshot.of(null, List.of(), QUERIED).freshAsOf()).isEqualTo(QUERIED);
  }
}
