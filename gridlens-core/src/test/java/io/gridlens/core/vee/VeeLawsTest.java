package io.gridlens.core.vee;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlens.core.DayReadings;
import io.gridlens.core.Flag;
import io.gridlens.core.MeterDay;
import io.gridlens.core.Quality;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Laws of {@link Vee#clean} on random raw days (gaps, negatives, spikes, zeros): pure, never a
 * negative or a silent zero, actual values kept unless a rule rejected them, interpolation inside
 * its neighbours.
 */
class VeeLawsTest {

  private static final LocalDate DAY = LocalDate.of(2026, 10, 25); // 50 half-hours
  private static final long ABSENT = Long.MIN_VALUE;
  private static final int REJECTING =
      Flag.NEGATIVE.mask() | Flag.SPIKE.mask() | Flag.IMPLAUSIBLE_POWER.mask();

  @Provide
  Arbitrary<List<Long>> days() {
    Arbitrary<Long> slot =
        Arbitraries.frequencyOf(
            Tuple.of(10, Arbitraries.longs().between(100, 600)),
            Tuple.of(3, Arbitraries.just(ABSENT)),
            Tuple.of(2, Arbitraries.just(0L)),
            Tuple.of(1, Arbitraries.longs().between(-500, -1)),
            Tuple.of(1, Arbitraries.longs().between(3_000, 20_000)));
    return slot.list().ofSize(50);
  }

  private static DayReadings raw(List<Long> values) {
    RawDay raw = RawDay.of(DAY);
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) != ABSENT) {
        raw.wh(i, values.get(i));
      }
    }
    return raw.build();
  }

  private static MeterDay clean(DayReadings raw) {
    return Vee.clean(raw, RawDay.sixKva(), VeeConfig.DEFAULTS, History.none());
  }

  @Property
  void shouldBePure(@ForAll("days") List<Long> values) {
    DayReadings raw = raw(values);
    DayReadings before = raw.copy();

    assertThat(clean(raw)).isEqualTo(clean(raw));
    assertThat(raw).isEqualTo(before);
  }

  @Property
  void shouldFlagAGapExactlyWhereNothingArrived(@ForAll("days") List<Long> values) {
    MeterDay day = clean(raw(values));

    for (int i = 0; i < values.size(); i++) {
      assertThat(Flag.GAP.in(day.flags(i))).isEqualTo(values.get(i) == ABSENT);
    }
  }

  @Property
  void shouldKeepEveryActualValueNoRuleRejected(@ForAll("days") List<Long> values) {
    MeterDay day = clean(raw(values));

    for (int i = 0; i < values.size(); i++) {
      long v = values.get(i);
      boolean rejected = (day.flags(i) & REJECTING) != 0;
      if (v != ABSENT && !rejected) {
        assertThat(day.quality(i)).isEqualTo(Quality.ACTUAL);
        assertThat(day.wh(i)).isEqualTo(v);
      } else {
        assertThat(day.quality(i)).isIn(Quality.INTERPOLATED, Quality.MISSING);
      }
      assertThat(day.wh(i)).isNotNegative();
    }
  }

  @Property
  void shouldInterpolateBetweenItsNeighbours(@ForAll("days") List<Long> values) {
    MeterDay day = clean(raw(values));

    int i = 0;
    while (i < day.size()) {
      if (day.quality(i) != Quality.INTERPOLATED) {
        i++;
        continue;
      }
      int from = i;
      while (i < day.size() && day.quality(i) == Quality.INTERPOLATED) {
        i++;
      }
      long left = day.wh(from - 1);
      long right = day.wh(i);
      assertThat(i - from).isLessThanOrEqualTo(4);
      for (int j = from; j < i; j++) {
        assertThat(day.wh(j)).isBetween(Math.min(left, right), Math.max(left, right));
      }
    }
  }
}
