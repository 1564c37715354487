package io.gridlens.batch.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import io.gridlens.batch.BatchEngine;
import io.gridlens.batch.MasterFiles;
import io.gridlens.batch.ReadingSink;
import io.gridlens.batch.SeriesKey;
import io.gridlens.batch.SeriesSpan;
import io.gridlens.batch.SeriesWork;
import io.gridlens.core.Channel;
import io.gridlens.core.Cut;
import io.gridlens.core.view.ViewStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Spark batch engine: Spark reads the Parquet master dataset below the cut, range-partitions it
 * by meter (each meter's readings in one partition, partitions in meter order) and sorts each
 * partition by (meter, channel, interval start, position); the executors pack each partition into
 * compact per-series blocks ({@link SeriesBlocks}), which the driver streams to the job's sink in
 * order while the next ones are fetched. A batch run does not stream to the driver: {@link
 * #compute} ships the job's per-series work to the executors, which run the core next to their
 * partition and write the rows to the view store themselves.
 *
 * <p>{@link #series} and {@link #touched} are Spark aggregations. Not thread-safe: one run at a
 * time.
 */
public final class SparkEngine implements BatchEngine {

  private static final Logger LOG = LoggerFactory.getLogger(SparkEngine.class);

  private static final Pattern FILE = Pattern.compile("readings-p(\\d+)-(\\d+)-(\\d+)\\.parquet");

  /**
   * The columns of the master dataset the engine reads, as the archiver writes them (DuckDB's
   * TINYINT is Spark's byte): given, not inferred, so a query does not start with a schema job.
   */
  static final StructType MASTER_SCHEMA =
      new StructType()
          .add("meter_id", DataTypes.StringType)
          .add("channel", DataTypes.StringType)
          .add("interval_start", DataTypes.LongType)
          .add("interval_minutes", DataTypes.ByteType)
          .add("kind", DataTypes.StringType)
          .add("wh", DataTypes.LongType)
          .add("quality", DataTypes.ByteType)
          .add("log_partition", DataTypes.IntegerType)
          .add("log_offset", DataTypes.LongType)
          .add("record_index", DataTypes.IntegerType)
          .add("ingest_time", DataTypes.LongType);

  /** Readings per block handed from an executor to the driver. */
  static final int BLOCK_READINGS = 1 << 16;

  private final Path dataDir;
  private final SparkSession spark;
  private final SparkSettings settings;
  private final boolean ownsSession;

  private SparkEngine(Path dataDir, SparkSession spark, SparkSettings settings, boolean owns) {
    this.dataDir = dataDir;
    this.spark = spark;
    this.settings = settings;
    this.ownsSession = owns;
  }

  /**
   * An engine with a session of its own (closed with the engine), on the settings' master or, when
   * that is null, on the one {@code spark-submit} set.
   */
  public static SparkEngine open(Path dataDir, SparkSettings settings) {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(settings, "settings");
    return new SparkEngine(dataDir, session(settings), settings, true);
  }

  /** An engine on a session the caller owns (and closes). */
  public static SparkEngine over(Path dataDir, SparkSession spark, SparkSettings settings) {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(spark, "spark");
    Objects.requireNonNull(settings, "settings");
    return new SparkEngine(dataDir, spark, settings, false);
  }

  /**
   * A session for the batch: UI off, the settings' shuffle width, driver bound to 127.0.0.1 unless
   * the settings say otherwise.
   */
  public static SparkSession session(SparkSettings settings) {
    SparkSession.Builder b =
        SparkSession.builder()
            .appName("gridlens-batch")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", String.valueOf(settings.shufflePartitions()))
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            // List the master dataset's files on the driver, not with a Spark job per read.
            .config("spark.sql.sources.parallelPartitionDiscovery.threshold", "1000000");
    if (settings.master() != null) {
      b.master(settings.master());
    }
    settings.conf().forEach(b::config);
    return b.getOrCreate();
  }

  @Override
  public String name() {
    return "spark";
  }

  /** The session the engine runs on. */
  public SparkSession session() {
    return spark;
  }

  @Override
  public Cut cutOnDisk() {
    return MasterFiles.cutOnDisk(dataDir);
  }

  @Override
  public List<SeriesSpan> series(Cut cut) {
    List<SeriesSpan> out = new ArrayList<>();
    if (noData(cut)) {
      return out;
    }
    for (Row r :
        below(cut)
            .groupBy("meter_id", "channel")
            .agg(min("interval_start"), max("interval_start"), count(lit(1)))
            .collectAsList()) {
      out.add(
          new SeriesSpan(
              new SeriesKey(r.getString(0), Channel.valueOf(r.getString(1))),
              r.getLong(2),
              r.getLong(3),
              r.getLong(4)));
    }
    // The embedded engine's order: meter id, then channel name (ORDER BY of two VARCHARs).
    out.sort(
        Comparator.comparing((SeriesSpan x) -> x.series().meterId(), SparkEngine::compareUtf8)
            .thenComparing(x -> x.series().channel().name()));
    return out;
  }

  @Override
  public Map<SeriesKey, Long> touched(Cut from, Cut to) {
    Map<SeriesKey, Long> out = new HashMap<>();
    if (noData(to)) {
      return out;
    }
    for (Row r :
        below(to)
            .where(not(belowCondition(from)))
            .groupBy("meter_id", "channel")
            .agg(min("interval_start"))
            .collectAsList()) {
      out.put(new SeriesKey(r.getString(0), Channel.valueOf(r.getString(1))), r.getLong(2));
    }
    return out;
  }

  @Override
  public Map<Integer, Instant> heldUpTo(Cut cut) {
    Map<Integer, Instant> out = new TreeMap<>();
    if (noData(cut)) {
      return out;
    }
    for (Row r :
        below(cut)
            .where(col("ingest_time").isNotNull())
            .groupBy("log_partition")
            .agg(max("ingest_time"))
            .collectAsList()) {
      out.put(r.getInt(0), Instant.ofEpochMilli(r.getLong(1)));
    }
    return out;
  }

  @Override
  public void scan(Cut cut, Map<SeriesKey, Long> only, ReadingSink sink) {
    Objects.requireNonNull(sink, "sink");
    if (noData(cut) || (only != null && only.isEmpty())) {
      return;
    }
    Dataset<byte[]> blocks =
        sorted(cut, only)
            .mapPartitions(new SeriesBlocks.Encode(BLOCK_READINGS), Encoders.BINARY())
            .persist(StorageLevel.MEMORY_AND_DISK_SER());
    try {
      blocks.count(); // every partition sorted and packed in parallel before the driver streams
      replay(blocks.toLocalIterator(), sink);
    } finally {
      blocks.unpersist(false);
    }
  }

  /**
   * Runs the work on the executors: each partition's series go through the core there and its rows
   * go from there to the store; only the partitions' outcomes (counts and meter-month summaries)
   * come back. The store is reached as {@link #withExecutorStore} says, or, on a local master, as
   * the driver holds it; otherwise (and when the reference data cannot be serialized) the engine
   * says so in the log and the job computes on the driver through {@link #scan}.
   */
  @Override
  public Optional<SeriesWork.Outcome> compute(
      Cut cut, Map<SeriesKey, Long> only, SeriesWork work, ViewStore store, LongConsumer progress) {
    boolean local = spark.sparkContext().isLocal();
    if (!work.portable() || (executorStore == null && !local)) {
      LOG.warn(
          "the Spark executors cannot {}: the core runs on the driver",
          work.portable()
              ? "reach the view store (configure a Cassandra store for them)"
              : "receive the reference data (it is not serializable)");
      return Optional.empty();
    }
    if (noData(cut) || (only != null && only.isEmpty())) {
      return Optional.of(new SeriesWork.Outcome(0, 0, List.of()));
    }
    ExecutorStore.InDriverJvm registered =
        executorStore == null ? ExecutorStore.InDriverJvm.register(store) : null;
    ExecutorStore target = registered != null ? registered : executorStore;
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<SeriesWork> shipped = jsc.broadcast(work);
    LongAccumulator done = spark.sparkContext().longAccumulator("gridlens-readings");
    try {
      CompletableFuture<List<byte[]>> outcomes =
          CompletableFuture.supplyAsync(
              () ->
                  sorted(cut, only)
                      .mapPartitions(
                          new ComputeSeries(shipped, target, done, BLOCK_READINGS),
                          Encoders.BINARY())
                      .collectAsList());
      long reported = 0;
      while (true) {
        try {
          List<byte[]> parts = outcomes.get(500, TimeUnit.MILLISECONDS);
          List<SeriesWork.Outcome> decoded = new ArrayList<>(parts.size());
          for (byte[] b : parts) {
            decoded.add(SeriesWork.Outcome.decode(b));
          }
          SeriesWork.Outcome sum = SeriesWork.Outcome.sum(decoded);
          // A retried task counts its readings into the accumulator again: never report backwards.
          progress.accept(Math.max(0, sum.readings() - reported));
          return Optional.of(sum);
        } catch (TimeoutException still) {
          long now = done.value();
          if (now > reported) {
            progress.accept(now - reported);
            reported = now;
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      spark.sparkContext().cancelAllJobs();
      throw new IllegalStateException("interrupted while the executors computed the batch", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("the Spark batch failed: " + e.getCause(), e.getCause());
    } finally {
      shipped.destroy();
      if (registered != null) {
        registered.unregister();
      }
    }
  }

  /**
   * The executors' side of {@link #compute}: one sink of the work per partition, on the store as
   * the executor reaches it; the partition's sorted rows are packed and replayed into it exactly as
   * the driver replays them in {@link #scan}.
   */
  private static final class ComputeSeries implements MapPartitionsFunction<Row, byte[]> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<SeriesWork> work;
    private final ExecutorStore store;
    private final LongAccumulator done;
    private final int blockReadings;

    ComputeSeries(
        Broadcast<SeriesWork> work, ExecutorStore store, LongAccumulator done, int blockReadings) {
      this.work = work;
      this.store = store;
      this.done = done;
      this.blockReadings = blockReadings;
    }

    @Override
    public Iterator<byte[]> call(Iterator<Row> rows) {
      SeriesWork.Sink sink = work.value().open(store.open(), done::add);
      SeriesBlocks.Replay replay = new SeriesBlocks.Replay(sink);
      Iterator<byte[]> blocks = new SeriesBlocks.Encode(blockReadings).call(rows);
      while (blocks.hasNext()) {
        replay.block(blocks.next());
      }
      replay.finish();
      return List.of(sink.finish().encode()).iterator();
    }
  }

  /**
   * Where the executors reach the store a batch writes to, when they do not run in this JVM.
   *
   * @return this engine
   */
  public SparkEngine withExecutorStore(ExecutorStore store) {
    this.executorStore = Objects.requireNonNull(store, "store");
    return this;
  }

  private ExecutorStore executorStore;

  /**
   * The readings below a cut (of the listed series only, from their start, when {@code only} is not
   * null), range-partitioned by meter (each meter in one partition, partitions in meter order) and
   * sorted by (meter, channel, interval start, position).
   */
  private Dataset<Row> sorted(Cut cut, Map<SeriesKey, Long> only) {
    Dataset<Row> rows = below(cut);
    if (only != null) {
      List<Row> wanted = new ArrayList<>(only.size());
      only.forEach(
          (k, v) -> wanted.add(RowFactory.create(k.meterId(), k.channel().name(), (long) v)));
      StructType schema =
          new StructType()
              .add("w_meter", DataTypes.StringType, false)
              .add("w_channel", DataTypes.StringType, false)
              .add("from_s", DataTypes.LongType, false);
      Dataset<Row> w = spark.createDataFrame(wanted, schema);
      rows =
          rows.join(
                  w,
                  col("meter_id")
                      .equalTo(col("w_meter"))
                      .and(col("channel").equalTo(col("w_channel")))
                      .and(col("interval_start").geq(col("from_s"))))
              .drop("w_meter", "w_channel", "from_s");
    }
    int partitions =
        (int)
            Math.max(
                settings.shufflePartitions(),
                Math.min(100_000, readingsBelow(cut) / settings.scanPartitionReadings() + 1));
    return rows.select(
            col("meter_id"),
            col("channel"),
            col("interval_start").cast("long"),
            col("interval_minutes").cast("int"),
            col("kind").equalTo("REGISTER").as("register"),
            col("wh").cast("long"),
            col("quality").cast("int"),
            col("log_partition").cast("int"),
            col("log_offset").cast("long"),
            col("record_index").cast("int"))
        .repartitionByRange(partitions, col("meter_id"))
        .sortWithinPartitions(
            "meter_id", "channel", "interval_start", "log_partition", "log_offset", "record_index");
  }

  /**
   * Streams blocks to the sink on this thread while a fetcher thread pulls the next ones (one
   * partition at a time) into a bounded queue.
   */
  private static void replay(Iterator<byte[]> blocks, ReadingSink sink) {
    byte[] end = new byte[0];
    BlockingQueue<Object> queue = new ArrayBlockingQueue<>(64);
    Thread fetcher =
        new Thread(
            () -> {
              try {
                while (blocks.hasNext()) {
                  queue.put(blocks.next());
                }
                queue.put(end);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (RuntimeException | Error e) {
                try {
                  queue.put(e);
                } catch (InterruptedException ie) {
                  Thread.currentThread().interrupt();
                }
              }
            },
            "gridlens-spark-fetch");
    fetcher.setDaemon(true);
    fetcher.start();
    SeriesBlocks.Replay replay = new SeriesBlocks.Replay(sink);
    boolean done = false;
    try {
      while (true) {
        Object next = queue.poll(1, TimeUnit.SECONDS);
        if (next == null) {
          if (!fetcher.isAlive() && queue.isEmpty()) {
            throw new IllegalStateException("the Spark block fetcher stopped without an end mark");
          }
          continue;
        }
        if (next == end) {
          break;
        }
        if (next instanceof RuntimeException e) {
          throw e;
        }
        if (next instanceof Error e) {
          throw e;
        }
        replay.block((byte[]) next);
      }
      replay.finish();
      done = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while streaming the Spark scan", e);
    } finally {
      if (!done) {
        fetcher.interrupt();
      }
    }
  }

  /** Readings below a cut as the file names count them (an upper bound: whole files). */
  private long readingsBelow(Cut cut) {
    long n = 0;
    for (Path f : MasterFiles.files(dataDir)) {
      Matcher m = FILE.matcher(f.getFileName().toString());
      if (m.matches()) {
        long bound = cut.offset(Integer.parseInt(m.group(1)));
        long first = Long.parseLong(m.group(2));
        long last = Long.parseLong(m.group(3));
        n += Math.max(0, Math.min(last + 1, bound) - first);
      }
    }
    return n;
  }

  /**
   * The master dataset's rows below a cut. The complete files are those {@link MasterFiles} lists
   * (the cut on disk comes from the same names); Spark is handed that list, and the relation is
   * kept while the list does not change, so Spark lists nothing and a run reads one file index.
   */
  private Dataset<Row> below(Cut cut) {
    List<Path> files = MasterFiles.files(dataDir);
    if (!files.equals(sourceFiles)) {
      String[] paths = new String[files.size()];
      for (int i = 0; i < paths.length; i++) {
        paths[i] = files.get(i).toAbsolutePath().toString();
      }
      source = spark.read().schema(MASTER_SCHEMA).parquet(paths);
      sourceFiles = files;
    }
    return source.where(belowCondition(cut));
  }

  private List<Path> sourceFiles;
  private Dataset<Row> source;

  /** Byte order of UTF-8, as DuckDB and Spark order strings (code point order). */
  static int compareUtf8(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /** "Position below the cut": the embedded engine's condition, as a Spark column. */
  static Column belowCondition(Cut cut) {
    Column c = lit(false);
    for (Map.Entry<Integer, Long> e : cut.sortedOffsets().entrySet()) {
      c = c.or(col("log_partition").equalTo(e.getKey()).and(col("log_offset").lt(e.getValue())));
    }
    return c;
  }

  private static Column not(Column c) {
    return org.apache.spark.sql.functions.not(c);
  }

  private boolean noData(Cut cut) {
    return cut.offsets().isEmpty() || MasterFiles.files(dataDir).isEmpty();
  }

  @Override
  public void close() {
    if (ownsSession) {
      spark.stop();
    }
  }
}
