package io.gridlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlens.core.Cut;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterDatasetTest {

  @TempDir Path data;

  private void touch(String date, String name) throws IOException {
    Path dir = data.resolve("master").resolve("ingest_date=" + date);
    Files.createDirectories(dir);
    Files.write(dir.resolve(name), new byte[] {1});
  }

  @Test
  void shouldPlaceTheCutAfterTheHighestOffsetOfEachPartitionOnDisk() throws IOException {
    touch("2024-05-31", "readings-p0-0-99.parquet");
    touch("2024-06-01", "readings-p0-100-149.parquet");
    touch("2024-06-01", "readings-p2-0-9.parquet");
    touch("2024-06-01", "readings-p1-0-500.parquet.tmp");

    MasterDataset ds = new MasterDataset(data);

    // p0: last 149 -> 150; p2: last 9 -> 10; p1 has only a temp file -> 0 (absent).
    assertThat(ds.cut()).isEqualTo(Cut.of(0, 150, 2, 10));
    assertThat(ds.files()).hasSize(3);
    assertThat(ds.files().get(0).ingestDate()).isEqualTo(LocalDate.of(2024, 5, 31));
  }

  @Test
  void shouldDeleteTheTempFilesACrashLeftBehindAndOnlyThem() throws IOException {
    touch("2024-06-01", "readings-p0-0-99.parquet");
    touch("2024-06-01", "readings-p0-100-199.parquet.tmp");

    int deleted = new MasterDataset(data).deleteTempFiles();

    assertThat(deleted).isEqualTo(1);
    assertThat(new MasterDataset(data).files()).hasSize(1);
    assertThat(
            Files.exists(
                data.resolve("master/ingest_date=2024-06-01/readings-p0-100-199.parquet.tmp")))
        .isFalse();
  }

  @Test
  void shouldReadOnlyTheFilesThatCanHoldReadingsBelowTheCut() throws IOException {
    touch("2024-06-01", "readings-p0-0-99.parquet");
    touch("2024-06-01", "readings-p0-100-199.parquet");
    touch("2024-06-01", "readings-p1-0-9.parquet");

    String sql = new MasterDataset(data).sqlUpTo(Cut.of(0, 50));

    assertThat(sql).contains("readings-p0-0-99.parquet").doesNotContain("p0-100-199", "p1-0-9");
    assertThat(sql).contains("(log_partition = 0 AND log_offset < 50)");
  }

  @Test
  void shouldQueryAnEmptyRelationBelowTheEmptyCut() {
    String sql = new MasterDataset(data).sqlUpTo(Cut.EMPTY);

    assertThat(TestKit.query(sql)).isEmpty();
  }
}
