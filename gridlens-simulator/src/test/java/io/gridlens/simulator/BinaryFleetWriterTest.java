package io.gridlens.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinaryFleetWriterTest {

  private final Fleet fleet = Fleet.of(FleetSpec.of(5, 3, LocalDate.of(2025, 10, 25), 2));

  @TempDir Path dir;

  @Test
  void shouldWriteTwelveBytesPerIntervalAfterASixteenByteHeader() throws IOException {
    Path file = dir.resolve("fleet.bin");

    long n = new BinaryFleetWriter(fleet, 2).write(file, m -> {});

    // 2025-10-25 has 48 half-hours, 2025-10-26 (DST end) 50: 98 per meter, 3 meters.
    assertThat(n).isEqualTo(294);
    assertThat(Files.size(file)).isEqualTo(16 + 294 * 12);
  }

  @Test
  void shouldReadBackEveryMetersCleanSeries() throws IOException {
    Path file = dir.resolve("fleet.bin");
    new BinaryFleetWriter(fleet, 2).write(file, m -> {});
    List<long[]> records = new ArrayList<>();

    int minutes =
        BinaryFleetReader.read(file, (m, minute, wh) -> records.add(new long[] {m, minute, wh}));

    assertThat(minutes).isEqualTo(30);
    assertThat(records).hasSize(294);
    long[] series = new long[98];
    for (int m = 0; m < 3; m++) {
      fleet.cleanSeries(m, series);
      for (int i = 0; i < 98; i++) {
        long[] r = records.get(m * 98 + i);
        assertThat(r).containsExactly(m, fleet.grid().epochMinute(i), series[i]);
      }
    }
  }

  @Test
  void shouldWriteTheSameBytesWhateverTheThreadCount() throws IOException {
    Path one = dir.resolve("one.bin");
    Path three = dir.resolve("three.bin");

    new BinaryFleetWriter(fleet, 1).write(one, m -> {});
    new BinaryFleetWriter(fleet, 3).write(three, m -> {});

    assertThat(Files.readAllBytes(three)).isEqualTo(Files.readAllBytes(one));
  }

  @Test
  void shouldRefuseAFileWithoutTheHeader() throws IOException {
    Path file = dir.resolve("other.bin");
    Files.write(file, new byte[40]);

    assertThatThrownBy(() -> BinaryFleetReader.read(file, (m, t, wh) -> {}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("GLSB");
  }
}
