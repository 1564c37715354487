package io.gridlens.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/**
 * Streams generated inputs far larger than the test JVM's heap (Surefire runs this module with
 * -Xmx128m) and checks that the heap in use after GC does not grow with the input.
 */
class StreamingMemoryTest {

  private static final long TARGET_BYTES = 256L << 20; // 256 MiB of text, never materialized
  private static final long MAX_GROWTH = 16L << 20;

  /** An endless-looking input of generated lines, produced a line at a time. */
  private abstract static class GeneratedInput extends InputStream {
    private final long limit;
    private long produced;
    private byte[] line = new byte[0];
    private int pos;
    long lines;

    GeneratedInput(long limit) {
      this.limit = limit;
    }

    abstract String line(long n);

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos == line.length) {
        if (produced >= limit) {
          return -1;
        }
        line = line(lines++).getBytes(StandardCharsets.UTF_8);
        pos = 0;
      }
      int n = Math.min(len, line.length - pos);
      System.arraycopy(line, pos, b, off, n);
      pos += n;
      produced += n;
      return n;
    }
  }

  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  /** A year of half-hour starts, formatted once: the generator must not be the bottleneck. */
  private static final String[] STARTS = new String[17_520];

  static {
    for (int i = 0; i < STARTS.length; i++) {
      STARTS[i] = ISO.format(T0.plusSeconds(i * 1800L).atOffset(ZoneOffset.ofHours(1)));
    }
  }

  private static String start(long n) {
    return STARTS[(int) (n % STARTS.length)];
  }

  private static long usedAfterGc() {
    MemoryMXBean bean = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, bean.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  private static void streamAndCheck(ReadingFormat format, GeneratedInput input) {
    long before = usedAfterGc();
    long maxDuring = 0;
    long count = 0;
    long sum = 0;
    try (ReadingReader reader = format.open(input, ReadOptions.defaults())) {
      while (reader.hasNext()) {
        sum += reader.next().wh();
        if (++count % 1_500_000 == 0) {
          maxDuring = Math.max(maxDuring, usedAfterGc() - before);
        }
      }
      assertThat(reader.report().readings()).isEqualTo(count);
    }
    long after = usedAfterGc();

    long records = format == ReadingFormat.CSV ? input.lines - 1 : input.lines;
    assertThat(count).isEqualTo(records).isGreaterThan(2_000_000);
    // wh of record n is n % 1000: the sum is checked against the same formula.
    long expectedSum = 0;
    for (long n = 0; n < records; n++) {
      expectedSum += n % 1000;
    }
    assertThat(sum).isEqualTo(expectedSum);
    assertThat(Runtime.getRuntime().maxMemory()).isLessThan(TARGET_BYTES);
    assertThat(maxDuring).isLessThan(MAX_GROWTH);
    assertThat(after - before).isLessThan(MAX_GROWTH);
  }

  @Test
  void shouldStreamAQuarterGigabyteOfCsvInFlatHeap() {
    streamAndCheck(
        ReadingFormat.CSV,
        new GeneratedInput(TARGET_BYTES) {
          @Override
          String line(long n) {
            if (n == 0) {
              return "meter_id,interval_start,interval_minutes,wh,quality\n";
            }
            long k = n - 1;
            return "meter-" + (k % 5000) + "," + start(k) + ",30," + (k % 1000) + ",ACTUAL\n";
          }
        });
  }

  @Test
  void shouldStreamAQuarterGigabyteOfJsonlInFlatHeap() {
    streamAndCheck(
        ReadingFormat.JSONL,
        new GeneratedInput(TARGET_BYTES) {
          @Override
          String line(long n) {
            return "{\"meter_id\":\"meter-"
                + (n % 5000)
                + "\",\"interval_start\":\""
                + start(n)
                + "\",\"interval_minutes\":30,\"wh\":"
                + (n % 1000)
                + "}\n";
          }
        });
  }
}
