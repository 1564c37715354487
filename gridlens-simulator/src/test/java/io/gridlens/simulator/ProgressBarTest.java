package io.gridlens.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  @Test
  void shouldFillOneCellPerShareOfTheTotalDone() {
    // 100 of 300 on 15 cells: 100 x 15 / 300 = 5 full cells, 33 %.
    assertThat(ProgressBar.render("meters", 100, 300, 1.5, 15))
        .isEqualTo("meters [#####----------]  33% 100/300 1.5 s");
  }

  @Test
  void shouldDrawAFullBarWhenDone() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ProgressBar bar = new ProgressBar("m", 4, out, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    bar.step(4);
    bar.finish();

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .endsWith("\rm [##############################] 100% 4/4 0.0 s" + System.lineSeparator());
  }
}
