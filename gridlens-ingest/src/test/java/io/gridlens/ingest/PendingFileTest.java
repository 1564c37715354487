package io.gridlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlens.core.Channel;
import io.gridlens.core.ValueKind;
import io.gridlens.core.codec.ReadingBatchCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The columnar writing of one master-dataset file by {@link PendingFile}. */
class PendingFileTest {

  private static final LocalDate DAY = LocalDate.parse("2024-06-01");
  private static final long INGEST_MILLIS = 1_717_200_000_000L;

  /** One Kafka record to add: a meter's run of readings of one channel. */
  record Rec(String meter, Channel channel, long offset, long[] starts) {}

  private static PendingFile file(int partition, List<Rec> recs) {
    PendingFile f = new PendingFile(partition);
    ReadingBatchCodec.Batch b = new ReadingBatchCodec.Batch(4);
    for (Rec r : recs) {
      b.reset(r.channel(), ValueKind.INTERVAL, 30, "csv");
      for (long s : r.starts()) {
        // wh and quality code derived from the position, to check they travel with their row.
        b.add(s, r.offset() * 10 + b.size(), b.size() % 2);
      }
      f.add(r.meter(), r.offset(), INGEST_MILLIS, DAY, b, 0);
    }
    return f;
  }

  private static Path write(PendingFile f) throws IOException {
    Path dir = Files.createTempDirectory("pending-file");
    Path path = dir.resolve("f.parquet");
    // Deleted when the test JVM exits, file first (reverse order of registration); jqwik
    // properties have no @TempDir.
    dir.toFile().deleteOnExit();
    path.toFile().deleteOnExit();
    try (Connection duck = PendingFile.openDuckDb()) {
      f.write(duck, path);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return path;
  }

  private static String q(Path p) {
    return MasterDataset.quote(p.toString());
  }

  @Test
  void shouldWriteRowsByMeterInUtf8OrderThenChannelThenTime() throws IOException {
    // UTF-8 order: "B" 42 < "a" 61 < "É" C3 89 < U+FFFD EF BF BD < "𝔸" F0 9D 94 B8 (Java's
    // String.compareTo would put "𝔸", a surrogate pair D835 DD38, before U+FFFD). EXPORT < IMPORT.
    // Meter B's record 15 starts before record 14: the records are reordered, rows stay sorted.
    PendingFile f =
        file(
            3,
            List.of(
                new Rec("𝔸1", Channel.IMPORT, 10, new long[] {1800, 3600}),
                new Rec("a", Channel.IMPORT, 11, new long[] {0}),
                new Rec("\uFFFD", Channel.IMPORT, 12, new long[] {0}),
                new Rec("B", Channel.EXPORT, 13, new long[] {0}),
                new Rec("B", Channel.IMPORT, 14, new long[] {1800}),
                new Rec("B", Channel.IMPORT, 15, new long[] {0}),
                new Rec("É", Channel.IMPORT, 16, new long[] {0})));

    Path p = write(f);

    assertThat(
            TestKit.query(
                "SELECT meter_id, channel, interval_start, log_offset, record_index FROM " + q(p)))
        .containsExactly(
            "B|EXPORT|0|13|0",
            "B|IMPORT|0|15|0",
            "B|IMPORT|1800|14|0",
            "a|IMPORT|0|11|0",
            "É|IMPORT|0|16|0",
            "\uFFFD|IMPORT|0|12|0",
            "𝔸1|IMPORT|1800|10|0",
            "𝔸1|IMPORT|3600|10|1");
  }

  @Test
  void shouldCarryEveryColumnOfAReadingIntoItsRow() throws IOException {
    // Record at offset 7, second reading: wh = 7 * 10 + 1 = 71, quality code 1 % 2 = 1.
    PendingFile f = file(2, List.of(new Rec("M", Channel.EXPORT, 7, new long[] {600, 2400})));

    Path p = write(f);

    assertThat(TestKit.query("SELECT * FROM " + q(p) + " WHERE record_index = 1"))
        .containsExactly("M|EXPORT|2400|30|INTERVAL|71|1|csv|" + INGEST_MILLIS + "|2|7|1");
  }

  @Test
  void shouldSortTheReadingsOfASeriesWhoseRecordsAreOutOfOrder() throws IOException {
    // Record 20 holds 3600 before 1800; record 21 corrects 1800: (start, offset, index) order.
    // Meter N's series is in order and stays so beside it.
    PendingFile f =
        file(
            0,
            List.of(
                new Rec("N", Channel.IMPORT, 19, new long[] {0, 1800}),
                new Rec("M", Channel.IMPORT, 20, new long[] {3600, 1800}),
                new Rec("M", Channel.IMPORT, 21, new long[] {1800})));

    Path p = write(f);

    assertThat(
            TestKit.query(
                "SELECT meter_id, interval_start, log_offset, record_index, wh FROM " + q(p)))
        .containsExactly(
            "M|1800|20|1|201",
            "M|1800|21|0|210",
            "M|3600|20|0|200",
            "N|0|19|0|190",
            "N|1800|19|1|191");
  }

  @Test
  void shouldKeepTheMasterDatasetsColumnsAndTypes() throws IOException {
    Path p = write(file(1, List.of(new Rec("M", Channel.IMPORT, 0, new long[] {0}))));

    List<String> described = TestKit.query("DESCRIBE SELECT * FROM " + q(p));

    assertThat(described.stream().map(r -> r.split("\\|")[0]).toList())
        .isEqualTo(MasterDataset.COLUMNS);
    assertThat(described.stream().map(r -> r.split("\\|")[1]).toList())
        .containsExactly(
            "VARCHAR", "VARCHAR", "BIGINT", "TINYINT", "VARCHAR", "BIGINT", "TINYINT", "VARCHAR",
            "BIGINT", "INTEGER", "BIGINT", "INTEGER");
  }

  @Test
  void shouldHoldOnlyTheRecordsAddedSinceItWasCleared() throws IOException {
    PendingFile f = file(0, List.of(new Rec("OLD", Channel.IMPORT, 0, new long[] {0, 1800})));
    f.clear();
    ReadingBatchCodec.Batch b = new ReadingBatchCodec.Batch(1);
    b.reset(Channel.IMPORT, ValueKind.INTERVAL, 30, "csv").add(900, 5, 0);
    f.add("NEW", 1, INGEST_MILLIS, DAY, b, 0);

    Path p = write(f);

    assertThat(f.size()).isEqualTo(1);
    assertThat(TestKit.query("SELECT meter_id, log_offset FROM " + q(p))).containsExactly("NEW|1");
  }

  /**
   * Law: whatever the records, the file holds exactly their readings, in the order DuckDB's own
   * ORDER BY on the file's key gives (whether the rows were ordered here or by DuckDB).
   */
  @Property(tries = 30)
  void shouldWriteExactlyTheReadingsInKeyOrder(@ForAll("records") List<Rec> recs)
      throws IOException {
    Path p = write(file(5, recs));

    List<String> expected = new ArrayList<>();
    for (Rec r : recs) {
      for (int i = 0; i < r.starts().length; i++) {
        expected.add(
            r.meter() + "|" + r.channel() + "|" + r.starts()[i] + "|" + r.offset() + "|" + i);
      }
    }
    String cols = "meter_id, channel, interval_start, log_offset, record_index";
    List<String> inFile = TestKit.query("SELECT " + cols + " FROM " + q(p));
    assertThat(inFile).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(inFile)
        .isEqualTo(
            TestKit.query(
                "SELECT "
                    + cols
                    + " FROM "
                    + q(p)
                    + " ORDER BY meter_id, channel, interval_start, log_offset, record_index"));
  }

  @Provide
  Arbitrary<List<Rec>> records() {
    Arbitrary<String> meters = Arbitraries.of("M1", "M10", "m2", "Ünïcode", "\uFFFD", "𝔸", "𝔸2");
    // Runs of consecutive half hours (the usual case) and scattered starts (out of order).
    Arbitrary<long[]> run =
        Combinators.combine(
                Arbitraries.longs().between(0, 200), Arbitraries.integers().between(0, 6))
            .as(
                (first, n) -> {
                  long[] s = new long[n];
                  for (int i = 0; i < n; i++) {
                    s[i] = (first + i) * 1800;
                  }
                  return s;
                });
    Arbitrary<long[]> scattered =
        Arbitraries.longs()
            .between(0, 20)
            .map(k -> k * 1800)
            .list()
            .uniqueElements()
            .ofMaxSize(5)
            .map(l -> l.stream().mapToLong(Long::longValue).toArray());
    Arbitrary<Rec> rec =
        Combinators.combine(
                meters,
                Arbitraries.of(Channel.class),
                Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(4, run), net.jqwik.api.Tuple.of(1, scattered)))
            .as((m, c, s) -> new Rec(m, c, 0, s));
    return rec.list()
        .ofMinSize(1)
        .ofMaxSize(30)
        .map(
            l -> {
              List<Rec> numbered = new ArrayList<>();
              for (int i = 0; i < l.size(); i++) {
                Rec r = l.get(i);
                numbered.add(new Rec(r.meter(), r.channel(), 100 + i, r.starts()));
              }
              return numbered;
            });
  }
}
