package io.gridlens.speed;

import io.gridlens.core.Channel;
import io.gridlens.core.Cut;
import io.gridlens.core.DayReadings;
import io.gridlens.core.DaySlots;
import io.gridlens.core.IngestPosition;
import io.gridlens.core.MeterDayKey;
import io.gridlens.core.ValueKind;
import io.gridlens.core.codec.CodecException;
import io.gridlens.core.codec.MeterDayKeyCodec;
import io.gridlens.core.codec.ReadingBatchCodec;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.view.BatchVersion;
import io.gridlens.core.view.SpeedProgress;
import io.gridlens.core.view.TypedViewStore;
import io.gridlens.core.view.ViewPointer;
import io.gridlens.core.view.ViewRow;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The speed layer's processor, one per stream task (one {@code readings} partition): applies each
 * record's readings to the days they touch and writes their speed rows; rebases on every new batch
 * publish.
 *
 * <p>Design note: why the rows stay exact whatever the timing.
 *
 * <ul>
 *   <li>A record below the pinned cut of its partition is skipped: the batch holds it.
 *   <li>A speed row is {@code fold(batch row of version V) + fold(pending readings)}. The batch row
 *       holds every reading below V's cut, the pending readings every processed one at or after the
 *       cut of the last rebase, which is never above V's (cuts only grow). Their union is every
 *       reading of the day processed so far; readings in both count once, because the fold is
 *       idempotent on equal positions ({@link DayReadings}). So it does not matter whether a record
 *       is processed before or after the punctuator has rebased on a newly published cut.
 *   <li>Rebase drops the pending readings below the new cut (the batch holds them), deletes the
 *       speed row of a day left with none, and recomputes the others on the new base (which may
 *       hold readings this task has not reached yet, when the batch ran ahead of the speed layer).
 *       Nothing is ever dropped by age.
 *   <li>The view store is outside Kafka's transaction: after a crash the task restores its state
 *       from the changelog as of the last commit and processes the later records again. The fold's
 *       idempotence makes the rewritten rows equal to those already written; a row in the store
 *       with a higher position than a rewrite is kept ({@link SpeedRows#write}).
 * </ul>
 *
 * <p>Not thread-safe: Kafka Streams calls one task's processor from one thread.
 */
final class SpeedProcessor implements Processor<String, byte[], Void, Void> {

  private static final Logger LOG = LoggerFactory.getLogger(SpeedProcessor.class);

  private final String storeName;
  private final SpeedRows rows;
  private final TypedViewStore views;
  private final Duration rebaseInterval;
  private final Clock clock;
  private final SpeedMetrics metrics;
  private final ReadingBatchCodec.Batch batch = new ReadingBatchCodec.Batch(64);

  private ProcessorContext<Void, Void> context;
  private KeyValueStore<Bytes, byte[]> store;
  private BatchVersion rebasedOn;
  private boolean rebasedOnce;
  // The published version records are applied on: read once, then refreshed by the punctuation
  // (not once a record: on Cassandra that is a query a record). An older version than the store's
  // is harmless, see the design note.
  private BatchVersion pinned;
  private boolean pinnedRead;
  // The progress of this task's partition: the next offset and the (producer) timestamp of the
  // last record applied, reported to the view store by the punctuation.
  private int partition = -1;
  private long nextOffset = -1;
  private long appliedUpToMillis = -1;
  private long reportedOffset = -1;
  private long reportedUpToMillis = -1;
  private final LogEnds ends;

  SpeedProcessor(
      String storeName,
      SpeedRows rows,
      TypedViewStore views,
      Duration rebaseInterval,
      Clock clock,
      SpeedMetrics metrics,
      LogEnds ends) {
    this.ends = ends;
    this.storeName = storeName;
    this.rows = rows;
    this.views = views;
    this.rebaseInterval = rebaseInterval;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    context.schedule(rebaseInterval, PunctuationType.WALL_CLOCK_TIME, now -> punctuate());
  }

  @Override
  public void process(Record<String, byte[]> record) {
    RecordMetadata meta =
        context
            .recordMetadata()
            .orElseThrow(() -> new IllegalStateException("a readings record without metadata"));
    applied(meta, record.timestamp()); // by the time the punctuation reports it, it is
    String meterId = record.key();
    if (meterId == null || record.value() == null) {
      LOG.warn(
          "skipped a readings record without {} at {}@{}",
          meterId == null ? "key" : "value",
          meta.partition(),
          meta.offset());
      return;
    }
    if (!pinnedRead) {
      pinned = views.pointer().map(ViewPointer::current).orElse(null);
      pinnedRead = true;
    }
    Cut cut = pinned == null ? Cut.EMPTY : pinned.cut();
    if (meta.offset() < cut.offset(meta.partition())) {
      metrics.recordBelowCut(record.timestamp());
      return;
    }
    try {
      ReadingBatchCodec.decode(ByteBuffer.wrap(record.value()), batch);
    } catch (CodecException e) {
      LOG.warn(
          "skipped an unreadable readings record at {}@{}: {}",
          meta.partition(),
          meta.offset(),
          e.getMessage());
      return;
    }
    Meter meter = rows.meter(meterId).orElse(null);
    if (meter == null || meter.intervalMinutes() != batch.intervalMinutes()) {
      for (int i = 0; i < batch.size(); i++) {
        metrics.readingRejected();
      }
      LOG.warn(
          "skipped {} readings of {} at {}@{}: {}",
          batch.size(),
          meterId,
          meta.partition(),
          meta.offset(),
          meter == null
              ? "unknown meter"
              : batch.intervalMinutes()
                  + " min readings of a "
                  + meter.intervalMinutes()
                  + " min meter");
      return;
    }
    long position = new IngestPosition(meta.partition(), meta.offset()).packed();
    List<Touched> touched = applyReadings(meterId, meter.zone(), position);
    for (Touched t : touched) {
      store.put(Bytes.wrap(t.keyBytes), t.pending.encode());
      writeRow(t.key, t.slots, t.pending, pinned, record.timestamp());
    }
    metrics.recordProcessed(batch.size(), record.timestamp());
  }

  /**
   * Adds the batch's readings to the pending readings of the days they fall in: loads each touched
   * day's state once, and places a reading by its epoch second alone while it falls in a day
   * already touched (the local date and the day's bounds are worked out once a day, not once a
   * reading: {@link DaySlots#slotOf} recomputes them on every call).
   */
  private List<Touched> applyReadings(String meterId, ZoneId zone, long position) {
    List<Touched> touched = new ArrayList<>(2);
    Channel channel = batch.channel();
    byte kindMark = batch.kind() == ValueKind.REGISTER ? DayReadings.REGISTER : 0;
    long slotSeconds = batch.intervalMinutes() * 60L;
    Touched t = null;
    for (int i = 0; i < batch.size(); i++) {
      long start = batch.startEpochSecond(i);
      if (t == null || !t.holds(start)) {
        t = find(touched, start);
      }
      if (t == null) {
        LocalDate date = DaySlots.localDate(Instant.ofEpochSecond(start), zone);
        MeterDayKey key = new MeterDayKey(meterId, channel, date);
        byte[] keyBytes = MeterDayKeyCodec.encode(key);
        byte[] stored = store.get(Bytes.wrap(keyBytes));
        t =
            new Touched(
                key,
                keyBytes,
                new DaySlots(zone, date, batch.intervalMinutes()),
                stored == null ? new PendingDay() : PendingDay.decode(stored));
        touched.add(t);
      }
      // DaySlots.slotOf on epoch seconds: aligned to a slot boundary within [start, end).
      long d = start - t.startSecond;
      if (d % slotSeconds != 0) {
        metrics.readingRejected();
        continue;
      }
      t.pending.add(
          (int) (d / slotSeconds), batch.wh(i), position, (byte) batch.qualityCode(i), kindMark);
    }
    touched.removeIf(x -> x.pending.isEmpty());
    return touched;
  }

  private static Touched find(List<Touched> touched, long epochSecond) {
    for (Touched t : touched) {
      if (t.holds(epochSecond)) {
        return t;
      }
    }
    return null;
  }

  private void writeRow(
      MeterDayKey key, DaySlots slots, PendingDay pending, BatchVersion pinned, long timestamp) {
    ViewRow row;
    try {
      row = rows.row(key, slots, pending, pinned);
    } catch (IllegalStateException e) {
      LOG.error("no speed row for {}: {}", key, e.getMessage());
      return;
    }
    if (rows.write(row)) {
      metrics.rowWritten(clock.millis() - timestamp);
    }
  }

  /**
   * Notes a record as applied once this call returns (its rows written, or skipped for good): the
   * records of a task's partition come in offset order.
   */
  private void applied(RecordMetadata meta, long timestampMillis) {
    partition = meta.partition();
    nextOffset = meta.offset() + 1;
    appliedUpToMillis = Math.max(appliedUpToMillis, timestampMillis);
  }

  /**
   * The punctuation: reports the partition's progress, then rebases on a newly published cut. A
   * view store that does not answer (a loaded Cassandra node timing out) is retried at the next
   * punctuation instead of failing the stream thread: a rebase is idempotent and is only marked
   * done once complete.
   */
  void punctuate() {
    reportProgress();
    try {
      rebaseIfPublished();
    } catch (RuntimeException e) {
      LOG.warn("task {}: rebase check failed, retrying later: {}", context.taskId(), e.toString());
    }
  }

  /**
   * Tells the view store how far this task's partition is applied (when it moved): every record
   * before the next offset has its rows written, so every reading accepted before the last one's
   * timestamp is in the speed rows or the batch. When the partition's log end, as last read, is not
   * beyond the next offset, every record acknowledged before that read is applied too: the
   * partition is complete up to the read's instant, so an idle partition stays fresh instead of
   * ageing with its last record. Never reported backwards.
   */
  void reportProgress() {
    if (nextOffset < 0) {
      return;
    }
    long upTo = Math.max(appliedUpToMillis, reportedUpToMillis);
    Optional<LogEnds.End> end = ends.end(partition);
    if (end.isPresent() && end.get().offset() <= nextOffset) {
      upTo = Math.max(upTo, end.get().readAt().toEpochMilli());
    }
    if (nextOffset == reportedOffset && upTo == reportedUpToMillis) {
      return;
    }
    try {
      views.putSpeedProgress(new SpeedProgress(partition, nextOffset, Instant.ofEpochMilli(upTo)));
      reportedOffset = nextOffset;
      reportedUpToMillis = upTo;
    } catch (RuntimeException e) {
      LOG.warn("could not report the speed progress of partition {}: {}", partition, e.toString());
    }
  }

  /** Rebases when the published cut changed since the last rebase. */
  void rebaseIfPublished() {
    BatchVersion pinned = views.pointer().map(ViewPointer::current).orElse(null);
    this.pinned = pinned;
    this.pinnedRead = true;
    if (rebasedOnce && Objects.equals(pinned, rebasedOn)) {
      return;
    }
    Cut cut = pinned == null ? Cut.EMPTY : pinned.cut();
    List<KeyValue<Bytes, byte[]>> entries = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
      while (it.hasNext()) {
        entries.add(it.next());
      }
    }
    for (KeyValue<Bytes, byte[]> e : entries) {
      MeterDayKey key = MeterDayKeyCodec.decode(e.key.get());
      PendingDay pending = PendingDay.decode(e.value);
      int dropped = pending.dropBelow(cut);
      if (pending.isEmpty()) {
        store.delete(e.key);
        rows.delete(key);
        metrics.rowDropped();
        continue;
      }
      if (dropped > 0) {
        store.put(e.key, pending.encode());
      }
      Meter meter = rows.meter(key.meterId()).orElse(null);
      if (meter == null) {
        LOG.error("cannot rebase {}: its meter is no longer known", key);
        continue;
      }
      ViewRow row;
      try {
        row =
            rows.row(
                key,
                new DaySlots(meter.zone(), key.date(), meter.intervalMinutes()),
                pending,
                pinned);
      } catch (IllegalStateException ex) {
        LOG.error("no speed row for {}: {}", key, ex.getMessage());
        continue;
      }
      if (rows.write(row)) {
        metrics.rowRewritten();
      }
    }
    rebasedOn = pinned;
    rebasedOnce = true;
    metrics.rebased();
    if (!entries.isEmpty()) {
      LOG.info(
          "task {} rebased {} days on batch version {}",
          context.taskId(),
          entries.size(),
          pinned == null ? "none" : pinned.number());
    }
  }

  /**
   * A day a record touches: its key, slots and bounds in epoch seconds, and its pending readings.
   */
  private static final class Touched {
    final MeterDayKey key;
    final byte[] keyBytes;
    final DaySlots slots;
    final PendingDay pending;
    final long startSecond;
    final long endSecond;

    Touched(MeterDayKey key, byte[] keyBytes, DaySlots slots, PendingDay pending) {
      this.key = key;
      this.keyBytes = keyBytes;
      this.slots = slots;
      this.pending = pending;
      this.startSecond = slots.start().getEpochSecond();
      this.endSecond = slots.end().getEpochSecond();
    }

    boolean holds(long epochSecond) {
      return epochSecond >= startSecond && epochSecond < endSecond;
    }
  }
}
