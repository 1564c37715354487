package io.gridlens.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * The laws of the {@link DayReadings} fold (its class Javadoc), property-tested: order
 * independence, merge commutative / associative / idempotent with {@code empty} as identity, and a
 * split at any cut merged back equals the fold of all readings at once (what makes blending exact).
 *
 * <p>Readings are drawn on few slots and few values, so duplicates (same slot, same value, another
 * ingest) and corrections (same slot, another value) are frequent; some readings are delivered
 * twice (same ingest position); the day is the 46-slot spring DST day of Europe/Paris.
 */
class DayReadingsLawsTest {

  private static final DaySlots SLOTS =
      new DaySlots(ZoneId.of("Europe/Paris"), LocalDate.of(2026, 3, 29), 30);
  private static final MeterDayKey KEY = new MeterDayKey("M1", Channel.IMPORT, SLOTS.date());

  /** One drawn reading, before it gets its (unique) ingest position. */
  private record Draw(int slot, long wh, Quality quality, ValueKind kind, int partition) {}

  @Provide
  Arbitrary<List<Reading>> readings() {
    Arbitrary<Integer> slot =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.integers().between(0, 3)),
            Tuple.of(1, Arbitraries.integers().between(0, SLOTS.count() - 1)));
    Arbitrary<Long> wh =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.longs().between(0, 2)),
            Tuple.of(1, Arbitraries.longs().between(-1_000, 1_000_000)));
    Arbitrary<Quality> quality = Arbitraries.of(Quality.ACTUAL, Quality.EDITED, Quality.ESTIMATED);
    Arbitrary<ValueKind> kind = Arbitraries.of(ValueKind.class);
    Arbitrary<Integer> partition = Arbitraries.integers().between(0, 2);
    Arbitrary<Draw> draw = Combinators.combine(slot, wh, quality, kind, partition).as(Draw::new);
    Arbitrary<List<Draw>> draws = draw.list().ofMaxSize(40);
    Arbitrary<List<Integer>> redeliveries =
        Arbitraries.integers().between(0, 39).list().ofMaxSize(8);
    return Combinators.combine(draws, redeliveries).as(DayReadingsLawsTest::ingest);
  }

  /** Gives every draw its own ingest position, then delivers some readings a second time. */
  private static List<Reading> ingest(List<Draw> draws, List<Integer> redeliveries) {
    List<Reading> out = new ArrayList<>();
    for (int i = 0; i < draws.size(); i++) {
      Draw d = draws.get(i);
      Reading r =
          new Reading(
              KEY.meterId(),
              KEY.channel(),
              SLOTS.slotStart(d.slot()),
              SLOTS.intervalMinutes(),
              d.kind(),
              d.wh(),
              d.quality(),
              "test",
              null,
              null);
      out.add(r.ingested(new IngestPosition(d.partition(), i), SLOTS.start()));
    }
    int n = out.size();
    for (int k : redeliveries) {
      if (k < n) {
        out.add(out.get(k));
      }
    }
    return out;
  }

  private static DayReadings fold(List<Reading> readings) {
    DayReadings d = new DayReadings(KEY, SLOTS);
    readings.forEach(d::add);
    return d;
  }

  private static DayReadings merged(DayReadings a, DayReadings b) {
    return a.copy().merge(b);
  }

  @Property
  void shouldFoldToTheSameStateInAnyOrder(
      @ForAll("readings") List<Reading> readings, @ForAll Random random) {
    List<Reading> shuffled = new ArrayList<>(readings);
    Collections.shuffle(shuffled, random);

    assertThat(fold(shuffled)).isEqualTo(fold(readings));
  }

  @Property
  void shouldMergeCommutatively(
      @ForAll("readings") List<Reading> a, @ForAll("readings") List<Reading> b) {
    // Two independent draws may reuse a position for another reading; keep positions unique.
    List<Reading> other = shiftOffsets(b, 1_000);

    assertThat(merged(fold(a), fold(other))).isEqualTo(merged(fold(other), fold(a)));
  }

  @Property
  void shouldMergeAssociatively(
      @ForAll("readings") List<Reading> a,
      @ForAll("readings") List<Reading> b,
      @ForAll("readings") List<Reading> c) {
    DayReadings fa = fold(a);
    DayReadings fb = fold(shiftOffsets(b, 1_000));
    DayReadings fc = fold(shiftOffsets(c, 2_000));

    assertThat(merged(merged(fa, fb), fc)).isEqualTo(merged(fa, merged(fb, fc)));
  }

  @Property
  void shouldMergeIdempotently(@ForAll("readings") List<Reading> readings) {
    DayReadings f = fold(readings);

    assertThat(merged(f, f)).isEqualTo(f);
  }

  @Property
  void shouldChangeNothingWhenAReadingIsFoldedAgain(@ForAll("readings") List<Reading> readings) {
    DayReadings once = fold(readings);
    DayReadings again = once.copy();
    readings.forEach(again::add);

    assertThat(again).isEqualTo(once);
  }

  @Property
  void shouldHaveTheEmptyFoldAsIdentity(@ForAll("readings") List<Reading> readings) {
    DayReadings f = fold(readings);
    DayReadings empty = new DayReadings(KEY, SLOTS);

    assertThat(merged(f, empty)).isEqualTo(f);
    assertThat(merged(empty, f)).isEqualTo(f);
  }

  @Property
  void shouldEqualTheWholeFoldWhenSplitAtAnyCutAndMerged(
      @ForAll("readings") List<Reading> readings, @ForAll @IntRange(min = 0, max = 48) int at) {
    int cut = Math.min(at, readings.size());
    DayReadings batch = fold(readings.subList(0, cut));
    DayReadings speed = batch.copy();
    readings.subList(cut, readings.size()).forEach(speed::add);
    DayReadings speedOnly = fold(readings.subList(cut, readings.size()));

    assertThat(speed).isEqualTo(fold(readings));
    assertThat(merged(batch, speedOnly)).isEqualTo(fold(readings));
  }

  @Example
  void shouldMarkADuplicateAndACorrectionAsTheJavadocSays() {
    // Slot 0: 5 Wh twice at two positions (a duplicate); slot 1: 5 then 7 (a correction, 7 wins).
    DayReadings d = new DayReadings(KEY, SLOTS);
    byte actual = (byte) Quality.ACTUAL.code();
    d.add(0, 5, new IngestPosition(0, 1).packed(), actual, (byte) 0);
    d.add(0, 5, new IngestPosition(0, 2).packed(), actual, (byte) 0);
    d.add(1, 7, new IngestPosition(0, 4).packed(), actual, (byte) 0);
    d.add(1, 5, new IngestPosition(0, 3).packed(), actual, (byte) 0);

    assertThat(d.marks(0)).isEqualTo(DayReadings.MULTI);
    assertThat(d.marks(1)).isEqualTo((byte) (DayReadings.MULTI | DayReadings.CORRECTED));
    assertThat(d.value(1)).isEqualTo(7);
    assertThat(d.maxPosition()).isEqualTo(new IngestPosition(0, 4).packed());
  }

  private static List<Reading> shiftOffsets(List<Reading> readings, long by) {
    List<Reading> out = new ArrayList<>(readings.size());
    for (Reading r : readings) {
      IngestPosition p = r.position();
      out.add(r.ingested(new IngestPosition(p.partition(), p.offset() + by), r.ingestTime()));
    }
    return out;
  }
}
