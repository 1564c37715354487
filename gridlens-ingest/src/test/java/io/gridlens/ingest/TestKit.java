package io.gridlens.ingest;

import io.gridlens.core.Channel;
import io.gridlens.core.Quality;
import io.gridlens.core.Reading;
import io.gridlens.core.ValueKind;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.testkit.TestFixtures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The test kit of this module: repository root, clock, meters, log and dataset readers. */
final class TestKit {

  /** The ingest clock of the tests: every test reading lies before it. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);

  private TestKit() {}

  /** A file of ../shared/fixtures. */
  static Path fixture(String relative) {
    return TestFixtures.shared(relative);
  }

  static Meter meter(String id, String zone, int minutes) {
    return new Meter(id, "t1", "P-" + id, "C-" + id, ZoneId.of(zone), minutes);
  }

  static InMemoryReferenceData reference(List<Meter> meters) {
    InMemoryReferenceData.Builder b = InMemoryReferenceData.builder();
    meters.forEach(b::meter);
    return b.build();
  }

  static Reading reading(String meter, Instant start, int minutes, long wh) {
    return new Reading(
        meter,
        Channel.IMPORT,
        start,
        minutes,
        ValueKind.INTERVAL,
        wh,
        Quality.ACTUAL,
        "sim",
        null,
        null);
  }

  /** Every record of a topic from its beginning to its current end. */
  static <V> List<ConsumerRecord<String, V>> readAll(
      KafkaClients kafka, String topic, Deserializer<V> values) {
    var props = kafka.assignedConsumer("test-reader-" + topic);
    try (KafkaConsumer<String, V> c =
        new KafkaConsumer<>(props, new StringDeserializer(), values)) {
      List<TopicPartition> parts = partitions(c, topic);
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> begin = c.beginningOffsets(parts, Duration.ofSeconds(30));
      Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
      long expected = 0;
      for (TopicPartition p : parts) {
        expected += end.get(p) - begin.get(p);
      }
      List<ConsumerRecord<String, V>> out = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (out.size() < expected) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "read " + out.size() + " of " + expected + " records of " + topic + " " + end);
        }
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      return out;
    }
  }

  /**
   * The partitions of a topic; waits for its metadata, which a loaded broker may not give on the
   * first request (an empty list would make a reader believe the topic is empty).
   */
  static List<TopicPartition> partitions(KafkaConsumer<?, ?> c, String topic) {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (true) {
      List<TopicPartition> parts =
          c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      if (!parts.isEmpty()) {
        return parts;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no partitions of topic " + topic);
      }
    }
  }

  /** Every record of a topic as raw bytes. */
  static List<ConsumerRecord<String, byte[]>> readAllBytes(KafkaClients kafka, String topic) {
    return readAll(kafka, topic, new ByteArrayDeserializer());
  }

  /** The rows of a DuckDB query, each row as its columns joined by '|'. */
  static List<String> query(String sql) {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          if (i > 1) {
            sb.append('|');
          }
          sb.append(rs.getString(i));
        }
        out.add(sb.toString());
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** A reading as the master dataset row of its content columns. */
  static String row(Reading r) {
    return String.join(
        "|",
        r.meterId(),
        r.channel().name(),
        Long.toString(r.intervalStart().getEpochSecond()),
        Integer.toString(r.intervalMinutes()),
        r.kind().name(),
        Long.toString(r.wh()),
        Integer.toString(r.quality().code()),
        r.source());
  }

  /** The content columns of the master dataset, in {@link #row} order. */
  static final String CONTENT =
      "meter_id, channel, interval_start, interval_minutes, kind, wh, quality, source";

  /** Counts of equal strings. */
  static Map<String, Integer> bag(List<String> rows) {
    Map<String, Integer> m = new HashMap<>();
    rows.forEach(r -> m.merge(r, 1, Integer::sum));
    return m;
  }

  /** The log end of a topic: per partition, the offset the next record will get. */
  static io.gridlens.core.Cut logEnd(KafkaClients kafka, String topic) {
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(
            kafka.assignedConsumer("test-end"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> parts = partitions(c, topic);
      java.util.TreeMap<Integer, Long> end = new java.util.TreeMap<>();
      c.endOffsets(parts).forEach((p, o) -> end.put(p.partition(), o));
      return new io.gridlens.core.Cut(end);
    }
  }

  /** Runs an archiver in this thread until it has archived the log's current end. */
  static void archiveAll(KafkaClients kafka, IngestTopics topics, Path data, Archiver.Options o) {
    io.gridlens.core.Cut end = logEnd(kafka, topics.readings());
    try (Archiver a = new Archiver(kafka, topics, data, CLOCK, o).open()) {
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (!Archiver.covers(a.archivedCut(), end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("archived " + a.archivedCut() + " short of " + end);
        }
        a.pollOnce(Duration.ofMillis(200));
      }
    }
  }
}
