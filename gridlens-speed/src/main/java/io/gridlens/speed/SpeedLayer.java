package io.gridlens.speed;

import io.gridlens.core.reference.ReferenceData;
import io.gridlens.core.view.ViewStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The speed layer as a component (DESIGN.md section 7): one Kafka Streams instance of the {@link
 * SpeedTopology}, exactly-once v2, writing speed rows to a view store.
 *
 * <p>Runs inside the embedded app against the in-process broker, or as N instances with the same
 * {@link SpeedConfig#applicationId()} against a cluster: Kafka spreads the partitions of {@code
 * readings} over the instances, and a task that moves (rebalance, restart, lost local state) has
 * its state restored from its changelog topic.
 *
 * <p>Lifecycle: {@link #create} returns an unstarted component; {@link #start()} once; {@link
 * #close()} stops it (idempotent). The view store and reference data are the caller's: not closed
 * here. Thread-safe.
 */
public final class SpeedLayer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SpeedLayer.class);

  /**
   * The commit interval of an instance unless overridden ({@code commit.interval.ms}): how much a
   * restart may replay, traded against how often a commit blocks the stream thread.
   */
  public static final long DEFAULT_COMMIT_INTERVAL_MS = 1000;

  /** How often the readings log's ends are read (what an idle partition's freshness moves by). */
  static final Duration LOG_ENDS_PERIOD = Duration.ofMillis(500);

  /** How long {@link #close()} waits for the stream threads to commit and stop. */
  public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final SpeedConfig config;
  private final KafkaStreams streams;
  private final SpeedMetrics metrics;
  private final AdminLogEnds ends;
  private boolean started;
  private boolean closed;

  private SpeedLayer(
      SpeedConfig config, KafkaStreams streams, SpeedMetrics metrics, AdminLogEnds ends) {
    this.config = config;
    this.streams = streams;
    this.metrics = metrics;
    this.ends = ends;
  }

  /**
   * An unstarted speed layer.
   *
   * @param config where and how it runs
   * @param reference the reference data of the days it computes
   * @param views the view store it reads batch rows and the pointer from and writes speed rows to
   * @param clock the wall clock of freshness figures
   */
  public static SpeedLayer create(
      SpeedConfig config, ReferenceData reference, ViewStore views, Clock clock) {
    Objects.requireNonNull(config, "config");
    SpeedMetrics metrics = new SpeedMetrics();
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(views, "views");
    Objects.requireNonNull(clock, "clock");
    AdminLogEnds ends =
        AdminLogEnds.start(
            config.bootstrapServers(), config.readingsTopic(), clock, LOG_ENDS_PERIOD);
    try {
      KafkaStreams streams =
          new KafkaStreams(
              SpeedTopology.build(
                  config.readingsTopic(),
                  reference,
                  views,
                  config.vee(),
                  config.rebaseInterval(),
                  clock,
                  metrics,
                  ends),
              streamsProperties(config));
      return new SpeedLayer(config, streams, metrics, ends);
    } catch (RuntimeException e) {
      ends.close();
      throw e;
    }
  }

  /** The Kafka Streams settings of an instance. */
  static Properties streamsProperties(SpeedConfig config) {
    Properties p = new Properties();
    // Latency defaults first; the caller's overrides next; identity and guarantee last.
    // Speed rows become readable in process(), not at commit: a commit only blocks the stream
    // thread (flush of the changelog, offsets into the transaction, commit: 3+ broker round trips,
    // ~100 ms each on a loaded 2-core machine, docs/BENCHMARKS.md). Every 100 ms (the exactly-once
    // default) that was 45 % of the thread's time; every second it is ~15 %, and a restart
    // replays at most about a second of records.
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(DEFAULT_COMMIT_INTERVAL_MS));
    // Changelog records leave within 5 ms (Kafka Streams' default linger is 100 ms), so the
    // commit's flush waits for the last small batch only, not for a backlog of the interval.
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "5");
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), "50");
    p.putAll(config.streamsOverrides());
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(config.streamThreads()));
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    return p;
  }

  /**
   * Starts consuming {@code readings}.
   *
   * @throws IllegalStateException when already started or closed
   */
  public synchronized void start() {
    if (closed || started) {
      throw new IllegalStateException(
          "speed layer "
              + config.applicationId()
              + " was already "
              + (closed ? "closed" : "started")
              + "; create a new one");
    }
    started = true;
    streams.setUncaughtExceptionHandler(
        e -> {
          LOG.error("speed layer stream thread failed; replacing it", e);
          return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler
              .StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    streams.start();
    LOG.info(
        "speed layer {} started on {} ({} threads, state in {})",
        config.applicationId(),
        config.bootstrapServers(),
        config.streamThreads(),
        config.stateDir());
  }

  /**
   * Waits until the instance runs (partitions assigned, state restored).
   *
   * @throws IllegalStateException when it is not running within the timeout, or failed
   */
  public void awaitRunning(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (streams.state() == KafkaStreams.State.ERROR
          || streams.state() == KafkaStreams.State.NOT_RUNNING) {
        throw new IllegalStateException("speed layer stopped: " + streams.state());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "speed layer not running after " + timeout + ", state " + streams.state());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the speed layer", e);
      }
    }
  }

  /** The Kafka Streams state of the instance. */
  public KafkaStreams.State state() {
    return streams.state();
  }

  /** Counts and freshness of this instance. */
  public SpeedMetrics metrics() {
    return metrics;
  }

  /**
   * The Kafka Streams metrics of this instance (stream threads, tasks, stores and its embedded
   * clients), e.g. {@code commit-latency-max} of group {@code stream-thread-metrics}.
   */
  public Map<MetricName, ? extends Metric> streamsMetrics() {
    return streams.metrics();
  }

  public SpeedConfig config() {
    return config;
  }

  /** Stops the instance: the stream threads commit and stop; local state is kept. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!streams.close(CLOSE_TIMEOUT)) {
      LOG.warn("speed layer {} did not stop within {}", config.applicationId(), CLOSE_TIMEOUT);
    }
    ends.close();
  }
}
