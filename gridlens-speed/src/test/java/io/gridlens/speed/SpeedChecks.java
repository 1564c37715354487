package io.gridlens.speed;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlens.core.MeterDayKey;
import io.gridlens.core.blend.BlendedDay;
import io.gridlens.core.blend.BlendingQuery;
import io.gridlens.core.view.DayRange;
import io.gridlens.core.view.TypedViewStore;
import io.gridlens.core.view.ViewRow;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** What the integration tests check and wait for. */
final class SpeedChecks {

  private SpeedChecks() {}

  /**
   * The blending invariant: for every meter and day, the blended answer is the batch of all
   * readings — the same cleaned day (values, qualities, flags, raw fold) and the same insights
   * (consumption, time-of-use, cost, carbon); no day more, none less.
   */
  static void assertBlendedEqualsBatchOfAll(
      TypedViewStore views,
      Map<MeterDayKey, ViewRow> batchOfAll,
      Collection<String> meters,
      LocalDate from,
      LocalDate to) {
    BlendingQuery query = new BlendingQuery(views, Clock.systemUTC());
    Map<MeterDayKey, BlendedDay> blended = new HashMap<>();
    for (String m : meters) {
      for (BlendedDay d : query.days(DayRange.imports(m, from, to)).days()) {
        blended.put(d.row().key(), d);
      }
    }
    assertThat(blended.keySet()).as("days answered").isEqualTo(batchOfAll.keySet());
    for (Map.Entry<MeterDayKey, ViewRow> e : batchOfAll.entrySet()) {
      ViewRow actual = blended.get(e.getKey()).row();
      ViewRow expected = e.getValue();
      assertThat(actual.insights().wh())
          .as("consumption of %s", e.getKey())
          .isEqualTo(expected.insights().wh());
      assertThat(actual.insights().touWh())
          .as("time-of-use of %s", e.getKey())
          .isEqualTo(expected.insights().touWh());
      assertThat(actual.insights().energyCostEur())
          .as("cost of %s", e.getKey())
          .isEqualTo(expected.insights().energyCostEur());
      assertThat(actual.insights().co2G())
          .as("carbon of %s", e.getKey())
          .isEqualTo(expected.insights().co2G());
      assertThat(actual.day()).as("cleaned day %s", e.getKey()).isEqualTo(expected.day());
    }
  }

  /** Waits until a condition holds; fails naming what was awaited. */
  static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }

  /** Whether the consumer group of an application has committed every partition's end offset. */
  static boolean caughtUp(Admin admin, String applicationId, String topic, int partitions) {
    try {
      Map<TopicPartition, OffsetSpec> latest =
          java.util.stream.IntStream.range(0, partitions)
              .boxed()
              .collect(
                  Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
      Map<TopicPartition, Long> ends =
          admin.listOffsets(latest).all().get().entrySet().stream()
              .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
      for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
        OffsetAndMetadata c = committed.get(e.getKey());
        long at = c == null ? 0 : c.offset();
        if (at < e.getValue()) {
          return false;
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      return false;
    }
  }

  /** End offsets of a topic's partitions. */
  static Map<Integer, Long> endOffsets(Admin admin, String topic, int partitions) {
    try {
      Map<Integer, Long> ends =
          AdminLogEnds.endOffsets(
              admin, topic, org.apache.kafka.common.IsolationLevel.READ_UNCOMMITTED);
      if (ends.size() != partitions) {
        throw new IllegalStateException(
            topic + " has " + ends.size() + " partitions, expected " + partitions);
      }
      return ends;
    } catch (InterruptedException | ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(e);
    }
  }

  static Set<String> asSet(List<String> l) {
    return Set.copyOf(l);
  }
}
