package io.gridlens.api;

import io.gridlens.core.Channel;
import io.gridlens.core.Cut;
import io.gridlens.core.DayContext;
import io.gridlens.core.DayReadings;
import io.gridlens.core.DaySlots;
import io.gridlens.core.IngestPosition;
import io.gridlens.core.MeterDay;
import io.gridlens.core.MeterDayKey;
import io.gridlens.core.Quality;
import io.gridlens.core.Reading;
import io.gridlens.core.ValueKind;
import io.gridlens.core.insight.DayInsights;
import io.gridlens.core.reference.CarbonIntensity;
import io.gridlens.core.reference.Contract;
import io.gridlens.core.reference.DwellingType;
import io.gridlens.core.reference.HeatingEnergy;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.reference.Period;
import io.gridlens.core.reference.Premise;
import io.gridlens.core.reference.TariffKind;
import io.gridlens.core.reference.TimeWindow;
import io.gridlens.core.reference.Validity;
import io.gridlens.core.reference.Weather;
import io.gridlens.core.vee.History;
import io.gridlens.core.vee.Vee;
import io.gridlens.core.vee.VeeConfig;
import io.gridlens.core.view.BatchVersion;
import io.gridlens.core.view.TypedViewStore;
import io.gridlens.core.view.ViewRow;
import io.gridlens.core.view.ViewStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;

/**
 * The data of the API tests, built through the core functions (readings folded, {@link Vee#clean},
 * {@link DayInsights#of}) and loaded into a real view store.
 *
 * <p>Meters, all in Europe/Paris, half-hourly (48 slots a day, but 50 on 2025-10-26):
 *
 * <ul>
 *   <li>{@code M1} (tenant t1, customer C1): HPHC, off-peak 22:00-06:00, HP 0.2081, HC 0.1635
 *       EUR/kWh, standing 36.5 EUR/year (0.1 EUR/day in 2025 and 2026); carbon fixed 50 g/kWh.
 *       Batch version 1 (cut {0: 1000}) holds 2025-12-01..2026-01-31, every slot 100 Wh (4.8
 *       kWh/day), except 2026-01-28 (every slot 300 Wh: 14.4 kWh) and 2026-01-29 (slots 40..47
 *       never sent: 40 x 100 = 4.0 kWh, 8 missing). The speed view holds 2026-01-30 with slot 10
 *       corrected to 400 Wh at offset 2000 (47 x 100 + 400 = 5.1 kWh) and 2026-02-01 at 200 Wh a
 *       slot, offsets 1000.. (9.6 kWh). A flat 4.8 kWh day: HC = 16 slots (22:00-06:00) x 0.1 = 1.6
 *       kWh, HP = 3.2 kWh; cost = 3.2 x 0.2081 + 1.6 x 0.1635 + 0.1 = 1.02752 EUR; CO2 = 4.8 x 50 =
 *       240 g.
 *   <li>{@code M2} (tenant t1, customer C2): premise in FR-IDF, whose daily mean temperature on day
 *       index i (from 2025-09-01) is {@code 4 + i mod 19} °C. Batch days 2025-09-01.. 2025-12-29
 *       (120 days): slots 0..11 = 50 Wh (100 W always-on), slots 12..31 = 150 + 100 x HDD Wh, slots
 *       32..47 = 150 Wh, with HDD = max(0, 18 - T): 6 + 2 x HDD kWh a day.
 *   <li>{@code M3} (tenant t2, customer C3): one batch day, 2026-01-05, 48 x 100 Wh.
 * </ul>
 */
final class ApiFixture {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final Instant NOW = Instant.parse("2026-02-02T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final BatchVersion V1 =
      new BatchVersion(1, Cut.of(0, 1000), Instant.parse("2026-02-01T02:00:00Z"));
  static final LocalDate M2_FIRST = LocalDate.of(2025, 9, 1);
  static final int M2_DAYS = 120;

  private ApiFixture() {}

  static Meter meter(String id, String tenant, String customer) {
    return new Meter(id, tenant, "P-" + id, customer, PARIS, 30);
  }

  static Contract hphc(String meterId, String tenant) {
    return new Contract(
        meterId,
        tenant,
        Validity.ALWAYS,
        TariffKind.HPHC,
        6,
        List.of(TimeWindow.parse("22:00-06:00")),
        Map.of(Period.HP, 0.2081, Period.HC, 0.1635),
        36.5);
  }

  static double temperature(LocalDate d) {
    long i = d.toEpochDay() - M2_FIRST.toEpochDay();
    return 4 + Math.floorMod(i, 19);
  }

  static InMemoryReferenceData reference() {
    Map<LocalDate, Double> temps = new HashMap<>();
    for (int i = 0; i < 400; i++) {
      LocalDate d = M2_FIRST.plusDays(i);
      temps.put(d, temperature(d));
    }
    InMemoryReferenceData.Builder b =
        InMemoryReferenceData.builder()
            .weather(new Weather("FR-IDF", temps))
            .carbon(CarbonIntensity.fixed("FR-CARBON", 50));
    meters().forEach(b::meter);
    premises().forEach(b::premise);
    contracts().forEach(b::contract);
    return b.build();
  }

  static List<Meter> meters() {
    return List.of(meter("M1", "t1", "C1"), meter("M2", "t1", "C2"), meter("M3", "t2", "C3"));
  }

  static List<Contract> contracts() {
    return List.of(hphc("M1", "t1"));
  }

  static List<Premise> premises() {
    return List.of(
        new Premise(
            "P-M2",
            "t1",
            PARIS,
            "FR-IDF",
            DwellingType.HOUSE,
            90,
            HeatingEnergy.ELECTRIC,
            3,
            Validity.ALWAYS),
        new Premise(
            "P-M1",
            "t1",
            PARIS,
            "FR-CARBON",
            DwellingType.APARTMENT,
            45,
            HeatingEnergy.GAS,
            2,
            Validity.ALWAYS));
  }

  /**
   * A cleaned view row of one day, from readings at {@code offset0 + slot} of partition 0: the
   * slots whose value is negative are not sent.
   */
  static ViewRow row(
      InMemoryReferenceData ref,
      String meterId,
      LocalDate date,
      IntToLongFunction whOfSlot,
      long offset0) {
    DaySlots slots = new DaySlots(PARIS, date, 30);
    DayReadings raw = new DayReadings(new MeterDayKey(meterId, Channel.IMPORT, date), slots);
    for (int i = 0; i < slots.count(); i++) {
      long wh = whOfSlot.applyAsLong(i);
      if (wh >= 0) {
        raw.add(reading(meterId, slots.slotStart(i), wh, offset0 + i));
      }
    }
    DayContext ctx = DayContext.of(ref, meterId, date);
    MeterDay day = Vee.clean(raw, ctx, VeeConfig.defaults(), History.none());
    return new ViewRow(day, DayInsights.of(day, ctx));
  }

  static Reading reading(String meterId, Instant start, long wh, long offset) {
    return new Reading(
        meterId,
        Channel.IMPORT,
        start,
        30,
        ValueKind.INTERVAL,
        wh,
        Quality.ACTUAL,
        "test",
        NOW,
        new IngestPosition(0, offset));
  }

  /** Loads batch version 1 and the speed rows described above, and publishes version 1. */
  static void load(ViewStore store, InMemoryReferenceData ref) {
    TypedViewStore views = new TypedViewStore(store);
    List<ViewRow> batch = new ArrayList<>();
    for (LocalDate d = LocalDate.of(2025, 12, 1);
        !d.isAfter(LocalDate.of(2026, 1, 31));
        d = d.plusDays(1)) {
      IntToLongFunction wh;
      if (d.equals(LocalDate.of(2026, 1, 28))) {
        wh = i -> 300;
      } else if (d.equals(LocalDate.of(2026, 1, 29))) {
        wh = i -> i >= 40 ? -1 : 100;
      } else {
        wh = i -> 100;
      }
      batch.add(row(ref, "M1", d, wh, 0));
    }
    for (int k = 0; k < M2_DAYS; k++) {
      LocalDate d = M2_FIRST.plusDays(k);
      long hdd = (long) Math.max(0, 18 - temperature(d));
      // The 50-slot day of 2025-10-26 gets 0 Wh in its two extra slots, so every day is 6 + 2 HDD.
      batch.add(
          row(ref, "M2", d, i -> i < 12 ? 50 : i < 32 ? 150 + 100 * hdd : i < 48 ? 150 : 0, 0));
    }
    batch.add(row(ref, "M3", LocalDate.of(2026, 1, 5), i -> 100, 0));
    views.putBatch(V1.number(), batch);
    views.publish(V1);

    // 2026-01-30: the batch day with slot 10 corrected to 400 Wh, logged at offset 2000.
    LocalDate jan30 = LocalDate.of(2026, 1, 30);
    views.putSpeed(corrected(ref, jan30));
    views.putSpeed(row(ref, "M1", LocalDate.of(2026, 2, 1), i -> 200, 1000));
  }

  /** The speed row of 2026-01-30: the batch readings, then slot 10 again at offset 2000. */
  private static ViewRow corrected(InMemoryReferenceData ref, LocalDate date) {
    DaySlots slots = new DaySlots(PARIS, date, 30);
    DayReadings raw = new DayReadings(new MeterDayKey("M1", Channel.IMPORT, date), slots);
    for (int i = 0; i < slots.count(); i++) {
      raw.add(reading("M1", slots.slotStart(i), 100, i));
    }
    raw.add(reading("M1", slots.slotStart(10), 400, 2000));
    DayContext ctx = DayContext.of(ref, "M1", date);
    MeterDay day = Vee.clean(raw, ctx, VeeConfig.defaults(), History.none());
    return new ViewRow(day, DayInsights.of(day, ctx));
  }
}
