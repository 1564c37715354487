package io.gridlens.api;

import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.core.reference.Meter;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** The meters of each tenant: what fleet summaries count. Thread-safe. */
@FunctionalInterface
public interface MeterDirectory {

  /** Every meter of a tenant; empty when the tenant has none (or does not exist). */
  Collection<Meter> meters(String tenant);

  /** The meters of in-memory reference data. */
  static MeterDirectory of(InMemoryReferenceData data) {
    Objects.requireNonNull(data, "data");
    return tenant ->
        data.meters().values().stream().filter(m -> m.tenant().equals(tenant)).toList();
  }

  /** A directory without meters, for instances that serve no fleet figures. */
  static MeterDirectory none() {
    return tenant -> List.of();
  }
}
