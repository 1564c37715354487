package io.gridlens.core.codec;

import io.gridlens.core.Channel;
import io.gridlens.core.DayReadings;
import io.gridlens.core.DaySlots;
import io.gridlens.core.IngestPosition;
import io.gridlens.core.MeterDay;
import io.gridlens.core.MeterDayKey;
import io.gridlens.core.Quality;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Random {@link MeterDay}s for codec laws, DST days and odd slots included. */
final class MeterDayArbitraries {

  /** Spring-forward and fall-back days of the three zones, and their neighbours. */
  private static final List<LocalDate> DST_DAYS =
      List.of(
          LocalDate.of(2024, 3, 31),
          LocalDate.of(2024, 10, 27),
          LocalDate.of(2024, 3, 10),
          LocalDate.of(2024, 11, 3),
          LocalDate.of(2025, 3, 30),
          LocalDate.of(2025, 10, 26),
          LocalDate.of(2024, 10, 26),
          LocalDate.of(1969, 12, 31));

  private MeterDayArbitraries() {}

  /** One slot's content, before the MISSING-means-zero rule is applied. */
  record Slot(
      boolean present,
      long value,
      long positionDelta,
      int rawQuality,
      int marks,
      int cleanQuality,
      long cleanWh,
      int flags) {}

  static Arbitrary<MeterDay> days() {
    Arbitrary<ZoneId> zone =
        Arbitraries.of("Europe/Paris", "UTC", "America/New_York").map(ZoneId::of);
    Arbitrary<LocalDate> date =
        Arbitraries.oneOf(
            Arbitraries.of(DST_DAYS),
            Arbitraries.longs()
                .between(
                    LocalDate.of(1990, 1, 1).toEpochDay(), LocalDate.of(2060, 1, 1).toEpochDay())
                .map(LocalDate::ofEpochDay));
    Arbitrary<Integer> minutes = Arbitraries.of(5, 15, 30, 30, 30, 60);
    Arbitrary<String> meterId =
        Arbitraries.oneOf(
            Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(14),
            Arbitraries.strings()
                .all()
                .ofMinLength(1)
                .ofMaxLength(64)
                .filter(s -> !s.isBlank() && wellFormed(s)));
    Arbitrary<Channel> channel = Arbitraries.of(Channel.class);
    Arbitrary<Long> base =
        Arbitraries.oneOf(
            Arbitraries.longs().between(0, 1000),
            Arbitraries.longs().between(0, Long.MAX_VALUE / 2));
    return Combinators.combine(zone, date, minutes, meterId, channel, base)
        .flatAs(
            (z, d, m, id, c, b) -> {
              DaySlots slots = new DaySlots(z, d, m);
              return slot()
                  .list()
                  .ofSize(slots.count())
                  .map(list -> build(new MeterDayKey(id, c, d), slots, b, list));
            });
  }

  /** Whether a string survives UTF-8: no unpaired surrogate. */
  static boolean wellFormed(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(s);
  }

  private static Arbitrary<Slot> slot() {
    Arbitrary<Long> value =
        Arbitraries.oneOf(
            Arbitraries.longs().between(0, 2_000),
            Arbitraries.longs().between(-100, 100),
            Arbitraries.longs());
    Arbitrary<Long> positionDelta =
        Arbitraries.oneOf(
            Arbitraries.longs().between(0, 50), Arbitraries.longs().between(0, 1L << 50));
    Arbitrary<Long> cleanWh =
        Arbitraries.oneOf(
            Arbitraries.just(-1L), // "same as the raw value when that is a valid cleaned value"
            Arbitraries.longs().between(0, 5_000),
            Arbitraries.longs().between(0, Long.MAX_VALUE));
    Arbitrary<Integer> flags =
        Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.just(0)),
            Tuple.of(2, Arbitraries.integers().between(0, 1 << 12)),
            Tuple.of(1, Arbitraries.integers()));
    return Combinators.combine(
            Arbitraries.of(true, true, true, false),
            value,
            positionDelta,
            Arbitraries.integers().between(0, 4),
            Arbitraries.integers().between(0, 7),
            Arbitraries.integers().between(0, 5),
            cleanWh,
            flags)
        .as(Slot::new);
  }

  static MeterDay build(MeterDayKey key, DaySlots slots, long base, List<Slot> spec) {
    int n = spec.size();
    long[] value = new long[n];
    long[] position = new long[n];
    byte[] rawQuality = new byte[n];
    byte[] marks = new byte[n];
    long[] wh = new long[n];
    byte[] quality = new byte[n];
    int[] flags = new int[n];
    for (int i = 0; i < n; i++) {
      Slot s = spec.get(i);
      if (s.present()) {
        value[i] = s.value();
        position[i] = Math.min(base + s.positionDelta(), Long.MAX_VALUE);
        rawQuality[i] = (byte) s.rawQuality();
        marks[i] = (byte) s.marks();
      } else {
        position[i] = IngestPosition.NONE;
        rawQuality[i] = (byte) Quality.MISSING.code();
      }
      quality[i] = (byte) s.cleanQuality();
      if (s.cleanQuality() == Quality.MISSING.code()) {
        wh[i] = 0;
      } else if (s.cleanWh() < 0) {
        wh[i] = Math.max(0, value[i]);
      } else {
        wh[i] = s.cleanWh();
      }
      flags[i] = s.flags();
    }
    return new MeterDay(
        DayReadings.of(key, slots, value, position, rawQuality, marks), wh, quality, flags);
  }
}
