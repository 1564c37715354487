package io.gridlens.serving;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.gridlens.core.Channel;
import io.gridlens.core.MeterDayKey;
import io.gridlens.core.codec.MeterDayKeyCodec;
import io.gridlens.core.view.BatchVersion;
import io.gridlens.core.view.DayRange;
import io.gridlens.core.view.SpeedProgress;
import io.gridlens.core.view.SpeedProgressCodec;
import io.gridlens.core.view.StoredRow;
import io.gridlens.core.view.SummaryRow;
import io.gridlens.core.view.ViewPointer;
import io.gridlens.core.view.ViewPointerCodec;
import io.gridlens.core.view.ViewStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import java.util.regex.Pattern;

/**
 * The {@link ViewStore} of the distributed mode: tables of a Cassandra keyspace, schema in {@code
 * cassandra-views.cql} (partition = meter, clustering = version, channel, day).
 *
 * <p>Design note. Bulk loads are prepared inserts sent with {@code executeAsync}, at most {@link
 * #IN_FLIGHT} requests at a time (a semaphore), never one blocking insert per row; consecutive rows
 * of one meter travel in one unlogged batch (one partition, so one mutation on one replica set) of
 * at most {@link #GROUP_ROWS} rows and about {@link #GROUP_BYTES} bytes. The pointer is one cell
 * written only by lightweight transactions conditioned on the version read before, so concurrent
 * publishers (two batch processes) cannot both win: the loser gets an {@link
 * IllegalStateException}. Reads and writes use LOCAL_QUORUM, so a pointer read after a publish
 * returned sees it.
 *
 * <p>Thread-safe. Closing waits for calls in progress and closes the session if the store owns it.
 */
public final class CassandraViewStore implements ViewStore {

  /** Most bulk-load requests in flight at once. */
  static final int IN_FLIGHT = 64;

  /** Most rows of one meter in one unlogged batch of a bulk load. */
  static final int GROUP_ROWS = 64;

  /** Row bytes after which a bulk-load batch is sent (Cassandra warns above 5 KiB by default). */
  static final int GROUP_BYTES = 16 * 1024;

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
  private final PreparedStatement insertProgress;
  private final PreparedStatement selectProgress;

  private final StoreGuard guard;
  private final Object publishLock = new Object();

  private CassandraViewStore(CqlSession session, boolean ownsSession, String keyspace) {
    this.session = session;
    this.ownsSession = ownsSession;
    this.keyspace = keyspace;
    this.guard = new StoreGuard("the view store in keyspace " + keyspace);
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
    insertProgress =
        prepare("INSERT INTO " + ks + "speed_progress (name, part, progress) VALUES (?,?,?)");
    selectProgress = prepare("SELECT progress FROM " + ks + "speed_progress WHERE name=?");
  }

  /**
   * Connects to a cluster and opens the store in an existing keyspace (see {@link #open}); the
   * store owns the session.
   *
   * @param contactPoints {@code host:port} of one or more nodes
   * @param localDatacenter the driver's local data centre
   * @param requestTimeout the driver's request timeout (its default, 2 s, is short for a loaded
   *     node)
   * @throws IllegalArgumentException when a contact point is not {@code host:port}
   */
  public static CassandraViewStore connect(
      List<String> contactPoints,
      String localDatacenter,
      String keyspace,
      java.time.Duration requestTimeout) {
    if (contactPoints.isEmpty()) {
      throw new IllegalArgumentException("at least one Cassandra contact point is needed");
    }
    var builder =
        CqlSession.builder()
            .withLocalDatacenter(Objects.requireNonNull(localDatacenter, "localDatacenter"))
            .withConfigLoader(
                DriverConfigLoader.programmaticBuilder()
                    .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, requestTimeout)
                    .build());
    for (String point : contactPoints) {
      int colon = point.lastIndexOf(':');
      if (colon < 1 || !point.substring(colon + 1).matches("\\d{1,5}")) {
        throw new IllegalArgumentException(
            "a Cassandra contact point must be host:port, was '" + point + "'");
      }
      builder.addContactPoint(
          new InetSocketAddress(
              point.substring(0, colon), Integer.parseInt(point.substring(colon + 1))));
    }
    return open(builder.build(), keyspace, true);
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
    StoreGuard.checkVersion(version);
    Objects.requireNonNull(rows, "rows");
    Lock l = guard.enter();
    try {
      StoreGuard.checkUnpublished(readPointer().orElse(null), version);
      AsyncWrites writes = new AsyncWrites();
      BatchStatementBuilder group = null;
      String groupMeter = null;
      int groupRows = 0;
      int groupBytes = 0;
      long n = 0;
      for (StoredRow r : rows) {
        if (writes.failed()) {
          break;
        }
        MeterDayKey k = MeterDayKeyCodec.decode(r.key());
        if (group != null
            && (!k.meterId().equals(groupMeter)
                || groupRows == GROUP_ROWS
                || groupBytes >= GROUP_BYTES)) {
          writes.send(group.build());
          group = null;
        }
        if (group == null) {
          group = BatchStatement.builder(DefaultBatchType.UNLOGGED);
          groupMeter = k.meterId();
          groupRows = 0;
          groupBytes = 0;
        }
        group.addStatement(
            insertBatch.bind(
                k.meterId(),
                version,
                channelCode(k.channel()),
                k.date(),
                ByteBuffer.wrap(r.value())));
        groupRows++;
        groupBytes += r.value().length;
        n++;
      }
      if (group != null && !writes.failed()) {
        writes.send(group.build());
      }
      writes.finish("bulk load of batch version " + version, "load the version again");
      return n;
    } finally {
      l.unlock();
    }
  }

  @Override
  public long putSummaries(long version, Iterable<SummaryRow> rows) {
    StoreGuard.checkVersion(version);
    Objects.requireNonNull(rows, "rows");
    Lock l = guard.enter();
    try {
      StoreGuard.checkUnpublished(readPointer().orElse(null), version);
      AsyncWrites writes = new AsyncWrites();
      long n = 0;
      for (SummaryRow r : rows) {
        if (writes.failed()) {
          break;
        }
        writes.send(
            insertSummary.bind(
                r.partition(), version, ByteBuffer.wrap(r.key()), ByteBuffer.wrap(r.value())));
        n++;
      }
      writes.finish("loading summaries of batch version " + version, "load the version again");
      return n;
    } finally {
      l.unlock();
    }
  }

  @Override
  public List<SummaryRow> readSummaries(long version, String partition) {
    StoreGuard.checkVersion(version);
    Objects.requireNonNull(partition, "partition");
    return guard.call(
        () -> {
          List<SummaryRow> out = new ArrayList<>();
          for (Row r :
              session.execute(selectSummary.bind(partition, version).setConsistencyLevel(CL))) {
            out.add(
                new SummaryRow(
                    partition,
                    StoreGuard.bytes(r.getByteBuffer(0)),
                    StoreGuard.bytes(r.getByteBuffer(1))));
          }
          return out;
        });
  }

  @Override
  public void putSpeed(StoredRow row) {
    Objects.requireNonNull(row, "row");
    MeterDayKey k = MeterDayKeyCodec.decode(row.key());
    write(
        insertSpeed.bind(
            k.meterId(), channelCode(k.channel()), k.date(), ByteBuffer.wrap(row.value())));
  }

  @Override
  public void deleteSpeed(byte[] key) {
    MeterDayKey k = MeterDayKeyCodec.decode(Objects.requireNonNull(key, "key"));
    write(deleteSpeed.bind(k.meterId(), channelCode(k.channel()), k.date()));
  }

  @Override
  public List<StoredRow> readBatch(long version, DayRange range) {
    StoreGuard.checkVersion(version);
    Objects.requireNonNull(range, "range");
    return read(
        selectBatch.bind(
            range.meterId(), version, channelCode(range.channel()), range.from(), range.to()),
        range.meterId());
  }

  @Override
  public List<StoredRow> readSpeed(DayRange range) {
    Objects.requireNonNull(range, "range");
    return read(
        selectSpeed.bind(range.meterId(), channelCode(range.channel()), range.from(), range.to()),
        range.meterId());
  }

  private void write(BoundStatement s) {
    guard.run(() -> session.execute(s.setConsistencyLevel(CL)));
  }

  /** The rows of a day-range select of one meter (columns channel, day, row). */
  private List<StoredRow> read(BoundStatement s, String meterId) {
    return guard.call(() -> rows(session.execute(s.setConsistencyLevel(CL)), meterId));
  }

  @Override
  public void publish(BatchVersion version) {
    Objects.requireNonNull(version, "version");
    Lock l = guard.enter();
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
    return guard.call(this::readPointer);
  }

  @Override
  public void dropVersion(long version) {
    StoreGuard.checkVersion(version);
    Lock l = guard.enter();
    try {
      synchronized (publishLock) {
        StoreGuard.checkDroppable(readPointer().orElse(null), version);
        AsyncWrites writes = new AsyncWrites();
        for (Row r : session.execute(selectMeters.bind().setConsistencyLevel(CL))) {
          writes.send(deleteBatchVersion.bind(r.getString(0), version));
        }
        for (Row r : session.execute(selectSummaryParts.bind().setConsistencyLevel(CL))) {
          writes.send(deleteSummaryVersion.bind(r.getString(0), version));
        }
        writes.finish("dropping batch version " + version, "drop it again");
      }
    } finally {
      l.unlock();
    }
  }

  @Override
  public void putSpeedProgress(SpeedProgress p) {
    Objects.requireNonNull(p, "progress");
    ByteBuffer value = ByteBuffer.wrap(SpeedProgressCodec.encode(p));
    guard.run(
        () ->
            session.execute(
                insertProgress.bind(REGISTRY_NAME, p.partition(), value).setConsistencyLevel(CL)));
  }

  @Override
  public List<SpeedProgress> speedProgress() {
    return guard.call(
        () -> {
          List<SpeedProgress> out = new ArrayList<>();
          for (Row r :
              session.execute(selectProgress.bind(REGISTRY_NAME).setConsistencyLevel(CL))) {
            out.add(SpeedProgressCodec.decode(StoreGuard.bytes(r.getByteBuffer(0))));
          }
          return out;
        });
  }

  @Override
  public void close() {
    guard.close(
        () -> {
          if (ownsSession) {
            session.close();
          }
        });
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
    return Optional.of(ViewPointerCodec.decode(StoreGuard.bytes(r.getByteBuffer(0))));
  }

  private static List<StoredRow> rows(ResultSet rs, String meterId) {
    List<StoredRow> out = new ArrayList<>();
    for (Row r : rs) {
      Channel channel = r.getByte(0) == 0 ? Channel.IMPORT : Channel.EXPORT;
      out.add(
          new StoredRow(
              MeterDayKeyCodec.encode(new MeterDayKey(meterId, channel, r.getLocalDate(1))),
              StoreGuard.bytes(r.getByteBuffer(2))));
    }
    return out;
  }

  private PreparedStatement prepare(String cql) {
    return session.prepare(cql);
  }

  private static byte channelCode(Channel c) {
    return (byte) (c == Channel.IMPORT ? 0 : 1);
  }

  /**
   * Asynchronous writes of one bulk operation: at most {@link #IN_FLIGHT} requests in flight; the
   * first failure is kept and stops the caller at its next {@link #failed()} check.
   */
  private final class AsyncWrites {
    private final Semaphore permits = new Semaphore(IN_FLIGHT);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    boolean failed() {
      return failure.get() != null;
    }

    void send(Statement<?> s) {
      permits.acquireUninterruptibly();
      session
          .executeAsync(s.setConsistencyLevel(CL))
          .whenComplete(
              (rs, e) -> {
                if (e != null) {
                  failure.compareAndSet(null, e);
                }
                permits.release();
              });
    }

    /** Waits for every write sent; throws when one failed, saying what and how to recover. */
    void finish(String what, String remedy) {
      permits.acquireUninterruptibly(IN_FLIGHT);
      Throwable f = failure.get();
      if (f != null) {
        throw new IllegalStateException(
            what + " in keyspace " + keyspace + " failed: " + f + "; " + remedy, f);
      }
    }
  }
}
