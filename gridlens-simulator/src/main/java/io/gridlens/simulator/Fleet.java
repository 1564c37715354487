package io.gridlens.simulator;

import io.gridlens.core.Channel;
import io.gridlens.core.Reading;
import io.gridlens.core.reference.InMemoryReferenceData;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A seeded synthetic fleet of households with smart meters: their reference data, their true
 * consumption, and the faulty stream of readings their head end delivers.
 *
 * <p>Everything is a pure function of the {@link FleetSpec}: meter {@code i} is the same whether it
 * is simulated alone, in any subset, in parallel, or in a fleet of any size. Thread-safe.
 *
 * <p>Three ways out, fastest first:
 *
 * <ul>
 *   <li>{@link #cleanSeries(int, long[])}: true interval energies into a primitive array (the
 *       benchmark path, no object per reading; see {@link BinaryFleetWriter});
 *   <li>{@link #truth(int)}: the ground truth of a meter, faults included;
 *   <li>{@link #deliveries()}: every reading of the fleet as {@link Delivery}s in delivery order.
 * </ul>
 */
public final class Fleet {

  /** The {@link Reading#source()} of simulated readings. */
  public static final String SOURCE = "simulator";

  private final FleetSpec spec;
  private final IntervalGrid grid;
  private final WeatherModel weather;
  private final FaultInjector injector;
  private final double[][] temperatures = new double[Region.values().length][];
  private volatile InMemoryReferenceData referenceData;

  private Fleet(FleetSpec spec) {
    this.spec = spec;
    this.grid = new IntervalGrid(spec.zone(), spec.start(), spec.days(), spec.intervalMinutes());
    this.weather = new WeatherModel(spec.seed());
    this.injector = new FaultInjector(spec, grid);
  }

  /** The fleet of a spec. Cheap: households and readings are simulated on demand. */
  public static Fleet of(FleetSpec spec) {
    return new Fleet(Objects.requireNonNull(spec, "spec"));
  }

  public FleetSpec spec() {
    return spec;
  }

  /** The intervals of the simulated window. */
  public IntervalGrid grid() {
    return grid;
  }

  /** Number of meters. */
  public int size() {
    return spec.meters();
  }

  /** The household behind meter {@code i}. */
  public Household household(int i) {
    checkIndex(i);
    return Household.generate(spec.seed(), i);
  }

  /** Meters, premises, contracts, weather, carbon and Tempo colours of the fleet (built once). */
  public InMemoryReferenceData referenceData() {
    InMemoryReferenceData r = referenceData;
    if (r == null) {
      synchronized (this) {
        r = referenceData;
        if (r == null) {
          r = FleetReferenceData.build(this);
          referenceData = r;
        }
      }
    }
    return r;
  }

  /**
   * The fast path: writes the true energy of every interval of meter {@code i} into {@code out}.
   *
   * @param out an array of at least {@link IntervalGrid#size()} entries
   */
  public void cleanSeries(int i, long[] out) {
    checkIndex(i);
    if (out.length < grid.size()) {
      throw new IllegalArgumentException(
          "out must hold " + grid.size() + " intervals, has " + out.length);
    }
    Household h = household(i);
    new HouseholdLoad(spec.seed(), h, spec.intervalMinutes())
        .series(grid, temperatures(h.region()), out, null);
  }

  /** The ground truth of meter {@code i}. */
  public MeterTruth truth(int i) {
    return simulate(i).truth();
  }

  /** The readings meter {@code i} delivers, in delivery order. */
  public List<Delivery> deliveries(int i) {
    MeterDeliveries d = simulate(i).deliveries();
    List<Delivery> out = new ArrayList<>(d.size);
    for (int k = 0; k < d.size; k++) {
      out.add(delivery(d, k));
    }
    return out;
  }

  /**
   * Every reading of the fleet in delivery order: by delivery time, then meter index, then the
   * order of the meter's batch. Meters are simulated in parallel up front; the fleet's readings are
   * held as primitive columns (about 17 bytes a reading) and become objects as the stream is
   * consumed.
   */
  public Stream<Delivery> deliveries() {
    return deliveries(m -> {});
  }

  /** {@link #deliveries()}, calling {@code onMeterSimulated} (from any thread) per meter done. */
  public Stream<Delivery> deliveries(IntConsumer onMeterSimulated) {
    Iterator<Delivery> merged = merge(simulateAll(onMeterSimulated));
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(merged, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /**
   * True energy of meter {@code i} in the interval starting at any instant, inside the window or
   * not (the live feed's path); equal to the window's {@link #cleanSeries} where both apply.
   */
  public long cleanWh(int i, Instant intervalStart) {
    return cleanWh(
        new HouseholdLoad(spec.seed(), household(i), spec.intervalMinutes()), intervalStart);
  }

  long cleanWh(HouseholdLoad load, Instant intervalStart) {
    ZonedDateTime z = intervalStart.atZone(spec.zone());
    DayOfWeek dow = z.getDayOfWeek();
    long epochDay = z.toLocalDate().toEpochDay();
    long epochMinute = Math.floorDiv(intervalStart.getEpochSecond(), 60);
    return load.wh(
        Math.toIntExact(epochMinute),
        z.getHour() * 60 + z.getMinute(),
        epochDay,
        dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY,
        IntervalGrid.season(epochDay),
        weather.temperatureC(load.household().region(), Math.floorDiv(epochMinute, 60)),
        null);
  }

  HouseholdLoad load(int i) {
    return new HouseholdLoad(spec.seed(), household(i), spec.intervalMinutes());
  }

  WeatherModel weather() {
    return weather;
  }

  /** Meter {@code i} simulated: clean series, faults, deliveries and ground truth. */
  SimulatedMeter simulate(int i) {
    Household h = household(i);
    long[] clean = new long[grid.size()];
    double[] parts = new double[HouseholdLoad.PARTS];
    new HouseholdLoad(spec.seed(), h, spec.intervalMinutes())
        .series(grid, temperatures(h.region()), clean, parts);
    return injector.inject(h, clean, parts);
  }

  /** The deliveries of simulated meters merged into delivery order. */
  Iterator<Delivery> merge(MeterDeliveries[] meters) {
    return new Merge(meters);
  }

  MeterDeliveries[] simulateAll(IntConsumer onMeterSimulated) {
    MeterDeliveries[] all = new MeterDeliveries[spec.meters()];
    IntStream.range(0, spec.meters())
        .parallel()
        .forEach(
            i -> {
              all[i] = simulate(i).deliveries();
              onMeterSimulated.accept(i);
            });
    return all;
  }

  /** Outdoor temperature of a region for every interval of the window (computed once). */
  double[] temperatures(Region r) {
    synchronized (temperatures) {
      double[] t = temperatures[r.ordinal()];
      if (t == null) {
        t = new double[grid.size()];
        for (int i = 0; i < t.length; i++) {
          t[i] = weather.temperatureC(r, Math.floorDiv(grid.epochMinute(i), 60));
        }
        temperatures[r.ordinal()] = t;
      }
      return t;
    }
  }

  Delivery delivery(MeterDeliveries d, int k) {
    Reading r =
        new Reading(
            FleetSpec.meterId(d.meterIndex),
            Channel.IMPORT,
            grid.start(d.interval[k]),
            spec.intervalMinutes(),
            d.kind,
            d.value[k],
            d.quality(k),
            SOURCE,
            null,
            null);
    return new Delivery(Instant.ofEpochSecond(d.deliveryMinute[k] * 60L), r);
  }

  private void checkIndex(int i) {
    if (i < 0 || i >= spec.meters()) {
      throw new IndexOutOfBoundsException(
          "meter index " + i + " outside the fleet of " + spec.meters() + " meters");
    }
  }

  /** A k-way merge of the meters' delivery columns by (delivery minute, meter index). */
  private final class Merge implements Iterator<Delivery> {
    private final MeterDeliveries[] meters;
    private final int[] cursor;
    private final PriorityQueue<Integer> heap;

    Merge(MeterDeliveries[] meters) {
      this.meters = meters;
      this.cursor = new int[meters.length];
      this.heap =
          new PriorityQueue<>(
              Math.max(1, meters.length),
              (a, b) -> {
                int c =
                    Integer.compare(
                        meters[a].deliveryMinute[cursor[a]], meters[b].deliveryMinute[cursor[b]]);
                return c != 0 ? c : Integer.compare(a, b);
              });
      for (int m = 0; m < meters.length; m++) {
        if (meters[m].size > 0) {
          heap.add(m);
        }
      }
    }

    @Override
    public boolean hasNext() {
      return !heap.isEmpty();
    }

    @Override
    public Delivery next() {
      Integer m = heap.poll();
      if (m == null) {
        throw new NoSuchElementException();
      }
      MeterDeliveries d = meters[m];
      int k = cursor[m];
      Delivery out = delivery(d, k);
      cursor[m] = k + 1;
      if (cursor[m] < d.size) {
        heap.add(m);
      }
      return out;
    }
  }
}
