package io.gridlens.ingest;

import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.formats.ErrorPolicy;
import io.gridlens.formats.ReadOptions;
import io.gridlens.formats.ReadingFormat;
import io.gridlens.formats.ReadingReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * {@code gridlens ingest FILE... --format F --bootstrap host:port}: streams files through the
 * {@link IngestService} into Kafka, with a progress bar on stderr and the report on stdout. The
 * meters are those of the reference topics (upserted before). The picocli app wraps this.
 *
 * <p>Exit code 0 when every record was logged, 1 when some were rejected or failed, 2 on a usage
 * error.
 */
public final class IngestCommandLine {

  private IngestCommandLine() {}

  /** Parsed arguments. */
  record Arguments(
      List<Path> files, ReadingFormat format, String bootstrap, int partitions, String meterId) {}

  static Arguments parse(String[] args) {
    List<Path> files = new ArrayList<>();
    ReadingFormat format = null;
    String bootstrap = null;
    int partitions = IngestTopics.DEFAULT_PARTITIONS;
    String meterId = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--format":
          format = ReadingFormat.byName(value(args, ++i, a));
          break;
        case "--bootstrap":
          bootstrap = value(args, ++i, a);
          break;
        case "--partitions":
          partitions = Integer.parseInt(value(args, ++i, a));
          break;
        case "--meter-id":
          meterId = value(args, ++i, a);
          break;
        default:
          if (a.startsWith("--")) {
            throw new IllegalArgumentException(
                "unknown option '"
                    + a
                    + "'; known: --format, --bootstrap, --partitions, --meter-id");
          }
          files.add(Path.of(a));
      }
    }
    if (files.isEmpty() || format == null || bootstrap == null) {
      throw new IllegalArgumentException(
          "usage: ingest FILE... --format csv|jsonl|greenbutton|enedis|lcl|eemeter"
              + " --bootstrap host:port [--partitions N] [--meter-id ID]");
    }
    for (Path f : files) {
      if (!Files.isReadable(f)) {
        throw new IllegalArgumentException("cannot read file " + f);
      }
    }
    return new Arguments(files, format, bootstrap, partitions, meterId);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  public static void main(String[] args) throws Exception {
    Arguments a;
    try {
      a = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(run(a, System.out, System.err));
  }

  /**
   * Parses the arguments and runs, for a caller that has its own entry point (the picocli app).
   *
   * @return the exit code: 0 all logged, 1 some rejected or failed, 2 a usage error (on {@code
   *     err})
   */
  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    Arguments a;
    try {
      a = parse(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    return run(a, out, err);
  }

  static int run(Arguments a, PrintStream out, PrintStream err) throws Exception {
    KafkaClients kafka = new KafkaClients(a.bootstrap());
    IngestTopics topics = IngestTopics.withPartitions(a.partitions());
    try (Admin admin = Admin.create(kafka.admin())) {
      topics.create(admin);
    }
    long accepted = 0;
    long rejected = 0;
    long failed = 0;
    try (ReferenceView reference =
            new ReferenceView(kafka, topics, InMemoryReferenceData.builder().build()).start();
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(kafka.producer("gridlens-ingest-cli"))) {
      reference.awaitCaughtUp(Duration.ofMinutes(1));
      IngestService service =
          new IngestService(
              producer, topics, reference, Clock.systemUTC(), IngestService.Options.defaults());
      ReadOptions options = ReadOptions.defaults().withErrorPolicy(ErrorPolicy.SKIP_AND_REPORT);
      if (a.meterId() != null) {
        options = options.withMeterId(a.meterId());
      }
      for (Path f : a.files()) {
        long size = Files.size(f);
        AtomicLong consumed = new AtomicLong();
        InputStream in = new CountingInputStream(Files.newInputStream(f), consumed);
        ReadingReader reader = a.format().open(in, options);
        long t0 = System.nanoTime();
        IngestReport r =
            service.ingest(
                reader,
                (read, acc, rej) -> err.print("\r" + bar(f, consumed.get(), size, read, acc, rej)));
        double s = (System.nanoTime() - t0) / 1e9;
        err.println(
            "\r" + bar(f, size, size, r.accepted() + r.rejected(), r.accepted(), r.rejected()));
        out.printf(
            Locale.ROOT,
            "%s: %s (%.0f readings/s)%n",
            f,
            r.summary(),
            r.accepted() / Math.max(s, 1e-9));
        r.errors().stream().limit(20).forEach(e -> out.println("  " + e));
        if (r.errors().size() > 20) {
          out.println("  ... " + (r.rejected() - 20) + " more in the deadletter topic");
        }
        if (r.failure() != null) {
          out.println("  " + r.failure());
        }
        accepted += r.accepted();
        rejected += r.rejected();
        failed += r.failed();
      }
    }
    out.printf(
        Locale.ROOT, "total: accepted %d, rejected %d, failed %d%n", accepted, rejected, failed);
    return rejected == 0 && failed == 0 ? 0 : 1;
  }

  /** {@code file.csv [######### ] 45% 1,234,567 read 1,200,000 accepted 3 rejected}. */
  static String bar(Path f, long done, long total, long read, long accepted, long rejected) {
    int width = 30;
    double frac = total == 0 ? 1 : Math.min(1.0, (double) done / total);
    int filled = (int) Math.round(frac * width);
    return String.format(
        Locale.ROOT,
        "%s [%s%s] %3d%% %,d read %,d accepted %,d rejected",
        f.getFileName(),
        "#".repeat(filled),
        " ".repeat(width - filled),
        Math.round(frac * 100),
        read,
        accepted,
        rejected);
  }

  /** Counts the bytes read from a file, for the progress bar. */
  private static final class CountingInputStream extends FilterInputStream {
    private final AtomicLong count;

    CountingInputStream(InputStream in, AtomicLong count) {
      super(in);
      this.count = count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count.incrementAndGet();
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        count.addAndGet(n);
      }
      return n;
    }
  }
}
