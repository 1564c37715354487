package io.gridlens.simulator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads a file written by {@link BinaryFleetWriter}, record by record, without objects. */
public final class BinaryFleetReader {

  /** Receives one record. */
  @FunctionalInterface
  public interface RecordSink {
    void accept(int meterIndex, int epochMinute, int wh);
  }

  private BinaryFleetReader() {}

  /**
   * Streams every record of a file to a sink.
   *
   * @return the interval minutes of the file
   * @throws IOException when the file is not a fleet file or is truncated
   */
  public static int read(Path file, RecordSink sink) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer header = ByteBuffer.allocate(BinaryFleetWriter.HEADER_BYTES);
      header.order(ByteOrder.LITTLE_ENDIAN);
      while (header.hasRemaining() && ch.read(header) >= 0) {
        // fill
      }
      header.flip();
      if (header.remaining() < BinaryFleetWriter.HEADER_BYTES
          || header.getInt() != BinaryFleetWriter.MAGIC) {
        throw new IOException(file + " is not a Gridlens simulator binary file (no GLSB header)");
      }
      int version = header.getInt();
      if (version != BinaryFleetWriter.VERSION) {
        throw new IOException(
            file + " has format version " + version + "; this reader reads version 1");
      }
      int minutes = header.getInt();
      long body = ch.size() - BinaryFleetWriter.HEADER_BYTES;
      if (body % BinaryFleetWriter.RECORD_BYTES != 0) {
        throw new IOException(file + " is truncated: " + body + " body bytes is not whole records");
      }
      ByteBuffer buf =
          ByteBuffer.allocateDirect(BinaryFleetWriter.RECORD_BYTES * 65536)
              .order(ByteOrder.LITTLE_ENDIAN);
      while (ch.read(buf) >= 0 || buf.position() > 0) {
        buf.flip();
        while (buf.remaining() >= BinaryFleetWriter.RECORD_BYTES) {
          sink.accept(buf.getInt(), buf.getInt(), buf.getInt());
        }
        buf.compact();
        if (buf.position() == 0 && ch.position() >= ch.size()) {
          break;
        }
      }
      return minutes;
    }
  }
}
