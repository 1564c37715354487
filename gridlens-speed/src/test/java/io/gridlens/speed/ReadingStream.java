package io.gridlens.speed;

import io.gridlens.core.IngestPosition;
import io.gridlens.core.Quality;
import io.gridlens.core.Reading;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A random, seeded stream of {@code readings} records as a sender would deliver them: runs of one
 * meter's readings, with duplicates (the same value again), corrections (another value later), late
 * readings (days long past) and out-of-order intervals; no interval twice in one record (the ingest
 * service guarantees it). After {@link #produce}, each reading knows its ingest position.
 */
final class ReadingStream {

  /** One record: a meter and its readings, in order. */
  record Rec(String meter, List<Reading> readings) {}

  private final List<Rec> records;
  private final List<Reading> ingested = new ArrayList<>();

  private ReadingStream(List<Rec> records) {
    this.records = records;
  }

  static List<String> meters(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("M" + i);
    }
    return out;
  }

  /**
   * A stream over {@code days} days from {@code first}: per meter, about {@code recordsPerMeter}
   * records of 1..6 readings; one in five readings repeats or corrects an earlier one.
   */
  static ReadingStream random(
      long seed, List<String> meters, LocalDate first, int days, int recordsPerMeter) {
    Random rnd = new Random(seed);
    List<Rec> out = new ArrayList<>();
    Map<String, List<Reading>> sent = new TreeMap<>();
    int total = meters.size() * recordsPerMeter;
    for (int n = 0; n < total; n++) {
      String m = meters.get(rnd.nextInt(meters.size()));
      List<Reading> history = sent.computeIfAbsent(m, k -> new ArrayList<>());
      int count = 1 + rnd.nextInt(6);
      List<Reading> rs = new ArrayList<>();
      Set<Instant> starts = new HashSet<>();
      // A run of consecutive intervals (the usual case), somewhere in the days.
      LocalDate day = first.plusDays(rnd.nextInt(days));
      int slot = rnd.nextInt(48);
      for (int i = 0; i < count; i++) {
        Reading r;
        int kind = rnd.nextInt(10);
        if (kind < 2 && !history.isEmpty()) {
          Reading old = history.get(rnd.nextInt(history.size()));
          long wh = kind == 0 ? old.wh() : rnd.nextInt(1500); // duplicate or correction
          r = SpeedFixtures.reading(m, localDate(old), slotOf(old), wh);
        } else if (kind == 2) {
          // Late and out of order: any slot of any day.
          r =
              SpeedFixtures.reading(
                  m, first.plusDays(rnd.nextInt(days)), rnd.nextInt(48), rnd.nextInt(1500));
        } else {
          Quality q = rnd.nextInt(20) == 0 ? Quality.ESTIMATED : Quality.ACTUAL;
          r = SpeedFixtures.reading(m, day, Math.min(47, slot + i), rnd.nextInt(1500), q);
        }
        if (starts.add(r.intervalStart())) {
          rs.add(r);
        }
      }
      history.addAll(rs);
      out.add(new Rec(m, rs));
    }
    return new ReadingStream(out);
  }

  private static LocalDate localDate(Reading r) {
    return LocalDate.ofInstant(r.intervalStart(), SpeedFixtures.PARIS);
  }

  private static int slotOf(Reading r) {
    LocalDate d = localDate(r);
    return new io.gridlens.core.DaySlots(SpeedFixtures.PARIS, d, 30).slotOf(r.intervalStart());
  }

  List<Rec> records() {
    return records;
  }

  /**
   * Sends records {@code from} (inclusive) to {@code to} (exclusive) and waits for their
   * acknowledgements; their readings join {@link #ingested()} at the records' positions.
   */
  void produce(Producer<String, byte[]> producer, String topic, int from, int to) {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (int i = from; i < to; i++) {
      Rec r = records.get(i);
      acks.add(
          producer.send(
              new ProducerRecord<>(topic, r.meter(), SpeedFixtures.record(r.readings()))));
    }
    producer.flush();
    try {
      for (int i = from; i < to; i++) {
        RecordMetadata md = acks.get(i - from).get();
        IngestPosition at = new IngestPosition(md.partition(), md.offset());
        for (Reading r : records.get(i).readings()) {
          ingested.add(r.ingested(at, Instant.ofEpochMilli(md.timestamp())));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("produce failed", e);
    }
  }

  /** Every reading produced so far, at its ingest position. */
  List<Reading> ingested() {
    return ingested;
  }
}
