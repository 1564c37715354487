package io.gridlens.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DuckDbEngineSettingsTest {

  @Test
  void shouldSizeChunksToAnEighthOfTheHeapAt37BytesAReading() {
    // 3 GiB = 3,221,225,472 bytes; / 8 = 402,653,184; / 37 = 10,882,518 readings.
    assertThat(DuckDbEngine.Settings.chunkReadingsForHeap(3L << 30)).isEqualTo(10_882_518L);
  }

  @Test
  void shouldKeepChunksBetweenOneAndThirtyTwoMillionReadings() {
    assertThat(DuckDbEngine.Settings.chunkReadingsForHeap(256L << 20)).isEqualTo(1_000_000L);
    assertThat(DuckDbEngine.Settings.chunkReadingsForHeap(64L << 30)).isEqualTo(32_000_000L);
  }

  @Test
  void shouldNameAMalformedMemoryLimit() {
    assertThatThrownBy(() -> new DuckDbEngine.Settings("2 gigs", 2, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("memoryLimit must look like 512MB or 2GB, was '2 gigs'");
  }
}
