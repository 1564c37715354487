package io.gridlens.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlens.core.Reading;
import io.gridlens.formats.ReadOptions;
import io.gridlens.formats.ReadingFormat;
import io.gridlens.formats.ReadingReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorRunnerTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final SimulatorRunner runner =
      new SimulatorRunner(
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8),
          Clock.systemUTC());

  @Test
  void shouldWriteEveryCleanReadingAsCsvWhenFaultsAreOff() throws IOException {
    int code =
        runner.run(
            new String[] {
              "--meters",
              "3",
              "--days",
              "2",
              "--format",
              "csv",
              "--out",
              dir.toString(),
              "--seed",
              "5",
              "--start",
              "2025-02-01",
              "--fault-rate",
              "0"
            });

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    // 3 meters x 2 days x 48 half-hours, and a header.
    List<String> lines = Files.readAllLines(dir.resolve("readings.csv"));
    assertThat(lines).hasSize(1 + 288);
    assertThat(Files.readAllLines(dir.resolve("households.csv"))).hasSize(1 + 3);
    Fleet fleet =
        Fleet.of(FleetSpec.of(5, 3, LocalDate.of(2025, 2, 1), 2).withFaults(FaultRates.NONE));
    try (InputStream in = Files.newInputStream(dir.resolve("readings.csv"));
        ReadingReader reader = ReadingFormat.CSV.open(in, ReadOptions.defaults())) {
      int n = 0;
      while (reader.hasNext()) {
        Reading r = reader.next();
        assertThat(r.wh())
            .isEqualTo(fleet.cleanWh(FleetSpec.meterIndex(r.meterId()), r.intervalStart()));
        n++;
      }
      assertThat(n).isEqualTo(288);
    }
  }

  @Test
  void shouldWriteTheBinaryFastPath() throws IOException {
    int code =
        runner.run(
            new String[] {
              "--meters", "2", "--days", "1", "--format", "binary", "--out", dir.toString()
            });

    assertThat(code).isZero();
    assertThat(Files.size(dir.resolve("fleet.bin"))).isEqualTo(16 + 2 * 48 * 12);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("100% 2/2");
  }

  @Test
  void shouldRejectAnUnknownOptionNamingIt() {
    int code = runner.run(new String[] {"--meterz", "3"});

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --meterz");
  }

  @Test
  void shouldRejectAnUnknownFormatListingTheKnownOnes() {
    int code = runner.run(new String[] {"--format", "parquet"});

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("unknown format 'parquet'; known: csv, jsonl, greenbutton, enedis, binary");
  }
}
