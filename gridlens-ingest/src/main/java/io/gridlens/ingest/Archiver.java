package io.gridlens.ingest;

import io.gridlens.core.Cut;
import io.gridlens.core.codec.ReadingBatchCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Copies the {@code readings} topic into the immutable Parquet files of the {@link MasterDataset},
 * exactly once.
 *
 * <p>Design note: exactly once without transactions. The archiver owns every partition of {@code
 * readings} (manual assignment, no consumer group). On start it deletes the temp files a crash left
 * behind and seeks each partition to the offset after the highest offset in the file names; then it
 * buffers each partition's records and writes a buffer as one file: rows sorted by meter and time,
 * written by DuckDB under a temp name from columns appended in bulk ({@link PendingFile}), forced
 * to disk, renamed atomically, directory forced. A crash before the rename leaves only a temp file
 * (deleted on restart, its records read again); a crash after it leaves a complete file whose
 * offsets are skipped on restart. So every offset is in exactly one complete file, and no reader
 * ever sees a partial one (readers list {@code *.parquet} names only). One archiver per dataset: a
 * lock file enforces it.
 *
 * <p>A buffer is written when it holds {@link Options#maxFileReadings()} readings, when the next
 * record has another ingest date (files never straddle dates), when it is older than {@link
 * Options#maxFileAge()}, and when the archiver has caught up with the log (so the archived cut
 * follows the log closely when traffic is low).
 *
 * <p>Not thread-safe: one thread runs it ({@link #start()} or {@link #pollOnce}); {@link
 * #archivedCut()} may be read from any thread.
 */
public final class Archiver implements AutoCloseable {

  private final KafkaClients kafka;
  private final IngestTopics topics;
  private final MasterDataset dataset;
  private final Clock clock;
  private final Options options;
  private final Map<Integer, PendingFile> buffers = new TreeMap<>();
  private final ReadingBatchCodec.Batch batch = new ReadingBatchCodec.Batch(4096);
  private KafkaConsumer<String, byte[]> consumer;
  private Connection duck;
  private FileChannel lockChannel;
  private FileLock lock;
  private Thread thread;
  private volatile boolean running;
  private volatile Cut archived = Cut.EMPTY;
  private volatile RuntimeException failure;
  private long filesWritten;
  private long bytesWritten;
  private long readingsWritten;

  /**
   * An unstarted archiver.
   *
   * @param dataDir the data directory; the dataset goes to {@code <dataDir>/master}
   * @param clock tells when a buffer is old enough to be written
   */
  public Archiver(
      KafkaClients kafka, IngestTopics topics, Path dataDir, Clock clock, Options options) {
    this.kafka = Objects.requireNonNull(kafka, "kafka");
    this.topics = Objects.requireNonNull(topics, "topics");
    this.dataset = new MasterDataset(dataDir);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * How files are cut.
   *
   * @param maxFileReadings readings of one partition per file, at most
   * @param maxFileAge longest time a record waits in a buffer when the log keeps flowing
   */
  public record Options(int maxFileReadings, Duration maxFileAge) {

    public Options {
      if (maxFileReadings < 1) {
        throw new IllegalArgumentException(
            "maxFileReadings must be >= 1 (default 2000000), was " + maxFileReadings);
      }
      Objects.requireNonNull(maxFileAge, "maxFileAge");
      if (maxFileAge.isNegative() || maxFileAge.isZero()) {
        throw new IllegalArgumentException(
            "maxFileAge must be positive (default PT1M), was " + maxFileAge);
      }
    }

    /** 2 M readings, one minute. */
    public static Options defaults() {
      return new Options(2_000_000, Duration.ofMinutes(1));
    }
  }

  /** The dataset this archiver writes. */
  public MasterDataset dataset() {
    return dataset;
  }

  /**
   * Recovers the dataset (temp files deleted, resume offsets from file names), takes the lock and
   * assigns the partitions. Called by {@link #start()}; call it directly to drive the archiver with
   * {@link #pollOnce}.
   *
   * @throws IllegalStateException when another archiver holds the dataset
   */
  public Archiver open() {
    try {
      Files.createDirectories(dataset.root());
      lockChannel =
          FileChannel.open(
              dataset.root().resolve(".archiver.lock"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE);
      lock = lockChannel.tryLock();
      if (lock == null) {
        throw new IllegalStateException(
            "another archiver is writing " + dataset.root() + "; run one archiver per dataset");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + dataset.root(), e);
    }
    dataset.deleteTempFiles();
    Cut onDisk = dataset.cut();
    archived = onDisk;
    consumer = new KafkaConsumer<>(kafka.assignedConsumer("gridlens-archiver"));
    List<PartitionInfo> infos = consumer.partitionsFor(topics.readings(), Duration.ofSeconds(30));
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException(
          "topic '" + topics.readings() + "' does not exist; create the topics first");
    }
    List<TopicPartition> parts = new ArrayList<>();
    for (PartitionInfo i : infos) {
      parts.add(new TopicPartition(i.topic(), i.partition()));
    }
    consumer.assign(parts);
    for (TopicPartition p : parts) {
      consumer.seek(p, onDisk.offset(p.partition()));
    }
    duck = PendingFile.openDuckDb();
    return this;
  }

  /** Opens the archiver and runs it on its own thread until {@link #close()}. */
  public Archiver start() {
    open();
    running = true;
    thread =
        new Thread(
            () -> {
              try {
                while (running) {
                  pollOnce(Duration.ofMillis(200));
                }
              } catch (WakeupException e) {
                // closing
              } catch (RuntimeException e) {
                failure = e;
              }
            },
            "gridlens-archiver");
    thread.start();
    return this;
  }

  /**
   * Polls the log once and writes the buffers that are due.
   *
   * @return the number of records polled
   */
  public int pollOnce(Duration timeout) {
    ConsumerRecords<String, byte[]> records = consumer.poll(timeout);
    for (ConsumerRecord<String, byte[]> r : records) {
      PendingFile b = buffers.computeIfAbsent(r.partition(), PendingFile::new);
      LocalDate date = Instant.ofEpochMilli(r.timestamp()).atZone(ZoneOffset.UTC).toLocalDate();
      if (b.size() > 0 && !date.equals(b.date())) {
        write(b);
      }
      ReadingBatchCodec.decode(ByteBuffer.wrap(r.value()), batch);
      b.add(r.key(), r.offset(), r.timestamp(), date, batch, clock.millis());
      if (b.size() >= options.maxFileReadings()) {
        write(b);
      }
    }
    long now = clock.millis();
    for (PendingFile b : buffers.values()) {
      if (b.size() > 0
          && (records.isEmpty() || now - b.firstAddedMillis() >= options.maxFileAge().toMillis())) {
        write(b);
      }
    }
    return records.count();
  }

  /** The cut below which every reading is in a complete file. */
  public Cut archivedCut() {
    if (failure != null) {
      throw new IllegalStateException("archiver failed: " + failure, failure);
    }
    return archived;
  }

  /**
   * Waits until the archived cut covers a cut (e.g. the log end at some moment).
   *
   * @throws TimeoutException when it did not in time
   */
  public void awaitArchived(Cut target, Duration timeout)
      throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!covers(archivedCut(), target)) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "archived " + archived + " does not reach " + target + " after " + timeout);
      }
      Thread.sleep(10);
    }
  }

  static boolean covers(Cut a, Cut b) {
    for (Map.Entry<Integer, Long> e : b.sortedOffsets().entrySet()) {
      if (a.offset(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** Files, Parquet bytes and readings this archiver wrote since it was created. */
  public long[] written() {
    return new long[] {filesWritten, bytesWritten, readingsWritten};
  }

  private void write(PendingFile b) {
    String name = MasterDataset.DataFile.fileName(b.partition(), b.firstOffset(), b.lastOffset());
    Path dir = dataset.dateDir(b.date());
    Path target = dir.resolve(name);
    Path temp = dir.resolve(name + MasterDataset.TEMP_SUFFIX);
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(temp);
      b.write(duck, temp);
      try (FileChannel f = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        f.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      }
      filesWritten++;
      bytesWritten += Files.size(target);
      readingsWritten += b.size();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write " + target + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
    TreeMap<Integer, Long> next = new TreeMap<>(archived.sortedOffsets());
    next.put(b.partition(), b.lastOffset() + 1);
    archived = new Cut(next);
    b.clear();
  }

  /** Writes every buffer (a clean stop), then releases the consumer, DuckDB and the lock. */
  @Override
  public void close() {
    if (thread != null) {
      running = false;
      consumer.wakeup();
      try {
        thread.join(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      if (consumer != null && failure == null) {
        for (PendingFile b : buffers.values()) {
          if (b.size() > 0) {
            write(b);
          }
        }
      }
    } finally {
      if (consumer != null) {
        consumer.close();
      }
      try {
        if (duck != null) {
          duck.close();
        }
        if (lock != null) {
          lock.release();
          lockChannel.close();
        }
      } catch (SQLException | IOException e) {
        throw new IllegalStateException("cannot close the archiver cleanly: " + e, e);
      }
    }
  }

  /**
   * Runs an archiver until the process is killed: {@code --bootstrap host:port --data DIR
   * [--max-file-readings N] [--max-file-age PT1M]}.
   */
  public static void main(String[] args) throws Exception {
    String bootstrap = null;
    Path data = null;
    Options o = Options.defaults();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--bootstrap":
          bootstrap = args[++i];
          break;
        case "--data":
          data = Path.of(args[++i]);
          break;
        case "--max-file-readings":
          o = new Options(Integer.parseInt(args[++i]), o.maxFileAge());
          break;
        case "--max-file-age":
          o = new Options(o.maxFileReadings(), Duration.parse(args[++i]));
          break;
        default:
          throw new IllegalArgumentException(
              "unknown option '"
                  + args[i]
                  + "'; known: --bootstrap, --data, --max-file-readings, --max-file-age");
      }
    }
    if (bootstrap == null || data == null) {
      throw new IllegalArgumentException("--bootstrap host:port and --data DIR are required");
    }
    Archiver a =
        new Archiver(
            new KafkaClients(bootstrap), IngestTopics.defaults(), data, Clock.systemUTC(), o);
    a.open();
    System.out.println("archiver started at " + a.archived);
    System.out.flush();
    a.running = true;
    while (true) {
      a.pollOnce(Duration.ofMillis(200));
    }
  }
}
