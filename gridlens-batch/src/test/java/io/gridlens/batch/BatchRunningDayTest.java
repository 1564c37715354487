package io.gridlens.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlens.core.Channel;
import io.gridlens.core.Cut;
import io.gridlens.core.Reading;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.core.view.DayRange;
import io.gridlens.core.view.StoredRow;
import io.gridlens.core.view.ViewRow;
import io.gridlens.core.view.ViewRowCodec;
import io.gridlens.serving.RocksDbViewStore;
import io.gridlens.simulator.FaultRates;
import io.gridlens.simulator.Fleet;
import io.gridlens.simulator.FleetSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch that runs while a day is still going on leaves that day's later intervals missing (they
 * have not happened), and a later incremental run completes the day even when the meter sent
 * nothing new, exactly as a full rebuild at that time does.
 */
class BatchRunningDayTest {

  private static final LocalDate START = LocalDate.of(2026, 1, 1);
  private static final LocalDate TODAY = START.plusDays(28); // four whole weeks of history

  @TempDir Path tmp;

  private final Fleet fleet = Fleet.of(FleetSpec.of(5, 2, START, 31).withFaults(FaultRates.NONE));
  private final InMemoryReferenceData ref = fleet.referenceData();
  private final String quiet = fleet.household(0).meterId();
  private final String busy = fleet.household(1).meterId();
  private final ZoneId zone = ref.meter(quiet).orElseThrow().zone();

  /** Half-hourly 100 Wh readings of a meter over [from, to), arriving on {@code arrival}. */
  private List<Map.Entry<LocalDate, Reading>> readings(String meter, Instant from, Instant to) {
    List<Map.Entry<LocalDate, Reading>> out = new ArrayList<>();
    for (Instant t = from; t.isBefore(to); t = t.plusSeconds(1800)) {
      out.add(
          new AbstractMap.SimpleEntry<>(
              LocalDate.ofInstant(t, ZoneOffset.UTC), Reading.of(meter, t, 30, 100)));
    }
    return out;
  }

  private Instant local(LocalDate d, int hour, int minute) {
    return d.atTime(hour, minute).atZone(zone).toInstant();
  }

  private BatchRunner runner(DuckDbEngine engine, RocksDbViewStore store, Instant now) {
    return new BatchRunner(
        engine, store, ref, BatchSettings.DEFAULT, Clock.fixed(now, ZoneOffset.UTC), 1);
  }

  private ViewRow row(RocksDbViewStore store, String meter, LocalDate day) {
    long v = store.pointer().orElseThrow().current().number();
    List<StoredRow> rows = store.readBatch(v, DayRange.imports(meter, day, day));
    assertThat(rows).hasSize(1);
    return ViewRowCodec.decode(rows.get(0).value());
  }

  /**
   * Both meters send every half-hour from the first day to today 09:00; the batch runs today at
   * 11:10: 22 half-hours have ended, 18 were read, the 4 from 09:00 to 11:00 are profiled from the
   * four previous weeks (100 Wh), the 26 from 11:00 on stay missing. The busy meter then sends the
   * rest of today and tomorrow; an incremental run the day after tomorrow recomputes the quiet
   * meter's today (no new reading of its own) to 48 intervals of 100 Wh, 30 of them estimated, and
   * publishes rows equal to a full rebuild at the same time.
   */
  @Test
  void shouldLeaveTheFutureMissingAndCompleteTheDayInALaterIncrementalRun() throws Exception {
    Path data = tmp.resolve("data");
    Instant nine = local(TODAY, 9, 0);
    try (MasterDatasetWriter w = new MasterDatasetWriter(data, 2)) {
      List<Map.Entry<LocalDate, Reading>> first = new ArrayList<>();
      first.addAll(readings(quiet, local(START, 0, 0), nine));
      first.addAll(readings(busy, local(START, 0, 0), nine));
      w.log(first);
      Cut morning = MasterFiles.cutOnDisk(data);
      try (DuckDbEngine engine =
              DuckDbEngine.open(data, new DuckDbEngine.Settings("512MB", 1, 100_000));
          RocksDbViewStore store = RocksDbViewStore.open(tmp.resolve("views"));
          RocksDbViewStore rebuilt = RocksDbViewStore.open(tmp.resolve("rebuilt"))) {
        runner(engine, store, local(TODAY, 11, 10))
            .run(BatchMode.FULL, morning, BatchProgress.Listener.NONE);

        ViewRow running = row(store, quiet, TODAY);
        assertThat(running.insights().missing()).isEqualTo(26);
        assertThat(running.insights().estimated()).isEqualTo(4);
        assertThat(running.insights().wh()).isEqualTo(22 * 100);

        w.log(readings(busy, nine, local(TODAY.plusDays(2), 0, 0)));
        Cut later = MasterFiles.cutOnDisk(data);
        Instant afterTomorrow = local(TODAY.plusDays(2), 3, 0);
        BatchStatus inc =
            runner(engine, store, afterTomorrow)
                .run(BatchMode.INCREMENTAL, later, BatchProgress.Listener.NONE);
        runner(engine, rebuilt, afterTomorrow)
            .run(BatchMode.FULL, later, BatchProgress.Listener.NONE);

        assertThat(inc.run().mode()).isEqualTo(BatchMode.INCREMENTAL);
        ViewRow completed = row(store, quiet, TODAY);
        assertThat(completed.insights().missing()).isZero();
        assertThat(completed.insights().estimated()).isEqualTo(30);
        assertThat(completed.insights().wh()).isEqualTo(48 * 100);
        long a = store.pointer().orElseThrow().current().number();
        long b = rebuilt.pointer().orElseThrow().current().number();
        for (String m : List.of(quiet, busy)) {
          DayRange all = new DayRange(m, Channel.IMPORT, START, TODAY.plusDays(2));
          assertThat(store.readBatch(a, all))
              .as("rows of %s", m)
              .isEqualTo(rebuilt.readBatch(b, all));
        }
      }
    }
  }
}
