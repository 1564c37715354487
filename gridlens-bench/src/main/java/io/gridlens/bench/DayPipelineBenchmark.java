package io.gridlens.bench;

import io.gridlens.core.Channel;
import io.gridlens.core.DayContext;
import io.gridlens.core.DayReadings;
import io.gridlens.core.DaySlots;
import io.gridlens.core.MeterDay;
import io.gridlens.core.MeterDayKey;
import io.gridlens.core.Quality;
import io.gridlens.core.insight.DayInsights;
import io.gridlens.core.reference.CarbonIntensity;
import io.gridlens.core.reference.Contract;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.reference.Period;
import io.gridlens.core.reference.TariffKind;
import io.gridlens.core.reference.TempoCalendar;
import io.gridlens.core.reference.TimeWindow;
import io.gridlens.core.reference.Validity;
import io.gridlens.core.vee.History;
import io.gridlens.core.vee.Vee;
import io.gridlens.core.vee.VeeConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-day work of the batch and speed layers, in readings per second on one thread: fold a
 * meter-day's readings ({@link DayReadings}), clean it ({@link Vee}), compute every per-day insight
 * ({@link DayInsights}: consumption, time-of-use, cost, carbon).
 *
 * <p>Score unit: one operation = one reading, so the score is readings per second per core. The
 * data: {@value #DAYS} half-hourly meter-days of a Paris HP/HC contract with hourly carbon figures,
 * about 2 % of intervals missing, 0.5 % corrected (sent twice), a few spikes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DayPipelineBenchmark {

  static final int DAYS = 1_000;
  static final int SLOTS = 48;

  /** 48,000 slots, 960 missing, 240 sent twice. */
  static final int READINGS = 47_280;

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Param({"HPHC", "TEMPO"})
  public String tariff;

  private long[][] wh;
  private boolean[][] present;
  private boolean[][] resent;
  private MeterDayKey[] keys;
  private DaySlots[] slots;
  private DayContext[] contexts;
  private int readings;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom rnd = new SplittableRandom(42);
    wh = new long[DAYS][SLOTS];
    present = new boolean[DAYS][SLOTS];
    resent = new boolean[DAYS][SLOTS];
    keys = new MeterDayKey[DAYS];
    slots = new DaySlots[DAYS];
    contexts = new DayContext[DAYS];
    LocalDate first = LocalDate.of(2026, 1, 5);
    Map<Instant, Double> hourly = new HashMap<>();
    Instant h0 = first.atStartOfDay(PARIS).toInstant();
    for (int h = 0; h < 24 * 40; h++) {
      hourly.put(h0.plusSeconds(3600L * h), 30.0 + rnd.nextInt(60));
    }
    CarbonIntensity carbon = CarbonIntensity.hourly("FR-IDF", hourly, 50);
    for (int d = 0; d < DAYS; d++) {
      String meter = "M" + (d / 30);
      LocalDate date = first.plusDays(d % 30);
      keys[d] = new MeterDayKey(meter, Channel.IMPORT, date);
      slots[d] = new DaySlots(PARIS, date, 30);
      contexts[d] =
          new DayContext(
              new Meter(meter, "t1", "P" + meter, "C" + meter, PARIS, 30),
              null,
              contract(meter),
              TempoCalendar.ALL_BLUE,
              carbon);
      for (int s = 0; s < SLOTS; s++) {
        double shape = 150 + 250 * Math.max(0, Math.sin((s - 12) * Math.PI / 24));
        wh[d][s] = Math.round(shape * (0.8 + 0.4 * rnd.nextDouble()));
        if (rnd.nextInt(200) == 0) {
          wh[d][s] *= 20; // spike
        }
        int i = d * SLOTS + s;
        present[d][s] = i % 50 != 7; // 2 % missing
        resent[d][s] = i % 200 == 3; // 0.5 % corrected
        readings += present[d][s] ? (resent[d][s] ? 2 : 1) : 0;
      }
    }
    if (readings != READINGS) {
      throw new IllegalStateException("expected " + READINGS + " readings, built " + readings);
    }
  }

  private Contract contract(String meter) {
    if (tariff.equals("TEMPO")) {
      Map<Period, Double> p = new HashMap<>();
      for (Period x : TariffKind.TEMPO.periods()) {
        p.put(x, 0.15 + 0.05 * x.ordinal());
      }
      return new Contract(
          meter,
          "t1",
          Validity.ALWAYS,
          TariffKind.TEMPO,
          9,
          List.of(TimeWindow.parse("22:00-06:00")),
          p,
          220);
    }
    return new Contract(
        meter,
        "t1",
        Validity.ALWAYS,
        TariffKind.HPHC,
        9,
        List.of(TimeWindow.parse("22:00-06:00")),
        Map.of(Period.HP, 0.2081, Period.HC, 0.1635),
        185.58);
  }

  @Benchmark
  @OperationsPerInvocation(READINGS)
  public void foldCleanAndComputeInsights(Blackhole bh) {
    byte actual = (byte) Quality.ACTUAL.code();
    long position = 0;
    for (int d = 0; d < DAYS; d++) {
      DayReadings fold = new DayReadings(keys[d], slots[d]);
      long[] v = wh[d];
      for (int s = 0; s < SLOTS; s++) {
        if (present[d][s]) {
          if (resent[d][s]) {
            fold.add(s, v[s] + 1, position++, actual, (byte) 0);
          }
          fold.add(s, v[s], position++, actual, (byte) 0);
        }
      }
      MeterDay day = Vee.clean(fold, contexts[d], VeeConfig.DEFAULTS, History.none());
      bh.consume(DayInsights.of(day, contexts[d]));
    }
  }
}
