package io.gridlens.core.insight;

import static io.gridlens.core.insight.HistoryDays.MISSING;
import static io.gridlens.core.insight.HistoryDays.day;
import static io.gridlens.core.insight.HistoryDays.flat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gridlens.core.MeterDay;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class AlwaysOnTest {

  private static final LocalDate AS_OF = LocalDate.of(2024, 3, 14);

  /** A day of 24 hourly intervals: {@code low} intervals of {@code lowWh}, the rest 1000 Wh. */
  private static MeterDay hourly(LocalDate date, int low, long lowWh) {
    long[] wh = new long[24];
    Arrays.fill(wh, 1000);
    Arrays.fill(wh, 0, low, lowWh);
    return day(date, 60, wh);
  }

  @Test
  void shouldAverageTheLowestTenthOfIntervalPowersOverFourteenDays() {
    List<MeterDay> days = new ArrayList<>();
    for (int d = 0; d < 14; d++) {
      LocalDate date = AS_OF.minusDays(13 - d);
      days.add(d < 7 ? hourly(date, 2, 80) : hourly(date, 3, 120));
    }

    AlwaysOn on = AlwaysOn.trailing(days, AS_OF).orElseThrow();

    // 14 x 24 = 336 hourly powers; ceil(10 % of 336) = 34 lowest: the 14 of 80 W and 20 of the
    // 21 of 120 W. (14 x 80 + 20 x 120) / 34 = 3520 / 34 = 103.5294 W; x 24 / 1000 = 2.4847 kWh.
    assertThat(on.intervals()).isEqualTo(34);
    assertThat(on.watts()).isCloseTo(103.529411764706, within(1e-9));
    assertThat(on.kwhPerDay()).isCloseTo(2.484705882353, within(1e-9));
    assertThat(on.asOf()).isEqualTo(AS_OF);
  }

  @Test
  void shouldConvertHalfHourEnergyToPower() {
    List<MeterDay> days = new ArrayList<>();
    for (int d = 0; d < 14; d++) {
      days.add(flat(AS_OF.minusDays(d), 30, 50));
    }

    // 50 Wh in 30 min is 100 W; 100 W x 24 h = 2.4 kWh a day.
    AlwaysOn on = AlwaysOn.trailing(days, AS_OF).orElseThrow();

    assertThat(on.watts()).isEqualTo(100.0);
    assertThat(on.kwhPerDay()).isCloseTo(2.4, within(1e-12));
  }

  @Test
  void shouldIgnoreMissingIntervals() {
    List<MeterDay> days = new ArrayList<>();
    for (int d = 0; d < 14; d++) {
      long[] wh = new long[24];
      Arrays.fill(wh, 500);
      wh[3] = MISSING;
      wh[4] = MISSING;
      wh[5] = MISSING;
      days.add(day(AS_OF.minusDays(d), 60, wh));
    }

    AlwaysOn on = AlwaysOn.trailing(days, AS_OF).orElseThrow();

    // 14 x 21 = 294 measured intervals of 500 W; the missing ones (stored as 0) do not count.
    assertThat(on.watts()).isEqualTo(500.0);
    assertThat(on.intervals()).isEqualTo(30); // ceil(29.4)
  }

  @Test
  void shouldIgnoreDaysOutsideTheWindow() {
    List<MeterDay> days = new ArrayList<>();
    for (int d = 0; d < 14; d++) {
      days.add(flat(AS_OF.minusDays(d), 60, 300));
    }
    days.add(flat(AS_OF.minusDays(14), 60, 0));
    days.add(flat(AS_OF.plusDays(1), 60, 0));

    assertThat(AlwaysOn.trailing(days, AS_OF).orElseThrow().watts()).isEqualTo(300.0);
  }

  @Test
  void shouldGiveNothingUnder168HoursOfData() {
    List<MeterDay> six = new ArrayList<>();
    for (int d = 0; d < 6; d++) {
      six.add(flat(AS_OF.minusDays(d), 60, 300));
    }
    List<MeterDay> seven = new ArrayList<>(six);
    seven.add(flat(AS_OF.minusDays(6), 60, 300));

    assertThat(AlwaysOn.trailing(six, AS_OF)).isEmpty(); // 144 h
    assertThat(AlwaysOn.trailing(seven, AS_OF)).isPresent(); // 168 h
    assertThat(AlwaysOn.trailing(List.of(), AS_OF)).isEmpty();
  }

  @Test
  void shouldRejectTwoDaysWithTheSameDate() {
    List<MeterDay> days = List.of(flat(AS_OF, 60, 1), flat(AS_OF, 60, 2));

    assertThatThrownBy(() -> AlwaysOn.trailing(days, AS_OF))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two days")
        .hasMessageContaining(AS_OF.toString());
  }

  @Test
  void shouldRejectDaysOfTwoMeters() {
    long[] wh = new long[24];
    List<MeterDay> days = List.of(flat(AS_OF, 60, 1), day("other", AS_OF.minusDays(1), 60, wh));

    assertThatThrownBy(() -> AlwaysOn.trailing(days, AS_OF))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one meter")
        .hasMessageContaining("other");
  }

  @Property(tries = 200)
  void shouldNotDependOnTheOrderOfDaysNorOnWhichDateCarriesWhichProfile(
      @ForAll @Size(14) List<@Size(24) List<@LongRange(min = 0, max = 3000) Long>> profiles,
      @ForAll long seed) {
    List<MeterDay> days = new ArrayList<>();
    for (int d = 0; d < 14; d++) {
      days.add(day(AS_OF.minusDays(d), 60, toArray(profiles.get(d))));
    }
    List<List<Long>> permuted = new ArrayList<>(profiles);
    Collections.shuffle(permuted, new Random(seed));
    List<MeterDay> moved = new ArrayList<>();
    for (int d = 0; d < 14; d++) {
      moved.add(day(AS_OF.minusDays(d), 60, toArray(permuted.get(d))));
    }
    Collections.shuffle(moved, new Random(~seed));

    assertThat(AlwaysOn.trailing(moved, AS_OF)).isEqualTo(AlwaysOn.trailing(days, AS_OF));
  }

  private static long[] toArray(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).toArray();
  }
}
