package io.gridlens.core.vee;

import io.gridlens.core.Channel;
import io.gridlens.core.DayContext;
import io.gridlens.core.DayReadings;
import io.gridlens.core.DaySlots;
import io.gridlens.core.IngestPosition;
import io.gridlens.core.MeterDayKey;
import io.gridlens.core.Quality;
import io.gridlens.core.reference.TempoCalendar;
import io.gridlens.core.testkit.TestTariffs;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Raw folds for VEE tests, written slot by slot: each call is one more ingested reading, at the
 * next ingest position, so a second call on a slot is a duplicate or a correction.
 */
final class RawDay {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final String METER = "M1";

  private final DayReadings fold;
  private long nextOffset;

  private RawDay(DaySlots slots) {
    this.fold = new DayReadings(new MeterDayKey(METER, Channel.IMPORT, slots.date()), slots);
  }

  /** An empty half-hourly day of meter M1 in Europe/Paris. */
  static RawDay of(LocalDate date) {
    return new RawDay(new DaySlots(PARIS, date, 30));
  }

  /** One actual interval reading. */
  RawDay wh(int slot, long wh) {
    return add(slot, wh, Quality.ACTUAL, (byte) 0);
  }

  /** The same actual value for slots {@code from} (inclusive) to {@code to} (exclusive). */
  RawDay wh(int from, int to, long wh) {
    for (int i = from; i < to; i++) {
      wh(i, wh);
    }
    return this;
  }

  /** The same actual value for every slot. */
  RawDay whAll(long wh) {
    return wh(0, count(), wh);
  }

  /** One interval reading estimated by the sender. */
  RawDay estimated(int slot, long wh) {
    return add(slot, wh, Quality.ESTIMATED, (byte) 0);
  }

  /** One actual register read: the cumulative index at the END of the slot. */
  RawDay register(int slot, long index) {
    return add(slot, index, Quality.ACTUAL, DayReadings.REGISTER);
  }

  /** One register read estimated by the sender. */
  RawDay estimatedRegister(int slot, long index) {
    return add(slot, index, Quality.ESTIMATED, DayReadings.REGISTER);
  }

  private RawDay add(int slot, long value, Quality q, byte kind) {
    fold.add(slot, value, new IngestPosition(0, nextOffset++).packed(), (byte) q.code(), kind);
    return this;
  }

  int count() {
    return fold.size();
  }

  DaySlots slots() {
    return fold.slots();
  }

  /** A copy of the fold so far. */
  DayReadings build() {
    return fold.copy();
  }

  /** The context of meter M1 without a contract. */
  static DayContext noContract() {
    return DayContext.bare(TestTariffs.meter(METER, PARIS, 30));
  }

  /** The context of meter M1 with a 6 kVA BASE contract. */
  static DayContext sixKva() {
    return new DayContext(
        TestTariffs.meter(METER, PARIS, 30),
        null,
        TestTariffs.base(METER, 0.2016, 150.0),
        TempoCalendar.ALL_BLUE,
        null);
  }
}
