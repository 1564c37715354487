package io.gridlens.batch;

import io.gridlens.core.reference.Meter;
import io.gridlens.core.reference.ReferenceData;
import io.gridlens.core.vee.Vee;
import io.gridlens.core.view.DayRange;
import io.gridlens.core.view.MeterMonthSummary;
import io.gridlens.core.view.StoredRow;
import io.gridlens.core.view.SummaryCodec;
import io.gridlens.core.view.SummaryRow;
import io.gridlens.core.view.ViewRow;
import io.gridlens.core.view.ViewRowCodec;
import io.gridlens.core.view.ViewStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The per-series half of loading one batch version, the same wherever it runs: every series
 * streamed to one of its sinks goes through the core ({@link SeriesProcessor}), its rows go to the
 * view store in bulk, and the sink hands back the meter-month summaries, whose peer cohorts the job
 * then computes once over all of them. The embedded engine runs one sink in this process; the Spark
 * engine ships the work (reference data included, hence {@link Serializable}) to its executors and
 * runs one sink per partition there, next to the data.
 *
 * <p>In an incremental load a recomputed series starts from its previous rows: the rows before its
 * first touched day are copied to the new version and seed the processor's history.
 */
public final class SeriesWork implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * Where an incremental load restarts one series.
   *
   * @param first the series' first local day
   * @param from the first local day recomputed (readings before it are ignored)
   */
  record Restart(LocalDate first, LocalDate from) implements Serializable {}

  private final ReferenceData ref;
  private final BatchSettings settings;
  private final long version;
  private final long previousVersion;
  private final Map<SeriesKey, Restart> restarts;
  private final Instant asOf;

  /**
   * @param previousVersion the version an incremental load starts from, 0 for a full load
   * @param restarts per recomputed series of an incremental load, where it restarts
   * @param asOf when the run started: intervals not ended by then are never estimated ({@link
   *     Vee#clean(io.gridlens.core.DayReadings, io.gridlens.core.DayContext,
   *     io.gridlens.core.vee.VeeConfig, io.gridlens.core.vee.History, Instant)})
   */
  SeriesWork(
      ReferenceData ref,
      BatchSettings settings,
      long version,
      long previousVersion,
      Map<SeriesKey, Restart> restarts,
      Instant asOf) {
    this.ref = Objects.requireNonNull(ref, "ref");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.version = version;
    this.previousVersion = previousVersion;
    this.restarts = Map.copyOf(restarts);
    this.asOf = Objects.requireNonNull(asOf, "asOf");
  }

  /**
   * The work of a full load of {@code version} started at {@code asOf}: every series from its first
   * reading.
   */
  public static SeriesWork full(
      ReferenceData ref, BatchSettings settings, long version, Instant asOf) {
    return new SeriesWork(ref, settings, version, 0, Map.of(), asOf);
  }

  /** The version the rows are written to. */
  public long version() {
    return version;
  }

  /** Whether the work can travel to another process: its reference data is serializable. */
  public boolean portable() {
    return ref instanceof Serializable;
  }

  /**
   * A sink computing the series streamed to it into {@code store}.
   *
   * @param progress called with the number of readings streamed, every 65,536 readings
   */
  public Sink open(ViewStore store, LongConsumer progress) {
    return new Sink(store, progress);
  }

  /**
   * What one or more sinks did.
   *
   * @param readings readings streamed
   * @param rows rows written
   * @param monthly the meter-month summaries of the series computed, without peer fields
   */
  public record Outcome(long readings, long rows, List<MeterMonthSummary> monthly) {

    public Outcome {
      monthly = List.copyOf(monthly);
    }

    /** The sum of outcomes (summaries in the given order). */
    public static Outcome sum(List<Outcome> parts) {
      long readings = 0;
      long rows = 0;
      List<MeterMonthSummary> monthly = new ArrayList<>();
      for (Outcome o : parts) {
        readings += o.readings;
        rows += o.rows;
        monthly.addAll(o.monthly);
      }
      return new Outcome(readings, rows, monthly);
    }

    /**
     * The outcome as bytes (counts, then each summary in {@link SummaryCodec}'s form), so an engine
     * can ship it back without serializing objects.
     */
    public byte[] encode() {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + monthly.size() * 96);
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeLong(readings);
        out.writeLong(rows);
        out.writeInt(monthly.size());
        for (MeterMonthSummary m : monthly) {
          SummaryRow r = SummaryCodec.encode(m);
          out.writeUTF(r.partition());
          out.writeInt(r.key().length);
          out.write(r.key());
          out.writeInt(r.value().length);
          out.write(r.value());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return bytes.toByteArray();
    }

    /**
     * An outcome from {@link #encode()}'s bytes.
     *
     * @throws IllegalArgumentException when the bytes are not an encoded outcome
     */
    public static Outcome decode(byte[] b) {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
        long readings = in.readLong();
        long rows = in.readLong();
        int n = in.readInt();
        List<MeterMonthSummary> monthly = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          String partition = in.readUTF();
          byte[] key = in.readNBytes(in.readInt());
          byte[] value = in.readNBytes(in.readInt());
          monthly.add(SummaryCodec.decodeMeterMonth(new SummaryRow(partition, key, value)));
        }
        if (in.read() != -1) {
          throw new IllegalArgumentException("trailing bytes after an encoded batch outcome");
        }
        return new Outcome(readings, rows, monthly);
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException("not an encoded batch outcome: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Computes the series streamed to it and writes their rows in bulk; {@link #finish()} writes the
   * last rows and returns the outcome. Not thread-safe; one per thread or partition.
   */
  public final class Sink implements ReadingSink {
    private final ViewStore store;
    private final LongConsumer progress;
    private final List<MeterMonthSummary> monthly = new ArrayList<>();
    private final Consumer<StoredRow> writer = this::write;
    private List<StoredRow> buffer;
    private SeriesProcessor p;
    private long readings;
    private long rows;

    private Sink(ViewStore store, LongConsumer progress) {
      this.store = Objects.requireNonNull(store, "store");
      this.progress = Objects.requireNonNull(progress, "progress");
      this.buffer = new ArrayList<>(settings.writeBatchRows());
    }

    @Override
    public void startSeries(SeriesKey series) {
      p = processor(series, writer);
    }

    @Override
    public void reading(
        long start, int minutes, boolean register, long wh, byte quality, long position) {
      count();
      if (p != null) {
        p.reading(start, minutes, register, wh, quality, position);
      }
    }

    @Override
    public void endSeries() {
      if (p != null) {
        monthly.addAll(p.finish());
        p = null;
      }
    }

    /** Writes the rows still buffered and returns what the sink did. */
    public Outcome finish() {
      flush();
      return new Outcome(readings, rows, monthly);
    }

    /**
     * The processor of a series writing its rows to {@code rows}, seeded in an incremental load
     * (its previous rows before the restart go to the writer first); null for an unknown meter
     * (rejected at the edge, nothing to compute). Reads the store: call it on the sink's thread.
     */
    SeriesProcessor processor(SeriesKey series, Consumer<StoredRow> rows) {
      Optional<Meter> meter = ref.meter(series.meterId());
      if (meter.isEmpty()) {
        return null;
      }
      SeriesProcessor sp = new SeriesProcessor(ref, settings, series, meter.get(), rows, asOf);
      if (previousVersion > 0) {
        seed(sp, series, rows);
      }
      return sp;
    }

    private void seed(SeriesProcessor sp, SeriesKey series, Consumer<StoredRow> rows) {
      Restart r = restarts.get(series);
      if (r == null) {
        throw new IllegalStateException(
            "series " + series + " is recomputed but has no restart day in the incremental plan");
      }
      List<ViewRow> previous = new ArrayList<>();
      if (r.first().isBefore(r.from())) {
        for (StoredRow row :
            store.readBatch(
                previousVersion,
                new DayRange(
                    series.meterId(), series.channel(), r.first(), r.from().minusDays(1)))) {
          rows.accept(row);
          previous.add(ViewRowCodec.decode(row.value()));
        }
      }
      sp.seed(previous, r.from());
    }

    /** Counts a reading streamed and reports progress now and then. */
    void count() {
      if ((++readings & 0xFFFF) == 0) {
        progress.accept(0x10000);
      }
    }

    /** Takes a computed series' rows and summaries (from a worker thread's processor). */
    void commit(List<StoredRow> seriesRows, List<MeterMonthSummary> summaries) {
      for (StoredRow r : seriesRows) {
        write(r);
      }
      monthly.addAll(summaries);
    }

    private void write(StoredRow r) {
      buffer.add(r);
      if (buffer.size() == settings.writeBatchRows()) {
        flush();
      }
    }

    private void flush() {
      if (!buffer.isEmpty()) {
        rows += store.putBatch(version, buffer);
        buffer = new ArrayList<>(settings.writeBatchRows());
      }
    }
  }
}
