package io.gridlens.serving;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.gridlens.core.Channel;
import io.gridlens.core.MeterDayKey;
import io.gridlens.core.codec.MeterDayKeyCodec;
import io.gridlens.core.view.BatchVersion;
import io.gridlens.core.view.DayRange;
import io.gridlens.core.view.StoredRow;
import io.gridlens.core.view.SummaryRow;
import io.gridlens.core.view.ViewPointer;
import io.gridlens.core.view.ViewPointerCodec;
import io.gridlens.core.view.ViewStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Pattern;

/**
 * The {@link ViewStore} of the distributed mode: tables of a Cassandra keyspace, schema in {@code
 * cassandra-views.cql} (partition = meter, clustering = version, channel, day).
 *
 * <p>Design note. Bulk loads are prepared inserts sent with {@code executeAsync}, at most {@link
 * #IN_FLIGHT} at a time (a semaphore), never one blocking insert per row. The pointer is one cell
 * written only by lightweight transactions conditioned on the version read before, so concurrent
 * publishers (two batch processes) cannot both win: the loser gets an {@link
 * IllegalStateException}. Reads and writes use LOCAL_QUORUM, so a pointer read after a publish
 * returned sees it.
 *
 * <p>Thread-safe. Closing waits for calls in progress and closes the session if the store owns it.
 */
public final class CassandraViewStore implements ViewStore {

  /** Most bulk-load inserts in flight at once. */
  static final int IN_FLIGHT = 512;

  private static final String REGISTRY_NAME = "views";
  private static final Pattern KEYSPACE = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,47}");
  private static final ConsistencyLevel CL = ConsistencyLevel.LOCAL_QUORUM;

  private final CqlSession session;
  private final boolean ownsSession;
  private final String keyspace;
  private final PreparedStatement insertBatch;
  private final PreparedStatement selectBatch;
  private final PreparedStatement deleteBatchVersion;
  private final PreparedStatement insertSpeed;
  private final PreparedStatement deleteSpeed;
  private final PreparedStatement selectSpeed;
  private final PreparedStatement selectPointer;
  private final PreparedStatement insertPointer;
  private final PreparedStatement updatePointer;
  private final PreparedStatement selectMeters;
  private final PreparedStatement insertSummary;
  private final PreparedStatement selectSummary;
  private final PreparedStatement selectSummaryParts;
  private final PreparedStatement deleteSummaryVersion;

  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private final Object publishLock = new Object();
  private boolean closed;

  private CassandraViewStore(CqlSession session, boolean ownsSession, String keyspace) {
    this.session = session;
    this.ownsSession = ownsSession;
    this.keyspace = keyspace;
    String ks = keyspace + ".";
    insertBatch =
        prepare(
            "INSERT INTO "
                + ks
                + "batch_days (meter, version, channel, day, row) VALUES (?,?,?,?,?)");
    selectBatch =
        prepare(
            "SELECT channel, day, row FROM "
                + ks
                + "batch_days WHERE meter=? AND version=? AND channel=? AND day>=? AND day<=?");
    deleteBatchVersion = prepare("DELETE FROM " + ks + "batch_days WHERE meter=? AND version=?");
    selectMeters = prepare("SELECT DISTINCT meter FROM " + ks + "batch_days");
    insertSummary =
        prepare(
            "INSERT INTO " + ks + "batch_summaries (part, version, key, value) VALUES (?,?,?,?)");
    selectSummary =
        prepare("SELECT key, value FROM " + ks + "batch_summaries WHERE part=? AND version=?");
    selectSummaryParts = prepare("SELECT DISTINCT part FROM " + ks + "batch_summaries");
    deleteSummaryVersion =
        prepare("DELETE FROM " + ks + "batch_summaries WHERE part=? AND version=?");
    insertSpeed =
        prepare("INSERT INTO " + ks + "speed_days (meter, channel, day, row) VALUES (?,?,?,?)");
    deleteSpeed = prepare("DELETE FROM " + ks + "speed_days WHERE meter=? AND channel=? AND day=?");
    selectSpeed =
        prepare(
            "SELECT channel, day, row FROM "
                + ks
                + "speed_days WHERE meter=? AND channel=? AND day>=? AND day<=?");
    selectPointer = prepare("SELECT pointer FROM " + ks + "view_registry WHERE name=?");
    insertPointer =
        prepare(
            "INSERT INTO "
                + ks
                + "view_registry (name, current, pointer) VALUES (?,?,?) IF NOT EXISTS");
    updatePointer =
        prepare(
            "UPDATE " + ks + "view_registry SET current=?, pointer=? WHERE name=? IF current=?");
  }

  /**
   * Opens the store in an existing keyspace, creating its tables when absent.
   *
   * @param session a connected session; the store closes it on {@link #close()} when {@code
   *     ownsSession}
   * @param keyspace the keyspace, which the operator created with the replication they want
   * @throws IllegalArgumentException when the keyspace name is not a plain CQL identifier
   */
  public static CassandraViewStore open(CqlSession session, String keyspace, boolean ownsSession) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(keyspace, "keyspace");
    if (!KEYSPACE.matcher(keyspace).matches()) {
      throw new IllegalArgumentException(
          "keyspace '"
              + keyspace
              + "' is not a plain CQL identifier (a letter, then up to 47 letters, digits or _)");
    }
    for (String cql : schema(keyspace)) {
      session.execute(
          SimpleStatement.newInstance(cql).setTimeout(java.time.Duration.ofSeconds(30)));
    }
    return new CassandraViewStore(session, ownsSession, keyspace);
  }

  /** The CREATE TABLE statements of the schema resource for a keyspace. */
  static List<String> schema(String keyspace) {
    String text;
    try (InputStream in = CassandraViewStore.class.getResourceAsStream("cassandra-views.cql")) {
      if (in == null) {
        throw new IllegalStateException("cassandra-views.cql is missing from the classpath");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StringBuilder noComments = new StringBuilder();
    for (String line : text.split("\n")) {
      int c = line.indexOf("--");
      noComments.append(c >= 0 ? line.substring(0, c) : line).append('\n');
    }
    List<String> out = new ArrayList<>();
    for (String stmt : noComments.toString().split(";\\s*\n")) {
      if (!stmt.isBlank()) {
        out.add(stmt.strip().replace("${keyspace}", keyspace));
      }
    }
    return out;
  }

  /** The keyspace the store's tables are in. */
  public String keyspace() {
    return keyspace;
  }

  @Override
  public long putBatch(long version, Iterable<StoredRow> rows) {
    checkVersion(version);
    Objects.requireNonNull(rows, "rows");
    Lock l = enter();
    try {
      readPointer()
          .filter(p -> p.pins(version))
          .ifPresent(
              p -> {
                throw new IllegalStateException(
                    "batch version "
                        + version
                        + " is published ("
                        + (p.current().number() == version ? "current" : "previous")
                        + "); its rows never change: load a new version instead");
              });
      Semaphore permits = new Semaphore(IN_FLIGHT);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      long n = 0;
      for (StoredRow r : rows) {
        if (failure.get() != null) {
          break;
        }
        MeterDayKey k = MeterDayKeyCodec.decode(r.key());
        BoundStatement s =
            insertBatch
                .bind(
                    k.meterId(),
                    version,
                    channelCode(k.channel()),
                    k.date(),
                    ByteBuffer.wrap(r.value()))
                .setConsistencyLevel(CL);
        permits.acquireUninterruptibly();
        CompletionStage<AsyncResultSet> f = session.executeAsync(s);
        f.whenComplete(
            (rs, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
              permits.release();
            });
        n++;
      }
      permits.acquireUninterruptibly(IN_FLIGHT);
      if (failure.get() != null) {
        throw new IllegalStateException(
            "bulk load of batch version "
                + version
                + " into keyspace "
                + keyspace
                + " failed: "
                + failure.get()
                + "; load the version again",
            failure.get());
      }
      return n;
    } finally {
      l.unlock();
    }
  }

  @Override
  public long putSummaries(long version, Iterable<SummaryRow> rows) {
    checkVersion(version);
    Objects.requireNonNull(rows, "rows");
    Lock l = enter();
    try {
      readPointer()
          .filter(p -> p.pins(version))
          .ifPresent(
              p -> {
                throw new IllegalStateException(
                    "batch version "
                        + version
                        + " is published; its summaries never change: load a new version instead");
              });
      Semaphore permits = new Semaphore(IN_FLIGHT);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      long n = 0;
      for (SummaryRow r : rows) {
        if (failure.get() != null) {
          break;
        }
        permits.acquireUninterruptibly();
        session
            .executeAsync(
                insertSummary
                    .bind(
                        r.partition(),
                        version,
                        ByteBuffer.wrap(r.key()),
                        ByteBuffer.wrap(r.value()))
                    .setConsistencyLevel(CL))
            .whenComplete(
                (rs, e) -> {
                  if (e != null) {
                    failure.compareAndSet(null, e);
                  }
                  permits.release();
                });
        n++;
      }
      permits.acquireUninterruptibly(IN_FLIGHT);
      if (failure.get() != null) {
        throw new IllegalStateException(
            "loading summaries of batch version "
                + version
                + " failed: "
                + failure.get()
                + "; load the version again",
            failure.get());
      }
      return n;
    } finally {
      l.unlock();
    }
  }

  @Override
  public List<SummaryRow> readSummaries(long version, String partition) {
    checkVersion(version);
    Objects.requireNonNull(partition, "partition");
    Lock l = enter();
    try {
      List<SummaryRow> out = new ArrayList<>();
      for (Row r :
          session.execute(selectSummary.bind(partition, version).setConsistencyLevel(CL))) {
        out.add(new SummaryRow(partition, bytes(r.getByteBuffer(0)), bytes(r.getByteBuffer(1))));
      }
      return out;
    } finally {
      l.unlock();
    }
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  @Override
  public void putSpeed(StoredRow row) {
    Objects.requireNonNull(row, "row");
    MeterDayKey k = MeterDayKeyCodec.decode(row.key());
    Lock l = enter();
    try {
      session.execute(
          insertSpeed
              .bind(k.meterId(), channelCode(k.channel()), k.date(), ByteBuffer.wrap(row.value()))
              .setConsistencyLevel(CL));
    } finally {
      l.unlock();
    }
  }

  @Override
  public void deleteSpeed(byte[] key) {
    MeterDayKey k = MeterDayKeyCodec.decode(Objects.requireNonNull(key, "key"));
    Lock l = enter();
    try {
      session.execute(
          deleteSpeed
              .bind(k.meterId(), channelCode(k.channel()), k.date())
              .setConsistencyLevel(CL));
    } finally {
      l.unlock();
    }
  }

  @Override
  public List<StoredRow> readBatch(long version, DayRange range) {
    checkVersion(version);
    Objects.requireNonNull(range, "range");
    Lock l = enter();
    try {
      return rows(
          session.execute(
              selectBatch
                  .bind(
                      range.meterId(),
                      version,
                      channelCode(range.channel()),
                      range.from(),
                      range.to())
                  .setConsistencyLevel(CL)),
          range.meterId());
    } finally {
      l.unlock();
    }
  }

  @Override
  public List<StoredRow> readSpeed(DayRange range) {
    Objects.requireNonNull(range, "range");
    Lock l = enter();
    try {
      return rows(
          session.execute(
              selectSpeed
                  .bind(range.meterId(), channelCode(range.channel()), range.from(), range.to())
                  .setConsistencyLevel(CL)),
          range.meterId());
    } finally {
      l.unlock();
    }
  }

  @Override
  public void publish(BatchVersion version) {
    Objects.requireNonNull(version, "version");
    Lock l = enter();
    try {
      synchronized (publishLock) {
        ViewPointer old = readPointer().orElse(null);
        if (old != null && old.current().number() == version.number()) {
          throw new IllegalArgumentException(
              "batch version " + version.number() + " is already the current one");
        }
        ViewPointer next = new ViewPointer(version, old == null ? null : old.current());
        ByteBuffer bytes = ByteBuffer.wrap(ViewPointerCodec.encode(next));
        BoundStatement s =
            old == null
                ? insertPointer.bind(REGISTRY_NAME, version.number(), bytes)
                : updatePointer.bind(
                    version.number(), bytes, REGISTRY_NAME, old.current().number());
        ResultSet rs =
            session.execute(
                s.setConsistencyLevel(CL).setSerialConsistencyLevel(ConsistencyLevel.SERIAL));
        if (!rs.wasApplied()) {
          throw new IllegalStateException(
              "another process changed the published version of keyspace "
                  + keyspace
                  + " while version "
                  + version.number()
                  + " was being published; read the pointer again and retry");
        }
      }
    } finally {
      l.unlock();
    }
  }

  @Override
  public Optional<ViewPointer> pointer() {
    Lock l = enter();
    try {
      return readPointer();
    } finally {
      l.unlock();
    }
  }

  @Override
  public void dropVersion(long version) {
    checkVersion(version);
    Lock l = enter();
    try {
      synchronized (publishLock) {
        readPointer()
            .filter(p -> p.pins(version))
            .ifPresent(
                p -> {
                  throw new IllegalStateException(
                      "cannot drop batch version "
                          + version
                          + ": it is the "
                          + (p.current().number() == version ? "current" : "previous")
                          + " published version; publish a newer one first");
                });
        Semaphore permits = new Semaphore(IN_FLIGHT);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (Row r : session.execute(selectMeters.bind().setConsistencyLevel(CL))) {
          permits.acquireUninterruptibly();
          session
              .executeAsync(
                  deleteBatchVersion.bind(r.getString(0), version).setConsistencyLevel(CL))
              .whenComplete(
                  (rs, e) -> {
                    if (e != null) {
                      failure.compareAndSet(null, e);
                    }
                    permits.release();
                  });
        }
        for (Row r : session.execute(selectSummaryParts.bind().setConsistencyLevel(CL))) {
          permits.acquireUninterruptibly();
          session
              .executeAsync(
                  deleteSummaryVersion.bind(r.getString(0), version).setConsistencyLevel(CL))
              .whenComplete(
                  (rs, e) -> {
                    if (e != null) {
                      failure.compareAndSet(null, e);
                    }
                    permits.release();
                  });
        }
        permits.acquireUninterruptibly(IN_FLIGHT);
        if (failure.get() != null) {
          throw new IllegalStateException(
              "dropping batch version " + version + " failed: " + failure.get() + "; drop it again",
              failure.get());
        }
      }
    } finally {
      l.unlock();
    }
  }

  @Override
  public void close() {
    ReentrantReadWriteLock.WriteLock w = lifecycle.writeLock();
    w.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (ownsSession) {
        session.close();
      }
    } finally {
      w.unlock();
    }
  }

  @Override
  public String toString() {
    return "CassandraViewStore[" + keyspace + "]";
  }

  private Optional<ViewPointer> readPointer() {
    Row r = session.execute(selectPointer.bind(REGISTRY_NAME).setConsistencyLevel(CL)).one();
    if (r == null || r.isNull(0)) {
      return Optional.empty();
    }
    ByteBuffer b = r.getByteBuffer(0);
    byte[] bytes = new byte[b.remaining()];
    b.duplicate().get(bytes);
    return Optional.of(ViewPointerCodec.decode(bytes));
  }

  private static List<StoredRow> rows(ResultSet rs, String meterId) {
    List<StoredRow> out = new ArrayList<>();
    for (Row r : rs) {
      Channel channel = r.getByte(0) == 0 ? Channel.IMPORT : Channel.EXPORT;
      ByteBuffer b = r.getByteBuffer(2);
      byte[] value = new byte[b.remaining()];
      b.duplicate().get(value);
      out.add(
          new StoredRow(
              MeterDayKeyCodec.encode(new MeterDayKey(meterId, channel, r.getLocalDate(1))),
              value));
    }
    return out;
  }

  private PreparedStatement prepare(String cql) {
    return session.prepare(cql);
  }

  private Lock enter() {
    Lock r = lifecycle.readLock();
    r.lock();
    if (closed) {
      r.unlock();
      throw new IllegalStateException("the view store in keyspace " + keyspace + " is closed");
    }
    return r;
  }

  private static byte channelCode(Channel c) {
    return (byte) (c == Channel.IMPORT ? 0 : 1);
  }

  private static void checkVersion(long version) {
    if (version < 1) {
      throw new IllegalArgumentException("batch version must be >= 1, was " + version);
    }
  }
}
