package io.gridlens.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The topics of the log (DESIGN.md section 4): {@code readings} (key = meter id, so a meter stays
 * in one partition and in order), the compacted reference topics (key = entity id), and {@code
 * deadletter} (rejected records with their reason).
 *
 * @param readings topic of reading batches ({@link io.gridlens.core.codec.ReadingBatchCodec})
 * @param deadLetter topic of rejected records (JSON, {@link DeadLetter})
 * @param meters compacted topic of meters (JSON, key = meter id)
 * @param premises compacted topic of premise versions (JSON, key = premise id + validity start)
 * @param contracts compacted topic of contract versions (JSON, key = meter id + validity start)
 * @param weather compacted topic of a region's weather, one record per region and local month
 *     (JSON, key = region + month, {@code FR-IDF@2026-01})
 * @param carbon compacted topic of a region's carbon intensity: its fixed factor (key = region) and
 *     its hourly figures, one record per UTC month (key = region + month)
 * @param tempo compacted topic of the Tempo day colours (JSON, key = the Tempo day)
 * @param partitions partitions of {@code readings} and {@code deadletter}
 * @param replicationFactor replicas of every topic (1 on the embedded single-node broker)
 */
public record IngestTopics(
    String readings,
    String deadLetter,
    String meters,
    String premises,
    String contracts,
    String weather,
    String carbon,
    String tempo,
    int partitions,
    short replicationFactor) {

  /** Partitions of {@code readings} in embedded mode. */
  public static final int DEFAULT_PARTITIONS = 4;

  public IngestTopics {
    List<String> all =
        java.util.Arrays.asList(
            readings, deadLetter, meters, premises, contracts, weather, carbon, tempo);
    for (String t : all) {
      Objects.requireNonNull(t, "topic name");
      if (!t.matches("[a-zA-Z0-9._-]{1,249}")) {
        throw new IllegalArgumentException(
            "topic name '" + t + "' must be 1..249 of [a-zA-Z0-9._-]");
      }
    }
    if (Set.copyOf(all).size() != all.size()) {
      throw new IllegalArgumentException("topic names must differ, were " + all);
    }
    if (partitions < 1 || partitions > 4096) {
      throw new IllegalArgumentException("partitions must be in 1..4096, was " + partitions);
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException(
          "replicationFactor must be >= 1, was " + replicationFactor);
    }
  }

  /**
   * The topics with the default names of the weather, carbon and Tempo topics ({@code ref.weather},
   * {@code ref.carbon}, {@code ref.tempo}).
   */
  public IngestTopics(
      String readings,
      String deadLetter,
      String meters,
      String premises,
      String contracts,
      int partitions,
      short replicationFactor) {
    this(
        readings,
        deadLetter,
        meters,
        premises,
        contracts,
        "ref.weather",
        "ref.carbon",
        "ref.tempo",
        partitions,
        replicationFactor);
  }

  /** The default names, {@value #DEFAULT_PARTITIONS} partitions, one replica. */
  public static IngestTopics defaults() {
    return withPartitions(DEFAULT_PARTITIONS);
  }

  /** The default names with a partition count, one replica. */
  public static IngestTopics withPartitions(int partitions) {
    return new IngestTopics(
        "readings",
        "deadletter",
        "ref.meters",
        "ref.premises",
        "ref.contracts",
        partitions,
        (short) 1);
  }

  /** The reference topics: meters, premises, contracts, weather, carbon, Tempo. */
  public List<String> referenceTopics() {
    return List.of(meters, premises, contracts, weather, carbon, tempo);
  }

  /**
   * Creates the topics that do not exist yet; existing ones are left as they are.
   *
   * @throws IllegalStateException when the cluster refuses
   */
  public void create(Admin admin) {
    try {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      if (!existing.contains(readings)) {
        missing.add(new NewTopic(readings, partitions, replicationFactor));
      }
      if (!existing.contains(deadLetter)) {
        missing.add(new NewTopic(deadLetter, partitions, replicationFactor));
      }
      for (String ref : referenceTopics()) {
        if (!existing.contains(ref)) {
          missing.add(
              new NewTopic(ref, 1, replicationFactor)
                  .configs(
                      Map.of(
                          TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        }
      }
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get();
        awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topics " + this + ": " + e.getCause(), e);
    }
  }

  /**
   * Waits until every partition of freshly created topics has a leader: a producer that writes
   * before then gets NOT_LEADER_OR_FOLLOWER, and its idempotent retries of the first batch can be
   * refused as out of order, losing that batch (it is reported as failed, not accepted).
   */
  private static void awaitLeaders(Admin admin, List<String> names)
      throws InterruptedException, ExecutionException {
    long deadline = System.nanoTime() + LEADER_WAIT.toNanos();
    while (true) {
      boolean all = true;
      for (TopicDescription d : admin.describeTopics(names).allTopicNames().get().values()) {
        for (TopicPartitionInfo p : d.partitions()) {
          all &= p.leader() != null && !p.leader().isEmpty();
        }
      }
      if (all) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "topics " + names + " still have partitions without a leader after " + LEADER_WAIT);
      }
      Thread.sleep(50);
    }
  }

  private static final java.time.Duration LEADER_WAIT = java.time.Duration.ofSeconds(60);
}
