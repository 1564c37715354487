package io.gridlens.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CutTest {

  @Test
  void shouldContainReadingsBelowTheOffsetOfTheirPartition() {
    Cut cut = Cut.of(0, 1042, 1, 998);

    assertThat(cut.contains(new IngestPosition(0, 1041))).isTrue();
    assertThat(cut.contains(new IngestPosition(0, 1042))).isFalse();
    assertThat(cut.contains(new IngestPosition(1, 997))).isTrue();
    assertThat(cut.contains(new IngestPosition(1, 998))).isFalse();
  }

  @Test
  void shouldContainNothingOfAPartitionItDoesNotName() {
    Cut cut = Cut.of(0, 1042);

    assertThat(cut.offset(7)).isZero();
    assertThat(cut.contains(new IngestPosition(7, 0))).isFalse();
    assertThat(Cut.EMPTY.contains(new IngestPosition(0, 0))).isFalse();
  }

  @Test
  void shouldContainTheAbsentPosition() {
    assertThat(Cut.EMPTY.contains(IngestPosition.NONE)).isTrue();
  }

  @Test
  void shouldSortAndCopyItsOffsets() {
    java.util.HashMap<Integer, Long> m = new java.util.HashMap<>(Map.of(3, 5L, 1, 9L));
    Cut cut = new Cut(m);
    m.put(2, 1L);

    assertThat(cut.offsets()).containsExactly(Map.entry(1, 9L), Map.entry(3, 5L));
  }

  @Test
  void shouldRejectANegativeOffsetNamingThePartition() {
    assertThatThrownBy(() -> Cut.of(4, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("partition 4")
        .hasMessageContaining("-1");
  }

  @Test
  void shouldRejectAnOddNumberOfValues() {
    assertThatThrownBy(() -> Cut.of(0, 1, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pairs");
  }
}
