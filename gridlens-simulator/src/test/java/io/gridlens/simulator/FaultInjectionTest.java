package io.gridlens.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gridlens.core.Channel;
import io.gridlens.core.DayReadings;
import io.gridlens.core.DaySlots;
import io.gridlens.core.IngestPosition;
import io.gridlens.core.MeterDayKey;
import io.gridlens.core.Quality;
import io.gridlens.core.Reading;
import io.gridlens.core.ValueKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** 120 meters x 60 days with high fault rates, so that rates can be measured. */
class FaultInjectionTest {

  private static final FaultRates RATES =
      new FaultRates(0.04, 0.03, 0.03, 0.02, 0.10, 0.05, 0.05, 0.15);
  private static final int METERS = 120;
  private static final int DAYS = 60;

  private static Fleet fleet;
  private static List<Delivery> stream;
  private static List<MeterTruth> truths;

  @BeforeAll
  static void simulate() {
    fleet = Fleet.of(FleetSpec.of(11, METERS, LocalDate.of(2025, 1, 6), DAYS).withFaults(RATES));
    stream = fleet.deliveries().collect(Collectors.toList());
    truths = new ArrayList<>();
    for (int m = 0; m < METERS; m++) {
      truths.add(fleet.truth(m));
    }
  }

  @Test
  void shouldLeaveGapsAtTheConfiguredRate() {
    assertThat(shareOfIntervals(Fault.GAP)).isCloseTo(RATES.gaps(), within(0.25 * RATES.gaps()));
  }

  @Test
  void shouldSpikeAtTheConfiguredRate() {
    assertThat(shareOfIntervals(Fault.SPIKE))
        .isCloseTo(RATES.spikes(), within(0.1 * RATES.spikes()));
  }

  @Test
  void shouldDuplicateAndCorrectDeliveredIntervalsAtTheConfiguredRates() {
    assertThat(shareOfDelivered(Fault.DUPLICATE))
        .isCloseTo(RATES.duplicates(), within(0.1 * RATES.duplicates()));
    assertThat(shareOfDelivered(Fault.CORRECTION))
        .isCloseTo(RATES.corrections(), within(0.1 * RATES.corrections()));
  }

  @Test
  void shouldDelayAndShuffleDailyBatchesAtTheConfiguredRates() {
    assertThat(shareOfBatches(Fault.LATE))
        .isCloseTo(RATES.lateBatches(), within(0.2 * RATES.lateBatches()));
    assertThat(shareOfBatches(Fault.OUT_OF_ORDER))
        .isCloseTo(RATES.outOfOrderBatches(), within(0.2 * RATES.outOfOrderBatches()));
  }

  @Test
  void shouldGiveZeroRunsAndRegistersToAboutTheConfiguredShareOfMeters() {
    // Binomial(120, 0.10): mean 12, sd 3.3; Binomial(120, 0.15): mean 18, sd 3.9.
    long zeroRuns = truths.stream().filter(t -> t.count(Fault.ZERO_RUN) > 0).count();
    long registers = truths.stream().filter(t -> t.kind() == ValueKind.REGISTER).count();

    assertThat(zeroRuns).isBetween(4L, 24L);
    assertThat(registers).isBetween(8L, 30L);
  }

  @Test
  void shouldEndOnTheGroundTruthWhenTheLatestDeliveryWins() {
    // The platform's own fold: ingest positions in delivery order, latest position wins.
    Map<MeterDayKey, DayReadings> folded = new HashMap<>();
    Map<LocalDate, DaySlots> slotsByDate = new HashMap<>();
    IntervalGrid g = fleet.grid();
    long offset = 0;
    for (Delivery d : stream) {
      Reading r = d.reading();
      LocalDate date = g.date(g.dayOf(g.indexOf(r.intervalStart())));
      DaySlots slots =
          slotsByDate.computeIfAbsent(date, x -> new DaySlots(fleet.spec().zone(), x, 30));
      MeterDayKey key = new MeterDayKey(r.meterId(), Channel.IMPORT, date);
      folded
          .computeIfAbsent(key, k -> new DayReadings(k, slots))
          .add(r.ingested(new IngestPosition(0, offset++), Instant.EPOCH));
    }

    List<String> wrong = new ArrayList<>();
    for (MeterTruth t : truths) {
      for (int day = 0; day < g.days(); day++) {
        DayReadings dr =
            folded.get(new MeterDayKey(t.household().meterId(), Channel.IMPORT, g.date(day)));
        for (int i = g.dayFirst(day); i < g.dayFirst(day + 1); i++) {
          int slot = i - g.dayFirst(day);
          boolean present = dr != null && dr.present(slot);
          boolean ok =
              present == t.delivered(i)
                  && (!present
                      || dr.value(slot) == t.finalValue(i)
                          && dr.quality(slot) == Quality.ACTUAL
                          && ((dr.marks(slot) & DayReadings.CORRECTED) != 0)
                              == t.has(i, Fault.CORRECTION));
          if (!ok) {
            wrong.add(t.household().meterId() + " interval " + i + " " + t.faults(i));
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void shouldDeliverInTimeOrderAndNeverBeforeTheIntervalEnds() {
    Instant previous = Instant.MIN;
    for (Delivery d : stream) {
      assertThat(d.deliveredAt()).isAfterOrEqualTo(previous).isAfter(d.reading().intervalEnd());
      assertThat(d.reading().position()).isNull();
      previous = d.deliveredAt();
    }
  }

  @Test
  void shouldDeliverLateBatchesAtLeastTwoDaysAfterTheirIntervals() {
    IntervalGrid g = fleet.grid();
    int late = 0;
    for (Delivery d : stream) {
      Reading r = d.reading();
      MeterTruth t = truths.get(FleetSpec.meterIndex(r.meterId()));
      if (t.has(g.indexOf(r.intervalStart()), Fault.LATE)) {
        assertThat(Duration.between(r.intervalEnd(), d.deliveredAt()))
            .isGreaterThan(Duration.ofDays(2));
        late++;
      }
    }
    assertThat(late).isPositive();
  }

  @Test
  void shouldShuffleTheIntervalsOfOutOfOrderBatches() {
    IntervalGrid g = fleet.grid();
    Map<String, Instant> lastSeen = new HashMap<>();
    int backwards = 0;
    for (Delivery d : stream) {
      Reading r = d.reading();
      String batch = r.meterId() + "@" + d.deliveredAt();
      Instant before = lastSeen.put(batch, r.intervalStart());
      if (before != null && r.intervalStart().isBefore(before)) {
        // A duplicate resent with the next day's batch also comes after that batch's intervals.
        MeterTruth t = truths.get(FleetSpec.meterIndex(r.meterId()));
        int i = g.indexOf(r.intervalStart());
        assertThat(t.has(i, Fault.OUT_OF_ORDER) || t.has(i, Fault.DUPLICATE)).isTrue();
        if (t.has(i, Fault.OUT_OF_ORDER)) {
          backwards++;
        }
      }
    }
    assertThat(backwards).isPositive();
  }

  @Test
  void shouldSendAWrongEstimateAndTheTrueValueLastForCorrections() {
    IntervalGrid g = fleet.grid();
    Map<Long, List<Reading>> byInterval = new HashMap<>();
    for (Delivery d : stream) {
      Reading r = d.reading();
      long key = (long) FleetSpec.meterIndex(r.meterId()) * g.size() + g.indexOf(r.intervalStart());
      byInterval.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    int checked = 0;
    for (MeterTruth t : truths) {
      for (int i = 0; i < g.size(); i++) {
        if (t.has(i, Fault.CORRECTION)) {
          List<Reading> sent = byInterval.get((long) t.household().index() * g.size() + i);
          // A duplicate of the true value may come first when the batch is also shuffled.
          assertThat(sent)
              .filteredOn(r -> r.quality() == Quality.ESTIMATED)
              .singleElement()
              .extracting(Reading::wh)
              .isNotEqualTo(t.finalValue(i));
          Reading last = sent.get(sent.size() - 1);
          assertThat(last.quality()).isEqualTo(Quality.ACTUAL);
          assertThat(last.wh()).isEqualTo(t.finalValue(i));
          checked++;
        }
      }
    }
    assertThat(checked).isPositive();
  }

  @Test
  void shouldRecordSpikesAsTwentyTimesTheTrueConsumption() {
    for (MeterTruth t : truths) {
      for (int i = 0; i < t.grid().size(); i++) {
        if (t.has(i, Fault.SPIKE)) {
          assertThat(t.recordedWh(i)).isEqualTo(20 * Math.max(10, t.cleanWh(i)));
        }
      }
    }
  }

  @Test
  void shouldRecordOneRunOfZerosLasting24To48Hours() {
    for (MeterTruth t : truths) {
      int n = t.count(Fault.ZERO_RUN);
      if (n == 0) {
        continue;
      }
      int first = 0;
      while (!t.has(first, Fault.ZERO_RUN)) {
        first++;
      }
      assertThat(n).isBetween(48, 96);
      for (int i = first; i < first + n; i++) {
        assertThat(t.has(i, Fault.ZERO_RUN)).isTrue();
        assertThat(t.recordedWh(i)).isZero();
      }
    }
  }

  @Test
  void shouldRollRegistersOverOnceAndKeepEveryStepEqualToTheRecordedEnergy() {
    long max = MeterTruth.REGISTER_MAX_WH;
    int registers = 0;
    for (MeterTruth t : truths) {
      if (t.kind() != ValueKind.REGISTER) {
        continue;
      }
      registers++;
      assertThat(t.count(Fault.ROLLOVER)).isEqualTo(1);
      long index = t.registerStartWh();
      for (int i = 0; i < t.grid().size(); i++) {
        index = (index + t.recordedWh(i)) % max;
        if (t.delivered(i)) {
          assertThat(t.finalValue(i)).isEqualTo(index).isBetween(0L, max - 1);
        }
      }
    }
    assertThat(registers).isPositive();
  }

  @Test
  void shouldDeliverEveryIntervalOnceAndCleanWithoutFaults() {
    Fleet clean =
        Fleet.of(FleetSpec.of(11, 4, LocalDate.of(2025, 1, 6), 3).withFaults(FaultRates.NONE));
    List<Delivery> all = clean.deliveries().collect(Collectors.toList());

    assertThat(all).hasSize(4 * 3 * 48);
    for (Delivery d : all) {
      Reading r = d.reading();
      MeterTruth t = clean.truth(FleetSpec.meterIndex(r.meterId()));
      assertThat(r.kind()).isEqualTo(ValueKind.INTERVAL);
      assertThat(r.quality()).isEqualTo(Quality.ACTUAL);
      assertThat(r.wh()).isEqualTo(t.cleanWh(r.intervalStart()));
    }
  }

  private static double shareOfIntervals(Fault f) {
    long n = 0;
    long total = 0;
    for (MeterTruth t : truths) {
      n += t.count(f);
      total += t.grid().size();
    }
    return (double) n / total;
  }

  private static double shareOfDelivered(Fault f) {
    long n = 0;
    long delivered = 0;
    for (MeterTruth t : truths) {
      n += t.count(f);
      delivered += t.grid().size() - t.count(Fault.GAP);
    }
    return (double) n / delivered;
  }

  private static double shareOfBatches(Fault f) {
    IntervalGrid g = fleet.grid();
    long n = 0;
    for (MeterTruth t : truths) {
      for (int d = 0; d < g.days(); d++) {
        if (t.has(g.dayFirst(d), f)) {
          n++;
        }
      }
    }
    return (double) n / ((long) truths.size() * g.days());
  }
}
