package io.gridlens.core.reference;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Reference data held in memory, built once with a {@link Builder}; thread-safe for reads. */
public final class InMemoryReferenceData implements ReferenceData, java.io.Serializable {

  private final Map<String, Meter> meters;
  private final Map<String, Timeline<Premise>> premisesById;
  private final Map<String, Timeline<Contract>> contractsByMeter;
  private final Map<String, Weather> weather;
  private final Map<String, CarbonIntensity> carbon;
  private final TempoCalendar tempo;

  private InMemoryReferenceData(Builder b) {
    this.meters = Map.copyOf(b.meters);
    Map<String, Timeline<Premise>> p = new HashMap<>();
    b.premises.forEach((id, list) -> p.put(id, Timeline.of(list)));
    this.premisesById = Map.copyOf(p);
    Map<String, Timeline<Contract>> c = new HashMap<>();
    b.contracts.forEach((id, list) -> c.put(id, Timeline.of(list)));
    this.contractsByMeter = Map.copyOf(c);
    this.weather = Map.copyOf(b.weather);
    this.carbon = Map.copyOf(b.carbon);
    this.tempo = b.tempo;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Optional<Meter> meter(String meterId) {
    return Optional.ofNullable(meters.get(meterId));
  }

  @Override
  public Optional<Premise> premise(String meterId, LocalDate date) {
    Meter m = meters.get(meterId);
    if (m == null) {
      return Optional.empty();
    }
    Timeline<Premise> t = premisesById.get(m.premiseId());
    return t == null ? Optional.empty() : t.at(date);
  }

  @Override
  public Optional<Contract> contract(String meterId, LocalDate date) {
    Timeline<Contract> t = contractsByMeter.get(meterId);
    return t == null ? Optional.empty() : t.at(date);
  }

  @Override
  public Optional<Weather> weather(String region) {
    return Optional.ofNullable(weather.get(region));
  }

  @Override
  public Optional<CarbonIntensity> carbon(String region) {
    return Optional.ofNullable(carbon.get(region));
  }

  @Override
  public TempoCalendar tempo() {
    return tempo;
  }

  /** All meters. */
  public Map<String, Meter> meters() {
    return meters;
  }

  /** Every version of every premise, by premise id. */
  public Map<String, Timeline<Premise>> premises() {
    return premisesById;
  }

  /** Every version of every meter's contract, by meter id. */
  public Map<String, Timeline<Contract>> contracts() {
    return contractsByMeter;
  }

  /** The weather of every region. */
  public Map<String, Weather> weather() {
    return weather;
  }

  /** The carbon intensity of every region. */
  public Map<String, CarbonIntensity> carbon() {
    return carbon;
  }

  /** Collects reference records; {@link #build()} checks the timelines. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Meter> meters = new ConcurrentHashMap<>();
    private final Map<String, List<Premise>> premises = new HashMap<>();
    private final Map<String, List<Contract>> contracts = new HashMap<>();
    private final Map<String, Weather> weather = new HashMap<>();
    private final Map<String, CarbonIntensity> carbon = new HashMap<>();
    private TempoCalendar tempo = TempoCalendar.ALL_BLUE;

    public Builder meter(Meter m) {
      meters.put(m.id(), m);
      return this;
    }

    public Builder premise(Premise p) {
      premises.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(p);
      return this;
    }

    public Builder contract(Contract c) {
      contracts.computeIfAbsent(c.meterId(), k -> new ArrayList<>()).add(c);
      return this;
    }

    public Builder weather(Weather w) {
      weather.put(w.region(), w);
      return this;
    }

    public Builder carbon(CarbonIntensity c) {
      carbon.put(c.region(), c);
      return this;
    }

    public Builder tempo(TempoCalendar t) {
      tempo = t;
      return this;
    }

    public InMemoryReferenceData build() {
      return new InMemoryReferenceData(this);
    }
  }
}
