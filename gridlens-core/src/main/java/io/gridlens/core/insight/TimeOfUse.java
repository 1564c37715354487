package io.gridlens.core.insight;

import io.gridlens.core.DaySlots;
import io.gridlens.core.reference.Contract;
import io.gridlens.core.reference.Period;
import io.gridlens.core.reference.TariffKind;
import io.gridlens.core.reference.TempoCalendar;
import io.gridlens.core.reference.TempoColour;
import io.gridlens.core.reference.TimeWindow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tariff period of each interval of a local day under a contract: the rule behind the
 * time-of-use split and the cost.
 *
 * <ul>
 *   <li>{@link TariffKind#BASE}: every interval is {@link Period#BASE};
 *   <li>{@link TariffKind#HPHC}: {@link Period#HC} when the local wall-clock time of the interval
 *       START is in one of the contract's off-peak windows, else {@link Period#HP};
 *   <li>{@link TariffKind#TEMPO}: the colour of the Tempo day the interval start falls in (Tempo
 *       day {@code D} runs from 06:00 on {@code D} to 06:00 on {@code D + 1}, local time, so
 *       intervals before 06:00 take the previous day's colour) times HP/HC as for HPHC.
 * </ul>
 *
 * <p>Local time is the real local time of each interval: on a DST change day the 46 or 50
 * half-hours each get their own offset (02:00-02:30 happens twice on the autumn change day in
 * Europe/Paris, and not at all in spring).
 *
 * <p>Design note: the period of a slot depends only on (zone, date, interval length, tariff,
 * off-peak windows, the two Tempo colours the day touches), which millions of meters share. The
 * plan of a day is therefore computed once per such key and memoised (bounded), so the hot loop of
 * {@link DayInsights#of} reads a {@code byte} per interval and creates no date-time objects.
 * Thread-safe.
 */
public final class TimeOfUse {

  /** Above this many memoised plans the memo is dropped and refilled (bounds its memory). */
  static final int MAX_PLANS = 16_384;

  private static final Period[] PERIODS = Period.values();
  private static final int TEMPO_DAY_START_SECOND = 6 * 3600;
  private static final ConcurrentHashMap<PlanKey, DayPlan> PLANS = new ConcurrentHashMap<>();

  private TimeOfUse() {}

  /**
   * The period of every interval of a local day, in slot order.
   *
   * @param slots the day
   * @param contract the contract in force that day
   * @param tempo the Tempo colours (read only for a TEMPO contract)
   * @return a new array of {@code slots.count()} periods
   */
  public static Period[] periods(DaySlots slots, Contract contract, TempoCalendar tempo) {
    DayPlan plan = plan(slots, contract, tempo);
    Period[] out = new Period[plan.periods.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = PERIODS[plan.periods[i]];
    }
    return out;
  }

  /** The memoised plan of a day, with periods when a contract is given (null: none). */
  static DayPlan plan(DaySlots slots, Contract contract, TempoCalendar tempo) {
    PlanKey key = PlanKey.of(slots, contract, tempo);
    DayPlan plan = PLANS.get(key);
    if (plan == null) {
      plan = DayPlan.compute(key);
      if (PLANS.size() >= MAX_PLANS) {
        PLANS.clear();
      }
      PLANS.putIfAbsent(key, plan);
    }
    return plan;
  }

  /** Everything a day's periods depend on; tariff, windows and colours are null when unused. */
  record PlanKey(
      DaySlots slots,
      TariffKind tariff,
      List<TimeWindow> offPeak,
      TempoColour colourBefore,
      TempoColour colourOn) {

    static PlanKey of(DaySlots slots, Contract contract, TempoCalendar tempo) {
      Objects.requireNonNull(slots, "slots");
      if (contract == null) {
        return new PlanKey(slots, null, null, null, null);
      }
      return switch (contract.tariff()) {
        case BASE -> new PlanKey(slots, TariffKind.BASE, null, null, null);
        case HPHC -> new PlanKey(slots, TariffKind.HPHC, contract.offPeak(), null, null);
        case TEMPO -> {
          Objects.requireNonNull(tempo, "tempo");
          LocalDate d = slots.date();
          yield new PlanKey(
              slots,
              TariffKind.TEMPO,
              contract.offPeak(),
              tempo.colour(d.minusDays(1)),
              tempo.colour(d));
        }
      };
    }
  }

  /**
   * The precomputed shape of a local day: its first instant and, under a tariff, the period ordinal
   * of each slot.
   *
   * @param startEpochSecond first instant of the day, epoch seconds
   * @param slotSeconds interval length in seconds
   * @param periods {@link Period#ordinal()} per slot, or null when there is no contract; shared,
   *     never written after construction
   */
  record DayPlan(long startEpochSecond, int slotSeconds, byte[] periods) {

    static DayPlan compute(PlanKey key) {
      DaySlots slots = key.slots();
      long start = slots.start().getEpochSecond();
      int len = slots.intervalMinutes() * 60;
      if (key.tariff() == null) {
        return new DayPlan(start, len, null);
      }
      int n = slots.count();
      byte[] periods = new byte[n];
      ZoneRules rules = slots.zone().getRules();
      LocalDate date = slots.date();
      for (int i = 0; i < n; i++) {
        long t = start + (long) i * len;
        ZoneOffset offset = rules.getOffset(Instant.ofEpochSecond(t));
        long local = t + offset.getTotalSeconds();
        int secondOfDay = (int) Math.floorMod(local, 86_400L);
        periods[i] = (byte) periodOf(key, date, local, secondOfDay).ordinal();
      }
      return new DayPlan(start, len, periods);
    }

    private static Period periodOf(PlanKey key, LocalDate date, long local, int secondOfDay) {
      switch (key.tariff()) {
        case BASE:
          return Period.BASE;
        case HPHC:
          return offPeak(key.offPeak(), secondOfDay) ? Period.HC : Period.HP;
        case TEMPO:
          LocalDate tempoDay =
              LocalDate.ofEpochDay(Math.floorDiv(local - TEMPO_DAY_START_SECOND, 86_400L));
          TempoColour colour = tempoDay.isBefore(date) ? key.colourBefore() : key.colourOn();
          return Period.tempo(colour, offPeak(key.offPeak(), secondOfDay));
        default:
          throw new IllegalStateException("unknown tariff " + key.tariff());
      }
    }

    private static boolean offPeak(List<TimeWindow> windows, int secondOfDay) {
      LocalTime t = LocalTime.ofSecondOfDay(secondOfDay);
      for (TimeWindow w : windows) {
        if (w.contains(t)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * A checked copy of a time-of-use split: no null period or value, no negative value.
   *
   * @throws IllegalArgumentException naming the period whose value is wrong
   */
  static EnumMap<Period, Long> checkedCopy(Map<Period, Long> touWh) {
    Objects.requireNonNull(touWh, "touWh");
    EnumMap<Period, Long> tou = new EnumMap<>(Period.class);
    for (Map.Entry<Period, Long> e : touWh.entrySet()) {
      long v = Objects.requireNonNull(e.getValue(), () -> "touWh of " + e.getKey());
      if (v < 0) {
        throw new IllegalArgumentException("touWh of " + e.getKey() + " must be >= 0, was " + v);
      }
      tou.put(Objects.requireNonNull(e.getKey(), "touWh period"), v);
    }
    return tou;
  }

  /** The Wh of all periods of a split. */
  static long sum(Map<Period, Long> tou) {
    long s = 0;
    for (long v : tou.values()) {
      s += v;
    }
    return s;
  }
}
