package io.gridlens.speed;

import io.gridlens.core.Channel;
import io.gridlens.core.DayContext;
import io.gridlens.core.DayReadings;
import io.gridlens.core.DaySlots;
import io.gridlens.core.IngestPosition;
import io.gridlens.core.MeterDay;
import io.gridlens.core.MeterDayKey;
import io.gridlens.core.Quality;
import io.gridlens.core.Reading;
import io.gridlens.core.ValueKind;
import io.gridlens.core.codec.ReadingBatchCodec;
import io.gridlens.core.insight.DayInsights;
import io.gridlens.core.reference.CarbonIntensity;
import io.gridlens.core.reference.DwellingType;
import io.gridlens.core.reference.HeatingEnergy;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.reference.Premise;
import io.gridlens.core.reference.ReferenceData;
import io.gridlens.core.reference.Validity;
import io.gridlens.core.testkit.TestTariffs;
import io.gridlens.core.vee.History;
import io.gridlens.core.vee.Vee;
import io.gridlens.core.vee.VeeConfig;
import io.gridlens.core.view.ViewRow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The world of the speed tests: half-hourly meters in Paris on a BASE tariff of 0.25 EUR/kWh with
 * no standing charge (so cost = kWh / 4) in a region of a fixed 50 g CO2/kWh (so carbon = kWh × 50
 * g), and the batch computed by the core functions directly — the oracle "batch(all)".
 */
final class SpeedFixtures {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final String REGION = "FR-IDF";
  static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);

  private SpeedFixtures() {}

  /** Reference data of some meters: Paris, 30 min, BASE 0.25 EUR/kWh, 50 g/kWh. */
  static ReferenceData reference(Collection<String> meterIds) {
    InMemoryReferenceData.Builder b =
        InMemoryReferenceData.builder().carbon(CarbonIntensity.fixed(REGION, 50.0));
    for (String id : meterIds) {
      b.meter(new Meter(id, TestTariffs.TENANT, "P-" + id, "C-" + id, PARIS, 30))
          .premise(
              new Premise(
                  "P-" + id,
                  TestTariffs.TENANT,
                  PARIS,
                  REGION,
                  DwellingType.HOUSE,
                  90,
                  HeatingEnergy.ELECTRIC,
                  3,
                  Validity.ALWAYS))
          .contract(TestTariffs.base(id, 0.25, 0));
    }
    return b.build();
  }

  /** Start of a slot of a Paris half-hourly day. */
  static Instant slot(LocalDate date, int i) {
    return new DaySlots(PARIS, date, 30).slotStart(i);
  }

  /** An actual import reading of a slot, not yet ingested. */
  static Reading reading(String meter, LocalDate date, int slot, long wh) {
    return reading(meter, date, slot, wh, Quality.ACTUAL);
  }

  static Reading reading(String meter, LocalDate date, int slot, long wh, Quality q) {
    DaySlots slots = new DaySlots(PARIS, date, 30);
    Instant start = slots.slotStart(Math.min(slot, slots.count() - 1)); // DST days have 46 or 50
    return new Reading(
        meter, Channel.IMPORT, start, 30, ValueKind.INTERVAL, wh, q, "test", null, null);
  }

  /** The value of a {@code readings} record: the readings of one meter, in their order. */
  static byte[] record(List<Reading> readings) {
    return ReadingBatchCodec.encode(readings);
  }

  static byte[] record(Reading... readings) {
    return record(List.of(readings));
  }

  /**
   * The batch of some ingested readings, by the core functions alone: folded per meter-day, cleaned
   * without history, with the day's insights.
   */
  static Map<MeterDayKey, ViewRow> batch(Collection<Reading> ingested, ReferenceData ref) {
    Map<MeterDayKey, DayReadings> folds = new TreeMap<>();
    for (Reading r : ingested) {
      Meter m = ref.meter(r.meterId()).orElseThrow();
      LocalDate date = DaySlots.localDate(r.intervalStart(), m.zone());
      MeterDayKey key = new MeterDayKey(r.meterId(), r.channel(), date);
      folds.computeIfAbsent(key, k -> new DayReadings(k, new DaySlots(m.zone(), date, 30))).add(r);
    }
    Map<MeterDayKey, ViewRow> rows = new TreeMap<>();
    folds.forEach(
        (k, f) -> {
          DayContext ctx = DayContext.of(ref, k.meterId(), k.date());
          MeterDay day = Vee.clean(f, ctx, VeeConfig.DEFAULTS, History.none());
          rows.put(k, new ViewRow(day, DayInsights.of(day, ctx)));
        });
    return rows;
  }

  /** Readings logged at partition 0 from offset {@code first} on, one offset each. */
  static List<Reading> ingestedFrom(long first, Reading... readings) {
    List<Reading> out = new ArrayList<>();
    for (int i = 0; i < readings.length; i++) {
      out.add(readings[i].ingested(new IngestPosition(0, first + i), Instant.EPOCH));
    }
    return out;
  }
}
