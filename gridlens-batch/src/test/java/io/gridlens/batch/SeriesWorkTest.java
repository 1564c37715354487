package io.gridlens.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gridlens.core.Channel;
import io.gridlens.core.IngestPosition;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.view.DayRange;
import io.gridlens.core.view.StoredRow;
import io.gridlens.core.view.ViewRowCodec;
import io.gridlens.serving.RocksDbViewStore;
import io.gridlens.simulator.FaultRates;
import io.gridlens.simulator.Fleet;
import io.gridlens.simulator.FleetSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesWorkTest {

  private static final LocalDate START = LocalDate.of(2026, 1, 5);

  @TempDir Path dir;

  private final Fleet fleet = Fleet.of(FleetSpec.of(3, 2, START, 3).withFaults(FaultRates.NONE));
  private final InMemoryReferenceData ref = fleet.referenceData();
  private final String meterId = fleet.household(0).meterId();

  /**
   * Two whole half-hourly January days (48 slots, no DST) of {@code 100 + slot} Wh: each day holds
   * 48 x 100 + (0 + 1 + ... + 47) = 4,800 + 1,128 = 5,928 Wh = 5.928 kWh.
   */
  private void stream(SeriesWork.Sink sink) {
    Meter m = ref.meter(meterId).orElseThrow();
    long first = START.atStartOfDay(m.zone()).toEpochSecond();
    sink.startSeries(new SeriesKey(meterId, Channel.IMPORT));
    for (int i = 0; i < 96; i++) {
      sink.reading(
          first + i * 1800L,
          30,
          false,
          100 + (i % 48),
          (byte) 0,
          new IngestPosition(0, i).packed());
    }
    sink.endSeries();
  }

  @Test
  void shouldComputeTheSameRowsAfterTravellingAsJavaSerialization() throws Exception {
    SeriesWork work =
        new SeriesWork(
            ref, BatchSettings.DEFAULT, 1, 0, Map.of(), Instant.parse("2026-02-01T00:00:00Z"));
    assertThat(work.portable()).isTrue();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(work);
    }
    SeriesWork travelled;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      travelled = (SeriesWork) in.readObject();
    }

    DayRange days = new DayRange(meterId, Channel.IMPORT, START, START.plusDays(1));
    try (RocksDbViewStore here = RocksDbViewStore.open(dir.resolve("here"));
        RocksDbViewStore there = RocksDbViewStore.open(dir.resolve("there"))) {
      SeriesWork.Sink a = work.open(here, n -> {});
      stream(a);
      SeriesWork.Outcome oa = a.finish();
      SeriesWork.Sink b = travelled.open(there, n -> {});
      stream(b);
      SeriesWork.Outcome ob = b.finish();

      List<StoredRow> rowsHere = here.readBatch(1, days);
      List<StoredRow> rowsThere = there.readBatch(1, days);
      assertThat(rowsHere).hasSize(2).isEqualTo(rowsThere);
      for (StoredRow r : rowsHere) {
        assertThat(ViewRowCodec.decode(r.value()).insights().kwh()).isCloseTo(5.928, within(1e-9));
      }
      assertThat(oa.readings()).isEqualTo(96);
      assertThat(oa.rows()).isEqualTo(2);
      assertThat(ob.readings()).isEqualTo(oa.readings());
      assertThat(ob.monthly()).isEqualTo(oa.monthly());
      assertThat(oa.monthly()).hasSize(1);
      assertThat(oa.monthly().get(0).kwh()).isCloseTo(2 * 5.928, within(1e-9));
    }
  }

  @Test
  void shouldShipAnOutcomeAsBytesAndBack() throws Exception {
    SeriesWork work =
        new SeriesWork(
            ref, BatchSettings.DEFAULT, 1, 0, Map.of(), Instant.parse("2026-02-01T00:00:00Z"));
    try (RocksDbViewStore store = RocksDbViewStore.open(dir.resolve("v"))) {
      SeriesWork.Sink sink = work.open(store, n -> {});
      stream(sink);
      SeriesWork.Outcome o = sink.finish();

      SeriesWork.Outcome back = SeriesWork.Outcome.decode(o.encode());

      assertThat(back).isEqualTo(o);
      assertThat(SeriesWork.Outcome.sum(List.of(o, back)).readings()).isEqualTo(192);
    }
  }

  @Test
  void shouldRejectBytesThatAreNotAnOutcome() {
    assertThatThrownBy(() -> SeriesWork.Outcome.decode(new byte[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an encoded batch outcome");
  }
}
