package io.gridlens.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The in-place ordering of one series' rows of a scan chunk. */
class HandoffTest {

  /** A chunk of rows with these starts and positions, in row order. */
  private static Handoff.Chunk chunk(long[] starts, long[] positions) {
    Handoff.Chunk c = new Handoff.Chunk(starts.length);
    for (int i = 0; i < starts.length; i++) {
      c.start[i] = starts[i];
      c.position[i] = positions[i];
      c.order[i] = i;
    }
    c.n = starts.length;
    return c;
  }

  private static int[] sorted(Handoff.Chunk c) {
    Handoff.sortSeries(c, 0, c.n, new long[c.n]);
    return java.util.Arrays.copyOf(c.order, c.n);
  }

  @Test
  void shouldOrderRowsByStartThenPosition() {
    // Rows: 0 (t=3600, p=9), 1 (t=0, p=5), 2 (t=3600, p=2), 3 (t=1800, p=1).
    // By start: row 1 (0), row 3 (1800), rows 0 and 2 (3600), the latter by position 2 < 9.
    Handoff.Chunk c = chunk(new long[] {3600, 0, 3600, 1800}, new long[] {9, 5, 2, 1});

    assertThat(sorted(c)).containsExactly(1, 3, 2, 0);
  }

  @Test
  void shouldOrderASeriesTooLongForOneKeyALongTheSameWay() {
    // Starts 2^62 s apart (61 bits of span, 3 of row number) do not fit one packed key: the
    // comparator path, same order.
    long far = 1L << 61;
    Handoff.Chunk c = chunk(new long[] {far, -far, 0, far}, new long[] {4, 3, 2, 1});

    assertThat(sorted(c)).containsExactly(1, 2, 3, 0);
  }

  @Test
  void shouldLeaveRowsAlreadyInOrder() {
    Handoff.Chunk c = chunk(new long[] {0, 1800, 1800}, new long[] {1, 2, 3});

    assertThat(sorted(c)).containsExactly(0, 1, 2);
  }
}
