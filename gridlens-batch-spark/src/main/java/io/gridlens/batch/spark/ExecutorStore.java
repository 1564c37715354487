package io.gridlens.batch.spark;

import io.gridlens.core.view.ViewStore;
import io.gridlens.serving.CassandraViewStore;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the executors reach the view store a batch writes to: what a Spark task carries instead of
 * the store itself. Each executor JVM opens a store once and shares it between its tasks (for the
 * life of the JVM); tasks never close it.
 */
public sealed interface ExecutorStore extends Serializable {

  /** The store of this JVM for these coordinates, opened on first use. */
  ViewStore open();

  /**
   * A store the driver registered in its own JVM: reachable when the executors run in the driver's
   * JVM ({@code local[*]}), as with the embedded RocksDB store.
   *
   * @param id the registration
   */
  record InDriverJvm(String id) implements ExecutorStore {

    private static final Map<String, ViewStore> REGISTERED = new ConcurrentHashMap<>();

    public InDriverJvm {
      Objects.requireNonNull(id, "id");
    }

    /** Registers a store of this JVM until {@link #unregister()}. */
    static InDriverJvm register(ViewStore store) {
      InDriverJvm handle = new InDriverJvm(UUID.randomUUID().toString());
      REGISTERED.put(handle.id, Objects.requireNonNull(store, "store"));
      return handle;
    }

    void unregister() {
      REGISTERED.remove(id);
    }

    @Override
    public ViewStore open() {
      ViewStore s = REGISTERED.get(id);
      if (s == null) {
        throw new IllegalStateException(
            "the batch's view store lives in the driver's JVM, which this executor is not in:"
                + " run the Spark engine on local[*], or give it a store the executors can reach"
                + " (Cassandra)");
      }
      return s;
    }
  }

  /**
   * A Cassandra store every executor connects to itself.
   *
   * @param contactPoints {@code host:port} of one or more nodes
   * @param localDatacenter the driver's local data centre
   * @param keyspace the keyspace of the views
   * @param requestTimeoutMs the driver's request timeout
   */
  record Cassandra(
      List<String> contactPoints, String localDatacenter, String keyspace, int requestTimeoutMs)
      implements ExecutorStore {

    /** The request timeout when none is given: 10 s (the driver's 2 s is short under load). */
    public static final int DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

    private static final Map<Cassandra, ViewStore> OPEN = new ConcurrentHashMap<>();

    public Cassandra {
      contactPoints = List.copyOf(contactPoints);
      if (contactPoints.isEmpty()) {
        throw new IllegalArgumentException("at least one Cassandra contact point is needed");
      }
      for (String p : contactPoints) {
        int colon = p.lastIndexOf(':');
        if (colon < 1 || !p.substring(colon + 1).matches("\\d{1,5}")) {
          throw new IllegalArgumentException(
              "a Cassandra contact point must be host:port, was '" + p + "'");
        }
      }
      Objects.requireNonNull(localDatacenter, "localDatacenter");
      Objects.requireNonNull(keyspace, "keyspace");
      if (requestTimeoutMs < 1) {
        throw new IllegalArgumentException(
            "the Cassandra request timeout must be >= 1 ms, was " + requestTimeoutMs);
      }
    }

    @Override
    public ViewStore open() {
      return OPEN.computeIfAbsent(this, Cassandra::connect);
    }

    private static ViewStore connect(Cassandra c) {
      ViewStore store =
          CassandraViewStore.connect(
              c.contactPoints,
              c.localDatacenter,
              c.keyspace,
              java.time.Duration.ofMillis(c.requestTimeoutMs));
      Runtime.getRuntime().addShutdownHook(new Thread(store::close, "gridlens-store-close"));
      return store;
    }
  }
}
