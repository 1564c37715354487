package io.gridlens.speed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link LogEnds} of a topic, read with an admin client on a daemon thread every {@code
 * period}: the last stable offset of each partition (what a read-committed consumer can reach),
 * stamped with the clock just before the request. A failed read keeps the previous ends (they only
 * get older, so what they let a processor claim stays true).
 */
public final class AdminLogEnds implements LogEnds, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AdminLogEnds.class);

  private final String topic;
  private final Admin admin;
  private final Clock clock;
  private final Map<Integer, End> ends = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean closed;

  private AdminLogEnds(String topic, Admin admin, Clock clock, Duration period) {
    this.topic = topic;
    this.admin = admin;
    this.clock = clock;
    this.thread = new Thread(() -> loop(period), "gridlens-speed-log-ends");
    this.thread.setDaemon(true);
  }

  /** Starts reading the ends of {@code topic} on the cluster of {@code bootstrapServers}. */
  static AdminLogEnds start(String bootstrapServers, String topic, Clock clock, Duration period) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "gridlens-speed-log-ends");
    AdminLogEnds e = new AdminLogEnds(topic, Admin.create(p), clock, period);
    e.thread.start();
    return e;
  }

  @Override
  public Optional<End> end(int partition) {
    return Optional.ofNullable(ends.get(partition));
  }

  private void loop(Duration period) {
    while (!closed) {
      try {
        refresh();
      } catch (RuntimeException | ExecutionException e) {
        LOG.debug("could not read the ends of {}: {}", topic, e.toString());
      } catch (TimeoutException e) {
        LOG.debug("reading the ends of {} timed out", topic);
      } catch (InterruptedException e) {
        return;
      }
      try {
        Thread.sleep(period.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void refresh() throws InterruptedException, ExecutionException, TimeoutException {
    Instant readAt = clock.instant();
    endOffsets(admin, topic, IsolationLevel.READ_COMMITTED)
        .forEach((partition, offset) -> ends.put(partition, new End(offset, readAt)));
  }

  /**
   * The end offset of each partition of a topic, as a consumer of that isolation level reaches it
   * (read committed: the last stable offset).
   *
   * @throws ExecutionException when the cluster refuses (e.g. no such topic)
   * @throws TimeoutException when it does not answer within 5 s per request
   */
  public static Map<Integer, Long> endOffsets(Admin admin, String topic, IsolationLevel isolation)
      throws InterruptedException, ExecutionException, TimeoutException {
    TopicDescription d =
        admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic);
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    d.partitions()
        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
    Map<Integer, Long> out = new HashMap<>();
    admin
        .listOffsets(latest, new ListOffsetsOptions(isolation))
        .all()
        .get(5, TimeUnit.SECONDS)
        .forEach((tp, info) -> out.put(tp.partition(), info.offset()));
    return out;
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    admin.close(Duration.ofSeconds(5));
  }
}
