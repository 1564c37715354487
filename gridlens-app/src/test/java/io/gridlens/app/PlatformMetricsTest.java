package io.gridlens.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlens.api.BatchControl;
import io.gridlens.api.BatchRun;
import io.gridlens.api.BatchStatus;
import io.gridlens.core.Cut;
import io.gridlens.core.view.BatchVersion;
import io.gridlens.core.view.SpeedProgress;
import io.gridlens.core.view.ViewPointer;
import io.gridlens.serving.RocksDbViewStore;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformMetricsTest {

  private static final Instant PUBLISHED = Instant.parse("2026-03-29T02:00:00Z");
  private static final Instant COMPLETE = Instant.parse("2026-03-29T09:59:58Z");
  private static final Instant NOW = Instant.parse("2026-03-29T10:00:00Z");

  @TempDir Path dir;

  /** A batch layer 40 % through a run. */
  private static final class Running implements BatchControl {
    @Override
    public BatchRun run(boolean full) {
      throw new IllegalStateException("a run is in progress");
    }

    @Override
    public BatchStatus status() {
      return new BatchStatus(
          BatchStatus.State.RUNNING, new BatchRun(2, false, PUBLISHED), "compute", 0.4, null);
    }

    @Override
    public ViewPointer rollback() {
      throw new IllegalStateException("a run is in progress");
    }
  }

  private String scrape(PrometheusRegistry registry) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Worked example. Log ends: readings p0 = 130, p1 = 80; deadletter p0 = 3, p1 = 4. Batch 1 cut
   * {p0: 100, p1: 50}, published 02:00:00; speed progress p0 next offset 120, complete up to
   * 09:59:58, none for p1; master dataset cut {p0: 110, p1: 80}; now 10:00:00.
   *
   * <ul>
   *   <li>log records: readings 130 + 80 = 210, deadletter 3 + 4 = 7;
   *   <li>archiver lag: (130 - 110) + (80 - 80) = 20;
   *   <li>speed lag: p0 130 - max(100, 120) = 10, p1 (no progress: the cut) 80 - 50 = 30: 40;
   *   <li>freshness age: 10:00:00 - 09:59:58 = 2 s; batch age 8 h = 28,800 s.
   * </ul>
   */
  @Test
  void shouldExposeTheLagsAgesAndProgressOfThePlatform() throws Exception {
    try (RocksDbViewStore views = RocksDbViewStore.open(dir.resolve("views"))) {
      views.publish(new BatchVersion(1, new Cut(Map.of(0, 100L, 1, 50L)), PUBLISHED));
      views.putSpeedProgress(new SpeedProgress(0, 120, COMPLETE));
      Map<String, Map<Integer, Long>> ends =
          Map.of("readings", Map.of(0, 130L, 1, 80L), "deadletter", Map.of(0, 3L, 1, 4L));
      PrometheusRegistry registry = new PrometheusRegistry();
      PlatformMetrics.register(
          registry,
          new PlatformMetrics.Sources(
              ends::get,
              "readings",
              "deadletter",
              () -> new Cut(Map.of(0, 110L, 1, 80L)),
              views,
              null,
              new Running()),
          Clock.fixed(NOW, ZoneOffset.UTC));

      String text = scrape(registry);

      assertThat(text)
          .contains("gridlens_log_records_total{topic=\"readings\"} 210.0")
          .contains("gridlens_log_records_total{topic=\"deadletter\"} 7.0")
          .contains("gridlens_archiver_lag_records 20.0")
          .contains("gridlens_speed_lag_records 40.0")
          .contains("gridlens_speed_fresh_as_of_age_seconds 2.0")
          .contains("gridlens_batch_version 1.0")
          .contains("gridlens_batch_age_seconds 28800.0")
          .contains("gridlens_batch_running 1.0")
          .contains("gridlens_batch_progress_ratio 0.4");
    }
  }

  @Test
  void shouldLeaveOutTheLogMetricsWhileTheLogCannotBeReached() throws Exception {
    try (RocksDbViewStore views = RocksDbViewStore.open(dir.resolve("views"))) {
      PrometheusRegistry registry = new PrometheusRegistry();
      PlatformMetrics.register(
          registry,
          new PlatformMetrics.Sources(
              topic -> {
                throw new IllegalStateException("broker down");
              },
              "readings",
              "deadletter",
              () -> new Cut(Map.of()),
              views,
              null,
              null),
          Clock.fixed(NOW, ZoneOffset.UTC));

      String text = scrape(registry);

      assertThat(text)
          .doesNotContain("gridlens_log_records_total{")
          .doesNotContain("gridlens_archiver_lag_records ")
          .doesNotContain("gridlens_batch_version ");
    }
  }
}
