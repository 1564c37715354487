package io.gridlens.batch;

import io.gridlens.core.view.SummaryRow;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What one batch run did, stored with its version (summary partition {@value #PARTITION}) so that
 * {@code gridlens batch status} can say it after a restart.
 *
 * @param version the version it loaded
 * @param mode the mode it ran in (an incremental request without a previous version runs full)
 * @param engine the engine's name
 * @param readings readings streamed through the core
 * @param rows meter-day rows written (computed and copied)
 * @param summaries summary rows written
 * @param startedAt when it started
 * @param duration how long it took until publication
 */
public record BatchRun(
    long version,
    BatchMode mode,
    String engine,
    long readings,
    long rows,
    long summaries,
    Instant startedAt,
    Duration duration) {

  /** The summary partition of batch runs. */
  public static final String PARTITION = "b";

  public BatchRun {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(duration, "duration");
  }

  static byte[] key(long version) {
    return ByteBuffer.allocate(8).putLong(version).array();
  }

  SummaryRow toRow() {
    byte[] e = engine.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(1 + 1 + 2 + e.length + 8 * 3 + 12 + 8);
    b.put((byte) 1).put((byte) mode.ordinal()).putShort((short) e.length).put(e);
    b.putLong(readings).putLong(rows).putLong(summaries);
    b.putLong(startedAt.getEpochSecond()).putInt(startedAt.getNano());
    b.putLong(duration.toNanos());
    return new SummaryRow(PARTITION, key(version), b.array());
  }

  static BatchRun fromRow(SummaryRow r) {
    ByteBuffer b = ByteBuffer.wrap(r.value());
    if (b.get() != 1) {
      throw new IllegalStateException("unknown batch run record format in the view store");
    }
    BatchMode mode = BatchMode.values()[b.get()];
    byte[] e = new byte[b.getShort()];
    b.get(e);
    long readings = b.getLong();
    long rows = b.getLong();
    long summaries = b.getLong();
    Instant at = Instant.ofEpochSecond(b.getLong(), b.getInt());
    Duration d = Duration.ofNanos(b.getLong());
    return new BatchRun(
        ByteBuffer.wrap(r.key()).getLong(),
        mode,
        new String(e, StandardCharsets.UTF_8),
        readings,
        rows,
        summaries,
        at,
        d);
  }
}
