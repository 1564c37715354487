package io.gridlens.serving;

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
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The {@link ViewStore} of the embedded mode: one RocksDB database under the data directory.
 *
 * <p>Design note. Three column families: {@code batch} keyed by the 8-byte big-endian version
 * followed by the meter-day sort key (so a version is one contiguous key range, dropped with one
 * range delete, and a meter's days are contiguous and in date order within it), {@code speed} keyed
 * by the sort key alone, and {@code meta} holding the {@link ViewPointer} as one value (current and
 * previous together, so one put switches both). A fourth, {@code summary}, holds the summary rows
 * keyed by the version, the partition name in UTF-8, a {@code 0x00} byte and the row key, so a
 * partition of a version is one contiguous range. The speed progress of partition {@code p} is in
 * {@code meta} under {@code "progress"} followed by {@code p} as 4 bytes big-endian, and kept in
 * memory too (RocksDB admits one process per directory, so the copy is exact).
 *
 * <p>Durability: batch rows are bulk-loaded without the write-ahead log (fast, and a crash loses
 * only an unpublished version, which its batch run loads again); {@link #publish} flushes the
 * {@code batch} column family to disk before it writes the pointer with a synced write, so a
 * published pointer never names rows that a crash could lose. Speed rows go through the WAL
 * (unsynced: the speed layer replays its changelog after a crash).
 *
 * <p>Thread-safe. Reads and writes run concurrently; publishes are serialized; {@link #close()}
 * waits for calls in progress (RocksDB handles must not be closed under a running native call).
 */
public final class RocksDbViewStore implements ViewStore {

  static final String BATCH = "batch";
  static final String SPEED = "speed";
  static final String META = "meta";
  static final String SUMMARY = "summary";

  private static final byte[] POINTER_KEY = "pointer".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PROGRESS_PREFIX = "progress".getBytes(StandardCharsets.US_ASCII);

  /** Rows per write batch in bulk loads (about 350 KB of typical rows). */
  static final int BULK_BATCH_ROWS = 1000;

  static {
    RocksDB.loadLibrary();
  }

  private final Path dir;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions cfOptions;
  private final LRUCache cache;
  private final List<ColumnFamilyHandle> handles;
  private final RocksDB db;
  private final ColumnFamilyHandle batch;
  private final ColumnFamilyHandle speed;
  private final ColumnFamilyHandle meta;
  private final ColumnFamilyHandle summary;
  private final WriteOptions bulkWrite;
  private final WriteOptions speedWrite;
  private final WriteOptions syncWrite;

  private final StoreGuard guard;
  private final Object publishLock = new Object();
  private volatile ViewPointer pointer;
  private final Object progressLock = new Object();
  private volatile List<SpeedProgress> progress;

  private RocksDbViewStore(Path dir) throws RocksDBException {
    this.dir = dir;
    this.guard = new StoreGuard("the view store in " + dir);
    this.cache = new LRUCache(64L << 20);
    this.dbOptions =
        new DBOptions()
            .setCreateIfMissing(true)
            .setCreateMissingColumnFamilies(true)
            .setMaxBackgroundJobs(2);
    this.cfOptions =
        new ColumnFamilyOptions()
            .setCompressionType(CompressionType.LZ4_COMPRESSION)
            .setTableFormatConfig(
                new BlockBasedTableConfig().setBlockCache(cache).setBlockSize(16 * 1024));
    List<ColumnFamilyDescriptor> descriptors =
        List.of(
            new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions),
            new ColumnFamilyDescriptor(BATCH.getBytes(StandardCharsets.US_ASCII), cfOptions),
            new ColumnFamilyDescriptor(SPEED.getBytes(StandardCharsets.US_ASCII), cfOptions),
            new ColumnFamilyDescriptor(META.getBytes(StandardCharsets.US_ASCII), cfOptions),
            new ColumnFamilyDescriptor(SUMMARY.getBytes(StandardCharsets.US_ASCII), cfOptions));
    this.handles = new ArrayList<>();
    RocksDB opened;
    try {
      opened = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
    } catch (RocksDBException e) {
      cfOptions.close();
      dbOptions.close();
      cache.close();
      throw e;
    }
    this.db = opened;
    this.batch = handles.get(1);
    this.speed = handles.get(2);
    this.meta = handles.get(3);
    this.summary = handles.get(4);
    this.bulkWrite = new WriteOptions().setDisableWAL(true);
    this.speedWrite = new WriteOptions();
    this.syncWrite = new WriteOptions().setSync(true);
    byte[] p = db.get(meta, POINTER_KEY);
    this.pointer = p == null ? null : ViewPointerCodec.decode(p);
    this.progress = readProgress();
  }

  private List<SpeedProgress> readProgress() {
    List<SpeedProgress> out = new ArrayList<>();
    try (RocksIterator it = db.newIterator(meta)) {
      for (it.seek(PROGRESS_PREFIX);
          it.isValid() && startsWith(it.key(), PROGRESS_PREFIX);
          it.next()) {
        out.add(SpeedProgressCodec.decode(it.value()));
      }
    }
    return List.copyOf(out);
  }

  /**
   * Opens (creating if needed) the store kept in a directory.
   *
   * @param dir the store's own directory, e.g. {@code <data dir>/views}; created when absent
   * @throws UncheckedIOException when the directory cannot be created or RocksDB cannot open it
   *     (another process holding it, a corrupt database); the message names the directory
   */
  public static RocksDbViewStore open(Path dir) {
    Objects.requireNonNull(dir, "dir");
    try {
      Files.createDirectories(dir);
      return new RocksDbViewStore(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the view store directory " + dir, e);
    } catch (RocksDBException e) {
      throw new UncheckedIOException(
          new IOException(
              "cannot open the RocksDB view store in "
                  + dir
                  + ": "
                  + e.getMessage()
                  + " (is another Gridlens process using this data directory?)",
              e));
    }
  }

  /** The directory the store lives in. */
  public Path directory() {
    return dir;
  }

  @Override
  public long putBatch(long version, Iterable<StoredRow> rows) {
    StoreGuard.checkVersion(version);
    Objects.requireNonNull(rows, "rows");
    byte[] prefix = versionPrefix(version);
    return bulkLoad(
        version,
        "load batch version " + version,
        batch,
        rows,
        r -> concat(prefix, r.key()),
        StoredRow::value);
  }

  @Override
  public long putSummaries(long version, Iterable<SummaryRow> rows) {
    StoreGuard.checkVersion(version);
    Objects.requireNonNull(rows, "rows");
    return bulkLoad(
        version,
        "load summaries of batch version " + version,
        summary,
        rows,
        r -> concat(summaryPrefix(version, r.partition()), r.key()),
        SummaryRow::value);
  }

  /** Writes rows of an unpublished version in write batches of {@link #BULK_BATCH_ROWS}, no WAL. */
  private <T> long bulkLoad(
      long version,
      String what,
      ColumnFamilyHandle cf,
      Iterable<T> rows,
      Function<T, byte[]> key,
      Function<T, byte[]> value) {
    Lock l = guard.enter();
    try (WriteBatch wb = new WriteBatch()) {
      StoreGuard.checkUnpublished(pointer, version);
      long n = 0;
      int inBatch = 0;
      for (T r : rows) {
        wb.put(cf, key.apply(r), value.apply(r));
        n++;
        if (++inBatch == BULK_BATCH_ROWS) {
          db.write(bulkWrite, wb);
          wb.clear();
          inBatch = 0;
        }
      }
      if (inBatch > 0) {
        db.write(bulkWrite, wb);
      }
      return n;
    } catch (RocksDBException e) {
      throw failure(what, e);
    } finally {
      l.unlock();
    }
  }

  @Override
  public List<SummaryRow> readSummaries(long version, String partition) {
    StoreGuard.checkVersion(version);
    Objects.requireNonNull(partition, "partition");
    byte[] prefix = summaryPrefix(version, partition);
    Lock l = guard.enter();
    try (RocksIterator it = db.newIterator(summary)) {
      List<SummaryRow> out = new ArrayList<>();
      for (it.seek(prefix); it.isValid(); it.next()) {
        byte[] k = it.key();
        if (!startsWith(k, prefix)) {
          break;
        }
        if (k.length == prefix.length) {
          continue;
        }
        out.add(
            new SummaryRow(partition, Arrays.copyOfRange(k, prefix.length, k.length), it.value()));
      }
      try {
        it.status();
      } catch (RocksDBException e) {
        throw failure("read summaries " + partition, e);
      }
      return out;
    } finally {
      l.unlock();
    }
  }

  private static byte[] summaryPrefix(long version, String partition) {
    byte[] name = partition.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(Long.BYTES + name.length + 1)
        .putLong(version)
        .put(name)
        .put((byte) 0)
        .array();
  }

  @Override
  public void putSpeed(StoredRow row) {
    Objects.requireNonNull(row, "row");
    Lock l = guard.enter();
    try {
      db.put(speed, speedWrite, row.key(), row.value());
    } catch (RocksDBException e) {
      throw failure("write a speed row", e);
    } finally {
      l.unlock();
    }
  }

  @Override
  public void deleteSpeed(byte[] key) {
    Objects.requireNonNull(key, "key");
    Lock l = guard.enter();
    try {
      db.delete(speed, speedWrite, key);
    } catch (RocksDBException e) {
      throw failure("delete a speed row", e);
    } finally {
      l.unlock();
    }
  }

  @Override
  public List<StoredRow> readBatch(long version, DayRange range) {
    StoreGuard.checkVersion(version);
    byte[] prefix = versionPrefix(version);
    return scan(batch, prefix, range);
  }

  @Override
  public List<StoredRow> readSpeed(DayRange range) {
    return scan(speed, new byte[0], range);
  }

  private List<StoredRow> scan(ColumnFamilyHandle cf, byte[] prefix, DayRange range) {
    Objects.requireNonNull(range, "range");
    byte[] first = concat(prefix, range.firstKey());
    byte[] last = concat(prefix, range.lastKey());
    Lock l = guard.enter();
    try (RocksIterator it = db.newIterator(cf)) {
      List<StoredRow> out = new ArrayList<>((int) Math.min(range.days(), 1024));
      for (it.seek(first); it.isValid(); it.next()) {
        byte[] k = it.key();
        if (Arrays.compareUnsigned(k, last) > 0) {
          break;
        }
        out.add(new StoredRow(Arrays.copyOfRange(k, prefix.length, k.length), it.value()));
      }
      try {
        it.status();
      } catch (RocksDBException e) {
        throw failure("read " + range, e);
      }
      return out;
    } finally {
      l.unlock();
    }
  }

  @Override
  public void publish(BatchVersion version) {
    Objects.requireNonNull(version, "version");
    Lock l = guard.enter();
    try {
      synchronized (publishLock) {
        ViewPointer old = pointer;
        if (old != null && old.current().number() == version.number()) {
          throw new IllegalArgumentException(
              "batch version " + version.number() + " is already the current one");
        }
        ViewPointer next = new ViewPointer(version, old == null ? null : old.current());
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true);
            WriteBatch wb = new WriteBatch()) {
          // The rows were loaded without the WAL: make them durable before anything names them.
          db.flush(flush, batch);
          db.flush(flush, summary);
          wb.put(meta, POINTER_KEY, ViewPointerCodec.encode(next));
          db.write(syncWrite, wb);
        } catch (RocksDBException e) {
          throw failure("publish batch version " + version.number(), e);
        }
        pointer = next;
      }
    } finally {
      l.unlock();
    }
  }

  @Override
  public Optional<ViewPointer> pointer() {
    return guard.call(() -> Optional.ofNullable(pointer));
  }

  @Override
  public void dropVersion(long version) {
    StoreGuard.checkVersion(version);
    Lock l = guard.enter();
    try {
      synchronized (publishLock) {
        StoreGuard.checkDroppable(pointer, version);
        db.deleteRange(batch, syncWrite, versionPrefix(version), versionPrefix(version + 1));
        db.deleteRange(summary, syncWrite, versionPrefix(version), versionPrefix(version + 1));
      }
    } catch (RocksDBException e) {
      throw failure("drop batch version " + version, e);
    } finally {
      l.unlock();
    }
  }

  @Override
  public void putSpeedProgress(SpeedProgress p) {
    Objects.requireNonNull(p, "progress");
    byte[] key =
        ByteBuffer.allocate(PROGRESS_PREFIX.length + Integer.BYTES)
            .put(PROGRESS_PREFIX)
            .putInt(p.partition())
            .array();
    Lock l = guard.enter();
    try {
      synchronized (progressLock) {
        db.put(meta, speedWrite, key, SpeedProgressCodec.encode(p));
        TreeMap<Integer, SpeedProgress> next = new TreeMap<>();
        for (SpeedProgress old : progress) {
          next.put(old.partition(), old);
        }
        next.put(p.partition(), p);
        progress = List.copyOf(next.values());
      }
    } catch (RocksDBException e) {
      throw failure("write the speed progress of partition " + p.partition(), e);
    } finally {
      l.unlock();
    }
  }

  @Override
  public List<SpeedProgress> speedProgress() {
    return guard.call(() -> progress);
  }

  @Override
  public void close() {
    guard.close(
        () -> {
          try {
            db.syncWal();
          } catch (RocksDBException e) {
            // Closing anyway: unsynced speed rows are replayed by the speed layer.
          }
          bulkWrite.close();
          speedWrite.close();
          syncWrite.close();
          for (ColumnFamilyHandle h : handles) {
            h.close();
          }
          db.close();
          cfOptions.close();
          dbOptions.close();
          cache.close();
        });
  }

  @Override
  public String toString() {
    return "RocksDbViewStore[" + dir + "]";
  }

  private static byte[] versionPrefix(long version) {
    return ByteBuffer.allocate(Long.BYTES).putLong(version).array();
  }

  private static boolean startsWith(byte[] k, byte[] prefix) {
    return k.length >= prefix.length
        && Arrays.compareUnsigned(k, 0, prefix.length, prefix, 0, prefix.length) == 0;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private UncheckedIOException failure(String what, RocksDBException e) {
    return new UncheckedIOException(
        new IOException(
            "RocksDB view store in " + dir + " failed to " + what + ": " + e.getMessage(), e));
  }
}
