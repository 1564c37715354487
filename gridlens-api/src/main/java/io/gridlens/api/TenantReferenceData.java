package io.gridlens.api;

import io.gridlens.core.reference.CarbonIntensity;
import io.gridlens.core.reference.Contract;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.reference.Premise;
import io.gridlens.core.reference.ReferenceData;
import io.gridlens.core.reference.TempoCalendar;
import io.gridlens.core.reference.Weather;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/** The reference data of one tenant: other tenants' meters do not exist in it. */
final class TenantReferenceData implements ReferenceData {

  private final ReferenceData inner;
  private final String tenant;

  TenantReferenceData(ReferenceData inner, String tenant) {
    this.inner = Objects.requireNonNull(inner, "inner");
    this.tenant = Objects.requireNonNull(tenant, "tenant");
  }

  @Override
  public Optional<Meter> meter(String meterId) {
    return inner.meter(meterId).filter(m -> m.tenant().equals(tenant));
  }

  @Override
  public Optional<Premise> premise(String meterId, LocalDate date) {
    return meter(meterId).isPresent() ? inner.premise(meterId, date) : Optional.empty();
  }

  @Override
  public Optional<Contract> contract(String meterId, LocalDate date) {
    return meter(meterId).isPresent() ? inner.contract(meterId, date) : Optional.empty();
  }

  @Override
  public Optional<Weather> weather(String region) {
    return inner.weather(region);
  }

  @Override
  public Optional<CarbonIntensity> carbon(String region) {
    return inner.carbon(region);
  }

  @Override
  public TempoCalendar tempo() {
    return inner.tempo();
  }
}
