package io.gridlens.ingest;

import io.gridlens.core.reference.CarbonIntensity;
import io.gridlens.core.reference.Contract;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.reference.Premise;
import io.gridlens.core.reference.ReferenceData;
import io.gridlens.core.reference.TempoCalendar;
import io.gridlens.core.reference.TempoColour;
import io.gridlens.core.reference.Weather;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference data of the compacted topics, materialized in memory and kept up to date by a
 * background consumer: a {@link ReferenceData} whose answers follow the topics within a poll.
 *
 * <p>Lifecycle: {@link #start()}, then {@link #awaitCaughtUp} before relying on it, then {@link
 * #close()}. Reads are thread-safe: each answer comes from one immutable snapshot, replaced whole
 * after every batch of changes (reference data is small).
 *
 * <p>The topics' records lay over the {@code base} data given at construction (the demo's fleet and
 * environment): a meter, premise or contract on a topic replaces the base's versions of that
 * entity; a region's weather days and hourly carbon figures on the topics replace the base's for
 * those days and hours, the rest of the base's stays (see {@link Weather#with}); a carbon factor on
 * the topic replaces the base's; a Tempo day's colour on the topic replaces the base's.
 */
public final class ReferenceView implements ReferenceData, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReferenceView.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final IngestTopics topics;
  private final InMemoryReferenceData base;
  private final Map<String, Meter> meters = new HashMap<>();
  private final Map<String, Premise> premises = new HashMap<>();
  private final Map<String, Contract> contracts = new HashMap<>();
  private final Map<String, ReferenceJson.WeatherMonth> weatherMonths = new HashMap<>();
  private final Map<String, ReferenceJson.CarbonFactor> carbonFactors = new HashMap<>();
  private final Map<String, ReferenceJson.CarbonMonth> carbonMonths = new HashMap<>();
  private final Map<String, ReferenceJson.TempoDay> tempoDays = new HashMap<>();
  private final Thread thread;
  private volatile InMemoryReferenceData snapshot;
  private volatile long caughtUpAt = Long.MIN_VALUE;
  private volatile RuntimeException failure;
  private volatile boolean running;

  /**
   * An unstarted view of the reference topics.
   *
   * @param base reference data the topics' records lay over (the demo's fleet and environment;
   *     empty otherwise)
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
    } else if (t.equals(topics.weather())) {
      put(
          weatherMonths,
          r.key(),
          v == null ? null : ReferenceJson.read(v, ReferenceJson.WeatherMonth.class));
    } else if (t.equals(topics.carbon())) {
      carbonFactors.remove(r.key());
      carbonMonths.remove(r.key());
      if (v != null
          && ReferenceJson.read(v, com.fasterxml.jackson.databind.JsonNode.class).has("month")) {
        carbonMonths.put(r.key(), ReferenceJson.read(v, ReferenceJson.CarbonMonth.class));
      } else if (v != null) {
        carbonFactors.put(r.key(), ReferenceJson.read(v, ReferenceJson.CarbonFactor.class));
      }
    } else if (t.equals(topics.tempo())) {
      put(
          tempoDays,
          r.key(),
          v == null ? null : ReferenceJson.read(v, ReferenceJson.TempoDay.class));
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
    weather().values().forEach(b::weather);
    carbon().values().forEach(b::carbon);
    Map<LocalDate, TempoColour> colours = new HashMap<>(base.tempo().colours());
    tempoDays.values().forEach(d -> colours.put(d.date(), d.colour()));
    b.tempo(new TempoCalendar(colours));
    return b.build();
  }

  /** The base's weather of each region with the topics' days laid over it. */
  private Map<String, Weather> weather() {
    Map<String, Weather> out = new HashMap<>(base.weather());
    Map<String, List<ReferenceJson.WeatherMonth>> byRegion = new TreeMap<>();
    weatherMonths.values().stream()
        .sorted(Comparator.comparing(ReferenceJson.WeatherMonth::month))
        .forEach(m -> byRegion.computeIfAbsent(m.region(), k -> new ArrayList<>()).add(m));
    byRegion.forEach(
        (region, months) -> {
          Weather logged;
          try {
            logged = ReferenceJson.weather(region, months);
          } catch (IllegalArgumentException e) {
            // Months logged in two zones (two writers racing): the latest month's zone wins.
            LOG.warn(
                "weather of {} on {} is inconsistent: {}",
                region,
                topics.weather(),
                e.getMessage());
            logged = ReferenceJson.weather(region, List.of(months.get(months.size() - 1)));
          }
          Weather before = out.get(region);
          try {
            out.put(region, before == null ? logged : before.with(logged));
          } catch (IllegalArgumentException e) {
            // The base's samples are in another zone: the logged weather replaces them.
            LOG.warn("weather of {} replaces the base's: {}", region, e.getMessage());
            out.put(region, logged);
          }
        });
    return out;
  }

  /** The base's carbon intensity of each region with the topics' factor and figures over it. */
  private Map<String, CarbonIntensity> carbon() {
    Map<String, CarbonIntensity> out = new HashMap<>(base.carbon());
    Map<String, List<ReferenceJson.CarbonMonth>> byRegion = new HashMap<>();
    carbonMonths
        .values()
        .forEach(m -> byRegion.computeIfAbsent(m.region(), k -> new ArrayList<>()).add(m));
    java.util.Set<String> regions = new java.util.HashSet<>(byRegion.keySet());
    carbonFactors.values().forEach(f -> regions.add(f.region()));
    for (String region : regions) {
      CarbonIntensity before = base.carbon().get(region);
      ReferenceJson.CarbonFactor f = carbonFactors.get(region);
      if (f == null && before == null) {
        LOG.warn("hourly carbon figures of {} without a fixed factor are ignored", region);
        continue;
      }
      Map<Instant, Double> figures =
          ReferenceJson.carbonFigures(byRegion.getOrDefault(region, List.of()));
      out.put(
          region,
          before == null
              ? CarbonIntensity.hourly(region, figures, f.fixedGPerKwh())
              : before.with(figures, f == null ? null : f.fixedGPerKwh()));
    }
    return out;
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
    return snapshot.weather(region);
  }

  @Override
  public Optional<CarbonIntensity> carbon(String region) {
    return snapshot.carbon(region);
  }

  @Override
  public TempoCalendar tempo() {
    return snapshot.tempo();
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
