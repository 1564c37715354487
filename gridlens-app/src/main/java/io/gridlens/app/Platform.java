package io.gridlens.app;

import io.gridlens.api.ApiConfig;
import io.gridlens.api.ApiServer;
import io.gridlens.api.IngestPort;
import io.gridlens.api.ReferenceWriter;
import io.gridlens.batch.BatchEngine;
import io.gridlens.batch.BatchRunner;
import io.gridlens.batch.BatchScheduler;
import io.gridlens.batch.BatchSettings;
import io.gridlens.batch.MasterFiles;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.core.view.ViewStore;
import io.gridlens.ingest.Archiver;
import io.gridlens.ingest.EmbeddedKafka;
import io.gridlens.ingest.IngestService;
import io.gridlens.ingest.IngestTopics;
import io.gridlens.ingest.KafkaClients;
import io.gridlens.ingest.ReferenceUpserts;
import io.gridlens.ingest.ReferenceView;
import io.gridlens.serving.CassandraViewStore;
import io.gridlens.serving.RocksDbViewStore;
import io.gridlens.speed.SpeedConfig;
import io.gridlens.speed.SpeedLayer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Gridlens process: the components of its {@link GridlensConfig#roles() roles}, wired
 * to one log, one reference view and one view store, started in dependency order and closed in
 * reverse order.
 *
 * <p>Start order: Kafka (the in-process broker in embedded mode) and its topics; the producer and
 * the reference view; the view store (RocksDB, or Cassandra when contact points are configured);
 * then, per role, the archiver, the batch layer (DuckDB or Spark engine, runner, nightly
 * scheduler), the speed layer, the ingest edge, and the API last, so it never answers before what
 * it serves exists. A component that fails to start closes those already started.
 *
 * <p>Reference data lives on the compacted reference topics (meters, premises, contracts, weather,
 * carbon intensity, Tempo colours; upserted through the API); the {@code base} reference data given
 * at start (the demo's) lies under them, for what the topics do not hold.
 */
final class Platform implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Platform.class);

  private final GridlensConfig config;
  private final Clock clock;
  private final Deque<Named> started = new ArrayDeque<>();
  private EmbeddedKafka embedded;
  private KafkaClients kafka;
  private IngestTopics topics;
  private KafkaProducer<String, byte[]> producer;
  private ReferenceView reference;
  private ViewStore views;
  private Archiver archiver;
  private BatchService batch;
  private SpeedLayer speed;
  private IngestService ingest;
  private ApiServer api;
  private boolean closed;

  private record Named(String name, AutoCloseable component) {}

  private Platform(GridlensConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /**
   * Starts every component of the configured roles.
   *
   * @param base weather, carbon and Tempo colours (and meters not on the topics)
   * @param deferSpeed true to start the speed layer later with {@link #startSpeed()} (the demo
   *     starts it after the first batch, so it skips the history the batch already holds)
   * @throws ConfigException when the configuration asks for the Spark engine and Spark is not on
   *     the classpath
   */
  static Platform start(
      GridlensConfig config, InMemoryReferenceData base, Clock clock, boolean deferSpeed) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(clock, "clock");
    if (config.roles().contains(Role.BATCH_SCHEDULER)
        && config.batch().engine() == GridlensConfig.Batch.Engine.SPARK) {
      BatchService.requireSpark();
    }
    Platform p = new Platform(config, clock);
    try {
      p.startAll(base, deferSpeed);
      return p;
    } catch (RuntimeException | Error e) {
      try {
        p.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private void startAll(InMemoryReferenceData base, boolean deferSpeed) {
    java.nio.file.Path data = config.dataDir();
    if (config.embeddedKafka()) {
      embedded = EmbeddedKafka.start(data.resolve("kafka"));
      add("embedded Kafka broker", embedded);
      kafka = embedded.clients();
    } else {
      kafka = new KafkaClients(config.kafka().bootstrapServers());
    }
    topics = config.kafka().topics();
    try (Admin admin = Admin.create(kafka.admin())) {
      topics.create(admin);
    }
    producer = new KafkaProducer<>(kafka.producer("gridlens-" + ProcessHandle.current().pid()));
    add("Kafka producer", producer);
    reference = new ReferenceView(kafka, topics, base).start();
    add("reference view", reference);
    try {
      reference.awaitCaughtUp(Duration.ofMinutes(1));
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "the reference topics could not be read within a minute at "
              + kafka.bootstrapServers()
              + "; is Kafka up?",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the reference topics", e);
    }
    views = openViews(config);
    add("view store", views);

    if (config.roles().contains(Role.ARCHIVER)) {
      archiver = new Archiver(kafka, topics, data, clock, Archiver.Options.defaults()).start();
      add("archiver", archiver);
    }
    if (config.roles().contains(Role.BATCH_SCHEDULER)) {
      GridlensConfig.Batch b = config.batch();
      BatchEngine engine = BatchService.openEngine(config);
      add("batch engine", engine);
      BatchRunner runner = new BatchRunner(engine, views, reference, BatchSettings.DEFAULT, clock);
      batch = new BatchService(runner, engine, clock);
      add("batch service", batch);
      ScheduledExecutorService timer =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "gridlens-batch-scheduler");
                t.setDaemon(true);
                return t;
              });
      add("batch timer", timer::shutdownNow);
      BatchScheduler scheduler =
          new BatchScheduler(
              b.nightlyAt(),
              b.zone(),
              clock,
              timer,
              () ->
                  batch.runNow(
                      io.gridlens.batch.BatchMode.INCREMENTAL,
                      io.gridlens.batch.BatchProgress.Listener.NONE),
              e -> LOG.error("the nightly batch run failed; the next one is scheduled", e));
      scheduler.start();
      add("batch scheduler", scheduler);
    }
    if (config.roles().contains(Role.SPEED) && !deferSpeed) {
      startSpeed();
    }
    if (config.roles().contains(Role.INGEST)) {
      ingest =
          new IngestService(producer, topics, reference, clock, IngestService.Options.defaults());
    }
    if (config.roles().contains(Role.API)) {
      PrometheusRegistry registry = new PrometheusRegistry();
      registerMetrics(registry);
      ApiServer.Builder b =
          ApiServer.builder(views, reference, clock)
              .registry(registry)
              .config(ApiConfig.defaults().withHost(config.api().host()))
              .directory(
                  tenant ->
                      reference.meters().values().stream()
                          .filter(m -> m.tenant().equals(tenant))
                          .toList());
      if (config.roles().contains(Role.INGEST)) {
        b.ingest(
                IngestPort.kafka(
                    producer, topics, reference, clock, IngestService.Options.defaults()))
            .referenceWriter(ReferenceWriter.of(new ReferenceUpserts(producer, topics), reference));
      }
      if (batch != null) {
        b.batch(batch);
      }
      api = b.build().start(config.api().port());
      add("API", api);
    }
  }

  /** The view store of a configuration: Cassandra when it names contact points, else RocksDB. */
  static ViewStore openViews(GridlensConfig config) {
    GridlensConfig.Cassandra c = config.cassandra();
    if (!c.enabled()) {
      return RocksDbViewStore.open(config.dataDir().resolve("views"));
    }
    return CassandraViewStore.connect(
        c.contactPoints(),
        c.localDatacenter(),
        c.keyspace(),
        Duration.ofMillis(c.requestTimeoutMs()));
  }

  /**
   * The platform metrics next to the API's: the log's end offsets through an admin client of this
   * process, the master dataset's cut when this process sees it (archiver or batch role), the view
   * store, the in-process speed layer and batch control.
   */
  private void registerMetrics(PrometheusRegistry registry) {
    Admin admin = Admin.create(kafka.admin());
    add("metrics admin client", admin);
    java.nio.file.Path data = config.dataDir();
    boolean seesMaster =
        config.roles().contains(Role.ARCHIVER) || config.roles().contains(Role.BATCH_SCHEDULER);
    PlatformMetrics.register(
        registry,
        new PlatformMetrics.Sources(
            topic -> endOffsets(admin, topic),
            topics.readings(),
            topics.deadLetter(),
            seesMaster ? () -> MasterFiles.cutOnDisk(data) : null,
            views,
            () -> speed == null ? null : speed.metrics(),
            batch),
        clock);
  }

  /** The end offset of each partition of a topic. */
  private static Map<Integer, Long> endOffsets(Admin admin, String topic) {
    try {
      return io.gridlens.speed.AdminLogEnds.endOffsets(
          admin, topic, org.apache.kafka.common.IsolationLevel.READ_UNCOMMITTED);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading end offsets of " + topic, e);
    } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the end offsets of " + topic + ": " + e, e);
    }
  }

  /**
   * Starts the speed layer (when {@link #start} deferred it).
   *
   * @throws IllegalStateException when this process has no speed role or it already runs
   */
  synchronized void startSpeed() {
    if (!config.roles().contains(Role.SPEED)) {
      throw new IllegalStateException("this process does not run the speed role");
    }
    if (speed != null) {
      throw new IllegalStateException("the speed layer already runs");
    }
    SpeedConfig sc =
        SpeedConfig.embedded(config.dataDir(), kafka.bootstrapServers())
            .withApplicationId(config.speed().applicationId())
            .withStreamThreads(config.speed().streamThreads())
            .withReadingsTopic(topics.readings());
    speed = SpeedLayer.create(sc, reference, views, clock);
    speed.start();
    add("speed layer", speed);
  }

  private synchronized void add(String name, AutoCloseable c) {
    started.push(new Named(name, c));
  }

  GridlensConfig config() {
    return config;
  }

  KafkaClients kafka() {
    return kafka;
  }

  IngestTopics topics() {
    return topics;
  }

  KafkaProducer<String, byte[]> producer() {
    return producer;
  }

  ReferenceView reference() {
    return reference;
  }

  ViewStore views() {
    return views;
  }

  /** The archiver, or null when this process does not run it. */
  Archiver archiver() {
    return archiver;
  }

  /** The batch layer, or null when this process does not run it. */
  BatchService batch() {
    return batch;
  }

  /** The speed layer, or null when not (yet) running. */
  synchronized SpeedLayer speed() {
    return speed;
  }

  /** The ingest edge, or null when this process does not run it. */
  IngestService ingest() {
    return ingest;
  }

  /** The API, or null when this process does not run it. */
  ApiServer api() {
    return api;
  }

  /**
   * Closes every started component, the last started first; failures are logged and the others
   * still closed. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    Named n;
    while ((n = pop()) != null) {
      try {
        LOG.debug("closing the {}", n.name());
        n.component().close();
      } catch (Exception e) {
        LOG.warn("closing the {} failed: {}", n.name(), e.toString());
      }
    }
  }

  private synchronized Named pop() {
    return started.poll();
  }
}
