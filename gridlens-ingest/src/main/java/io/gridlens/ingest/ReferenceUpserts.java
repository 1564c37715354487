package io.gridlens.ingest;

import io.gridlens.core.reference.CarbonIntensity;
import io.gridlens.core.reference.Contract;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.reference.Premise;
import io.gridlens.core.reference.TempoColour;
import io.gridlens.core.reference.Timeline;
import io.gridlens.core.reference.Weather;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes reference data to its compacted topics: the latest record of a key is the current version.
 * Keys: a meter's id; a premise version's id and validity start ({@code P1@2024-01-01}); a contract
 * version's meter id and validity start; a region and month for weather and hourly carbon figures
 * ({@code FR-IDF@2026-01}), a region for its fixed carbon factor; a Tempo day. The shapes are in
 * {@link ReferenceJson}. An upsert returns once Kafka acknowledged it.
 *
 * <p>Thread-safe; the producer is the caller's.
 */
public final class ReferenceUpserts {

  private final Producer<String, byte[]> producer;
  private final IngestTopics topics;

  public ReferenceUpserts(Producer<String, byte[]> producer, IngestTopics topics) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.topics = Objects.requireNonNull(topics, "topics");
  }

  /** Upserts meters, premise versions and contract versions, and waits for Kafka's answers. */
  public void upsert(
      Collection<Meter> meters, Collection<Premise> premises, Collection<Contract> contracts) {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (Meter m : meters) {
      acks.add(send(topics.meters(), m.id(), m));
    }
    for (Premise p : premises) {
      acks.add(send(topics.premises(), versionKey(p.id(), p.validity().from().toString()), p));
    }
    for (Contract c : contracts) {
      acks.add(
          send(topics.contracts(), versionKey(c.meterId(), c.validity().from().toString()), c));
    }
    await(acks);
  }

  /**
   * Upserts some local months of a region's weather, and waits for Kafka's answers. Each month's
   * record replaces that month of the region, so {@code weather} holds every day those months keep:
   * lay the new days over the current weather ({@link Weather#with}) first.
   */
  public void upsertWeather(Weather weather, Collection<YearMonth> months) {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (ReferenceJson.WeatherMonth m : ReferenceJson.weatherMonths(weather, months)) {
      acks.add(send(topics.weather(), versionKey(m.region(), m.month().toString()), m));
    }
    await(acks);
  }

  /**
   * Upserts a region's carbon intensity: its fixed factor and the hourly figures of some UTC
   * months, and waits for Kafka's answers. Each month's record replaces that month of the region,
   * so {@code carbon} holds every figure those months keep.
   */
  public void upsertCarbon(CarbonIntensity carbon, Collection<YearMonth> months) {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    acks.add(
        send(
            topics.carbon(),
            carbon.region(),
            new ReferenceJson.CarbonFactor(carbon.region(), carbon.fixedGPerKwh())));
    for (ReferenceJson.CarbonMonth m : ReferenceJson.carbonMonths(carbon, months)) {
      acks.add(send(topics.carbon(), versionKey(m.region(), m.month().toString()), m));
    }
    await(acks);
  }

  /** Upserts the colours of some Tempo days, and waits for Kafka's answers. */
  public void upsertTempo(Map<LocalDate, TempoColour> colours) {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    colours.forEach(
        (d, c) -> acks.add(send(topics.tempo(), d.toString(), new ReferenceJson.TempoDay(d, c))));
    await(acks);
  }

  private void await(List<Future<RecordMetadata>> acks) {
    producer.flush();
    for (Future<RecordMetadata> ack : acks) {
      try {
        ack.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while upserting reference data", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(
            "reference data not logged: " + e.getCause() + "; upsert again", e.getCause());
      }
    }
  }

  /**
   * Upserts every meter, premise version and contract version of a reference data set, and waits
   * for Kafka's answers. Its weather, carbon and Tempo colours are not written: they are the
   * platform's, not a fleet's (see {@link #upsertWeather}).
   */
  public void upsertAll(InMemoryReferenceData reference) {
    List<Premise> premises = new ArrayList<>();
    for (Timeline<Premise> t : reference.premises().values()) {
      premises.addAll(t.versions());
    }
    List<Contract> contracts = new ArrayList<>();
    for (Timeline<Contract> t : reference.contracts().values()) {
      contracts.addAll(t.versions());
    }
    upsert(reference.meters().values(), premises, contracts);
  }

  /** Upserts one meter. */
  public void upsert(Meter meter) {
    upsert(List.of(meter), List.of(), List.of());
  }

  private Future<RecordMetadata> send(String topic, String key, Object value) {
    return producer.send(new ProducerRecord<>(topic, key, ReferenceJson.write(value)));
  }

  static String versionKey(String id, String from) {
    return id + "@" + from;
  }
}
