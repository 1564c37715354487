package io.gridlens.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlens.core.Reading;
import io.gridlens.formats.ReadOptions;
import io.gridlens.formats.ReadingFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {

  @TempDir Path dir;

  @Test
  void shouldWriteAFleetThatTheCsvReaderReadsBack() throws Exception {
    int code =
        Gridlens.commandLine()
            .execute(
                "simulate",
                "--meters",
                "3",
                "--days",
                "2",
                "--fault-rate",
                "0",
                "--out",
                dir.toString());

    assertThat(code).isZero();
    List<Reading> readings = new ArrayList<>();
    try (var reader =
        ReadingFormat.byName("csv")
            .open(Files.newInputStream(dir.resolve("readings.csv")), ReadOptions.defaults())) {
      reader.forEachRemaining(readings::add);
    }
    Set<String> meters = new HashSet<>();
    readings.forEach(r -> meters.add(r.meterId()));
    // 3 meters x 2 ordinary January days x 48 half-hours, no faults: each interval once.
    assertThat(readings).hasSize(3 * 2 * 48);
    assertThat(meters).hasSize(3);
    assertThat(dir.resolve("households.csv")).exists();
  }

  @Test
  void shouldRejectAnUnknownFormatNamingIt() {
    StringWriter err = new StringWriter();
    CommandLine cli = Gridlens.commandLine();
    cli.setErr(new PrintWriter(err));

    int code = cli.execute("simulate", "--format", "xlsx", "--out", dir.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("unknown format 'xlsx'").contains("csv, jsonl");
  }
}
