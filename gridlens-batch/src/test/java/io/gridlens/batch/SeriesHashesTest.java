package io.gridlens.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeriesHashesTest {

  @Test
  void shouldGiveEverySeriesBackByItsHash() {
    Random random = new Random(5);
    long[] hashes = new long[10_000];
    Set<Long> seen = new HashSet<>();
    for (int sid = 0; sid < hashes.length; sid++) {
      long h;
      do {
        h = random.nextLong() >>> 1;
      } while (!seen.add(h));
      hashes[sid] = h;
    }
    // Hashes that differ only in their high bits land on the same first slot.
    hashes[1] = hashes[0] + (1L << 40);

    SeriesHashes table = SeriesHashes.of(hashes);

    assertThat(table).isNotNull();
    for (int sid = 0; sid < hashes.length; sid++) {
      assertThat(table.sid(hashes[sid])).as("series %d", sid).isEqualTo(sid);
    }
  }

  @Test
  void shouldAnswerMinusOneForAHashOfNoSeries() {
    SeriesHashes table = SeriesHashes.of(new long[] {3, 17, 0});

    assertThat(table.sid(4)).isEqualTo(-1);
    assertThat(table.sid(0)).isEqualTo(2);
  }

  @Test
  void shouldRefuseAPlanWhereTwoSeriesShareAHash() {
    assertThat(SeriesHashes.of(new long[] {8, 9, 8})).isNull();
  }

  @Test
  void shouldRejectANegativeHash() {
    assertThatThrownBy(() -> SeriesHashes.of(new long[] {1, -2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("series 1 has -2");
  }
}
