package io.gridlens.app;

import io.gridlens.api.BatchControl;
import io.gridlens.api.BatchStatus;
import io.gridlens.core.Cut;
import io.gridlens.core.view.SpeedProgress;
import io.gridlens.core.view.ViewPointer;
import io.gridlens.core.view.ViewStore;
import io.gridlens.speed.LatencyHistogram;
import io.gridlens.speed.SpeedMetrics;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's Prometheus metrics beyond the API's HTTP requests and latencies, read at scrape
 * time from what the components already publish: the log's end offsets (ingest rate and rejects as
 * the growth of {@code readings} and {@code deadletter}), the master dataset's cut (archiver lag),
 * the speed progress in the view store (speed lag and freshness), the in-process speed layer's
 * ack-to-row latencies, the published batch version (age) and the batch run's progress.
 *
 * <p>Each source is optional: a process shows the metrics of what it can see. End offsets are read
 * at most once a second, whatever the scrape rate.
 */
final class PlatformMetrics {

  private static final Logger LOG = LoggerFactory.getLogger(PlatformMetrics.class);
  private static final Duration OFFSETS_TTL = Duration.ofSeconds(1);

  /**
   * What the metrics read; null where the process has no such source.
   *
   * @param endOffsets the end offset of each partition of a topic (may throw when the log cannot be
   *     reached: those metrics are then left out of the scrape)
   * @param readingsTopic the readings topic
   * @param deadLetterTopic the dead-letter topic
   * @param archived the cut of what the master dataset holds
   * @param views the view store (speed progress, published version)
   * @param speed the in-process speed layer's counters
   * @param batch the in-process batch control
   */
  record Sources(
      Function<String, Map<Integer, Long>> endOffsets,
      String readingsTopic,
      String deadLetterTopic,
      Supplier<Cut> archived,
      ViewStore views,
      Supplier<SpeedMetrics> speed,
      BatchControl batch) {}

  private final Sources sources;
  private final Clock clock;
  private final Map<String, Map<Integer, Long>> offsets = new HashMap<>();
  private Instant offsetsAt = Instant.MIN;

  private PlatformMetrics(Sources sources, Clock clock) {
    this.sources = sources;
    this.clock = clock;
  }

  /** Registers the metrics of the sources in a registry. */
  static PlatformMetrics register(PrometheusRegistry registry, Sources sources, Clock clock) {
    Objects.requireNonNull(registry, "registry");
    PlatformMetrics m = new PlatformMetrics(Objects.requireNonNull(sources, "sources"), clock);
    if (sources.endOffsets() != null) {
      CounterWithCallback.builder()
          .name("gridlens_log_records_total")
          .help(
              "Records in a log topic (sum of end offsets): readings = accepted ingest batches,"
                  + " deadletter = rejected input; rate() gives ingest and reject rates")
          .labelNames("topic")
          .callback(
              cb -> {
                for (String topic : List.of(sources.readingsTopic(), sources.deadLetterTopic())) {
                  m.ends(topic).ifPresent(e -> cb.call(sum(e), topic));
                }
              })
          .register(registry);
    }
    if (sources.endOffsets() != null && sources.archived() != null) {
      gauge(
          registry,
          "gridlens_archiver_lag_records",
          "Records of the readings topic not yet in the master dataset",
          () -> m.ends(sources.readingsTopic()).map(e -> lag(e, sources.archived().get())));
    }
    if (sources.views() != null) {
      if (sources.endOffsets() != null) {
        gauge(
            registry,
            "gridlens_speed_lag_records",
            "Records of the readings topic after the speed layer's progress (or, for a partition"
                + " without progress, after the batch cut)",
            () -> m.ends(sources.readingsTopic()).map(m::speedLag));
      }
      gauge(
          registry,
          "gridlens_speed_fresh_as_of_age_seconds",
          "Seconds since the instant up to which every partition of the speed layer is complete",
          () -> m.oldestProgress().map(t -> seconds(t, m.clock.instant())));
      gauge(
          registry,
          "gridlens_batch_version",
          "The published batch version",
          () -> sources.views().pointer().map(p -> (double) p.current().number()));
      gauge(
          registry,
          "gridlens_batch_age_seconds",
          "Seconds since the published batch version was published",
          () ->
              sources
                  .views()
                  .pointer()
                  .map(p -> seconds(p.current().publishedAt(), m.clock.instant())));
    }
    if (sources.speed() != null) {
      GaugeWithCallback.builder()
          .name("gridlens_speed_freshness_seconds")
          .help(
              "Speed layer latency from a record's log append to its rows written, by quantile,"
                  + " since this process started")
          .labelNames("quantile")
          .callback(
              cb -> {
                SpeedMetrics s = sources.speed().get();
                if (s != null && s.freshness().count() > 0) {
                  LatencyHistogram h = s.freshness();
                  for (double q : new double[] {0.5, 0.99}) {
                    cb.call(h.percentile(q) / 1000.0, Double.toString(q));
                  }
                }
              })
          .register(registry);
    }
    if (sources.batch() != null) {
      gauge(
          registry,
          "gridlens_batch_running",
          "1 while a batch run is in progress, else 0",
          () -> Optional.of(running(sources.batch().status()) ? 1.0 : 0.0));
      gauge(
          registry,
          "gridlens_batch_progress_ratio",
          "Share of the current (or last) batch run done, 0..1",
          () -> {
            double p = sources.batch().status().progress();
            return Double.isNaN(p) ? Optional.empty() : Optional.of(p);
          });
    }
    return m;
  }

  private static boolean running(BatchStatus s) {
    return s.state() == BatchStatus.State.RUNNING;
  }

  private static void gauge(
      PrometheusRegistry registry, String name, String help, Supplier<Optional<Double>> value) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .callback(cb -> value.get().ifPresent(cb::call))
        .register(registry);
  }

  /** The end offsets of a topic, at most {@link #OFFSETS_TTL} old; empty when unreachable. */
  private synchronized Optional<Map<Integer, Long>> ends(String topic) {
    Instant now = clock.instant();
    if (now.isAfter(offsetsAt.plus(OFFSETS_TTL))) {
      offsets.clear();
      offsetsAt = now;
    }
    Map<Integer, Long> e = offsets.get(topic);
    if (e == null) {
      try {
        e = Map.copyOf(sources.endOffsets().apply(topic));
      } catch (RuntimeException failure) {
        LOG.debug("no end offsets of {} for the metrics: {}", topic, failure.toString());
        return Optional.empty();
      }
      offsets.put(topic, e);
    }
    return Optional.of(e);
  }

  private double speedLag(Map<Integer, Long> ends) {
    Map<Integer, Long> next = new HashMap<>();
    sources
        .views()
        .pointer()
        .map(ViewPointer::current)
        .ifPresent(v -> next.putAll(v.cut().offsets()));
    for (SpeedProgress p : sources.views().speedProgress()) {
      next.merge(p.partition(), p.nextOffset(), Math::max);
    }
    return lag(ends, new Cut(next));
  }

  private Optional<Instant> oldestProgress() {
    return sources.views().speedProgress().stream()
        .map(SpeedProgress::completeUpTo)
        .min(Instant::compareTo);
  }

  /** Records at or after a cut: the sum over partitions of end minus the cut's offset. */
  static double lag(Map<Integer, Long> ends, Cut cut) {
    long n = 0;
    for (Map.Entry<Integer, Long> e : ends.entrySet()) {
      n += Math.max(0, e.getValue() - cut.offset(e.getKey()));
    }
    return n;
  }

  private static double sum(Map<Integer, Long> ends) {
    long n = 0;
    for (long v : ends.values()) {
      n += v;
    }
    return n;
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }
}
