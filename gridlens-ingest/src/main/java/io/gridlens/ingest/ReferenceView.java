package io.gridlens.ingest;

import io.gridlens.core.reference.CarbonIntensity;
import io.gridlens.core.reference.Contract;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.reference.Premise;
import io.gridlens.core.reference.ReferenceData;
import io.gridlens.core.reference.TempoCalendar;
import io.gridlens.core.reference.Weather;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The reference data of the compacted topics, materialized in memory and kept up to date by a
 * background consumer: a {@link ReferenceData} whose answers follow the topics within a poll.
 *
 * <p>Lifecycle: {@link #start()}, then {@link #awaitCaughtUp} before relying on it, then {@link
 * #close()}. Reads are thread-safe: each answer comes from one immutable snapshot, replaced whole
 * after every batch of changes (reference data is small). Weather and carbon are not on topics yet:
 * they come from the {@code base} data given at construction.
 */
public final class ReferenceView implements ReferenceData, AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final IngestTopics topics;
  private final InMemoryReferenceData base;
  private final Map<String, Meter> meters = new HashMap<>();
  private final Map<String, Premise> premises = new HashMap<>();
  private final Map<String, Contract> contracts = new HashMap<>();
  private final Thread thread;
  private volatile InMemoryReferenceData snapshot;
  private volatile long caughtUpAt = Long.MIN_VALUE;
  private volatile RuntimeException failure;
  private volatile boolean running;

  /**
   * An unstarted view of the reference topics.
   *
   * @param base weather, carbon and Tempo colours (and meters not yet on the topics)
   */
  public ReferenceView(KafkaClients kafka, IngestTopics topics, InMemoryReferenceData base) {
    this.topics = Objects.requireNonNull(topics, "topics");
    this.base = Objects.requireNonNull(base, "base");
    this.snapshot = base;
    this.consumer = new KafkaConsumer<>(kafka.assignedConsumer("gridlens-reference-view"));
    this.thread = new Thread(this::run, "gridlens-reference-view");
    this.thread.setDaemon(true);
  }

  /** Starts following the topics from their beginning. */
  public ReferenceView start() {
    running = true;
    thread.start();
    return this;
  }

  /** The current snapshot, replaced (never changed) when reference records arrive. */
  @Override
  public ReferenceData snapshot() {
    return snapshot;
  }

  /**
   * Waits until the view holds every reference record logged before this call.
   *
   * @throws TimeoutException when it did not catch up in time
   */
  public void awaitCaughtUp(Duration timeout) throws TimeoutException, InterruptedException {
    long asked = System.nanoTime();
    long deadline = asked + timeout.toNanos();
    while (caughtUpAt < asked) {
      if (failure != null) {
        throw new IllegalStateException("reference view failed: " + failure, failure);
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("reference view did not catch up within " + timeout);
      }
      Thread.sleep(5);
    }
  }

  private void run() {
    try {
      List<TopicPartition> parts =
          topics.referenceTopics().stream().map(t -> new TopicPartition(t, 0)).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      while (running) {
        long pollStarted = System.nanoTime();
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
        if (!records.isEmpty()) {
          for (ConsumerRecord<String, byte[]> r : records) {
            apply(r);
          }
          snapshot = rebuild();
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(parts);
        boolean caughtUp = true;
        for (TopicPartition p : parts) {
          caughtUp &= consumer.position(p) >= end.get(p);
        }
        if (caughtUp) {
          caughtUpAt = pollStarted;
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      consumer.close();
    }
  }

  private void apply(ConsumerRecord<String, byte[]> r) {
    String t = r.topic();
    byte[] v = r.value();
    if (t.equals(topics.meters())) {
      put(meters, r.key(), v == null ? null : ReferenceJson.read(v, Meter.class));
    } else if (t.equals(topics.premises())) {
      put(premises, r.key(), v == null ? null : ReferenceJson.read(v, Premise.class));
    } else if (t.equals(topics.contracts())) {
      put(contracts, r.key(), v == null ? null : ReferenceJson.read(v, Contract.class));
    }
  }

  private static <T> void put(Map<String, T> m, String key, T value) {
    if (value == null) {
      m.remove(key);
    } else {
      m.put(key, value);
    }
  }

  private InMemoryReferenceData rebuild() {
    InMemoryReferenceData.Builder b = InMemoryReferenceData.builder();
    // The topics' versions of an entity replace the base data's versions of that entity.
    base.meters().values().forEach(b::meter);
    meters.values().forEach(b::meter);
    java.util.Set<String> premiseIds = new java.util.HashSet<>();
    premises.values().forEach(p -> premiseIds.add(p.id()));
    base.premises()
        .forEach(
            (id, t) -> {
              if (!premiseIds.contains(id)) {
                t.versions().forEach(b::premise);
              }
            });
    premises.values().forEach(b::premise);
    java.util.Set<String> contractMeters = new java.util.HashSet<>();
    contracts.values().forEach(c -> contractMeters.add(c.meterId()));
    base.contracts()
        .forEach(
            (id, t) -> {
              if (!contractMeters.contains(id)) {
                t.versions().forEach(b::contract);
              }
            });
    contracts.values().forEach(b::contract);
    base.weather().values().forEach(b::weather);
    base.carbon().values().forEach(b::carbon);
    b.tempo(base.tempo());
    return b.build();
  }

  @Override
  public Optional<Meter> meter(String meterId) {
    return snapshot.meter(meterId);
  }

  /** Every meter known now: the base's and the topics'. */
  public Map<String, Meter> meters() {
    return snapshot.meters();
  }

  @Override
  public Optional<Premise> premise(String meterId, LocalDate date) {
    return snapshot.premise(meterId, date);
  }

  @Override
  public Optional<Contract> contract(String meterId, LocalDate date) {
    return snapshot.contract(meterId, date);
  }

  @Override
  public Optional<Weather> weather(String region) {
    return base.weather(region);
  }

  @Override
  public Optional<CarbonIntensity> carbon(String region) {
    return base.carbon(region);
  }

  @Override
  public TempoCalendar tempo() {
    return base.tempo();
  }

  /** Stops following the topics; the last snapshot stays readable. */
  @Override
  public void close() {
    if (!running) {
      if (!thread.isAlive() && thread.getState() == Thread.State.NEW) {
        consumer.close();
      }
      return;
    }
    running = false;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
