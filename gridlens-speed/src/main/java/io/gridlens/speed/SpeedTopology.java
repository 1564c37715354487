package io.gridlens.speed;

import io.gridlens.core.reference.ReferenceData;
import io.gridlens.core.vee.VeeConfig;
import io.gridlens.core.view.TypedViewStore;
import io.gridlens.core.view.ViewStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The speed layer's Kafka Streams topology: {@code readings} into one processor that keeps, per
 * meter-day, the readings at or after the batch cut in a persistent, changelogged key-value store
 * (RocksDB, key = the {@link io.gridlens.core.codec.MeterDayKeyCodec sort key}), and writes speed
 * rows to the view store.
 *
 * <p>Nothing is sent downstream: the view store is the output. Run it with {@code
 * processing.guarantee=exactly_once_v2} ({@link SpeedLayer} does), so the state and the consumed
 * offsets move together.
 */
public final class SpeedTopology {

  /**
   * Name of the state store of pending readings (its changelog is {@code <app
   * id>-<name>-changelog}).
   */
  public static final String STORE = "speed-pending";

  static final String SOURCE = "readings";
  static final String PROCESSOR = "speed";

  private SpeedTopology() {}

  /**
   * The topology.
   *
   * @param readingsTopic the {@code readings} topic
   * @param reference meters, premises, contracts, tariffs, carbon: the {@link
   *     io.gridlens.core.DayContext} of each day
   * @param views where speed rows are written and the batch pointer and rows are read; not closed
   *     by the topology
   * @param vee the VEE thresholds, the batch's own
   * @param rebaseInterval how often each task looks for a newly published batch (wall-clock)
   * @param clock the wall clock freshness is measured with
   * @param metrics where counts and freshness go
   * @param ends how far the readings log reaches: an idle partition is complete up to the last read
   *     of its end (see {@link SpeedProcessor#reportProgress()}); {@link LogEnds#NONE} keeps it at
   *     its last record
   */
  public static Topology build(
      String readingsTopic,
      ReferenceData reference,
      ViewStore views,
      VeeConfig vee,
      Duration rebaseInterval,
      Clock clock,
      SpeedMetrics metrics,
      LogEnds ends) {
    Objects.requireNonNull(ends, "ends");
    Objects.requireNonNull(readingsTopic, "readingsTopic");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(metrics, "metrics");
    if (rebaseInterval == null || rebaseInterval.isNegative() || rebaseInterval.isZero()) {
      throw new IllegalArgumentException(
          "rebaseInterval must be positive (e.g. PT1S), was " + rebaseInterval);
    }
    TypedViewStore typed = new TypedViewStore(Objects.requireNonNull(views, "views"));
    SpeedRows rows = new SpeedRows(typed, reference, vee);
    Topology t = new Topology();
    t.addSource(
        SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), readingsTopic);
    t.addProcessor(
        PROCESSOR,
        () -> new SpeedProcessor(STORE, rows, typed, rebaseInterval, clock, metrics, ends),
        SOURCE);
    t.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE), Serdes.Bytes(), Serdes.ByteArray())
            // No record cache: each record touches a day no other record of the same commit
            // interval touches (a meter sends a day's readings minutes apart), so the cache
            // would not merge writes, only hold them back and send them all at the commit,
            // which then blocks the stream thread until the broker acknowledged them.
            .withCachingDisabled()
            .withLoggingEnabled(java.util.Map.of()),
        PROCESSOR);
    return t;
  }
}
