package io.gridlens.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body read through a size limit: past {@code limit} bytes it fails, and says so, so that
 * an upload without a declared length cannot grow without bound.
 */
final class LimitedInputStream extends FilterInputStream {

  private final long limit;
  private long count;
  private boolean exceeded;

  LimitedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  /** Whether the body went past the limit. */
  boolean exceeded() {
    return exceeded;
  }

  /** Bytes read so far. */
  long count() {
    return count;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      add(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    if (n > 0) {
      add(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long s = super.skip(n);
    add(s);
    return s;
  }

  private void add(long n) throws IOException {
    count += n;
    if (count > limit) {
      exceeded = true;
      throw new IOException("upload is larger than the limit of " + limit + " bytes");
    }
  }
}
