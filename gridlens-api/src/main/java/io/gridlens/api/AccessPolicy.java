package io.gridlens.api;

import io.gridlens.core.reference.Meter;
import java.util.Objects;

/**
 * Who may do what, in one place (DESIGN.md section 13): handlers ask it and nothing else.
 *
 * <ul>
 *   <li>an admin: everything;
 *   <li>a retailer: the meters, fleet, ingest and dead letters of its own tenant; batch status;
 *   <li>a consumer: only the meters of its tenant whose customer id is its subject.
 * </ul>
 *
 * <p>Weather, carbon intensity and Tempo colours are platform data: one region's weather serves the
 * meters of every tenant there, so only an admin writes them (a retailer could otherwise change
 * another tenant's answers).
 *
 * <p>A caller who may not see a meter or tenant is told it does not exist (404), exactly as for one
 * that does not exist, so that no answer leaks another tenant's data.
 *
 * <p>Stateless and thread-safe.
 */
public final class AccessPolicy {

  /** Whether the caller may read a meter's data. */
  public boolean canRead(Principal p, Meter meter) {
    Objects.requireNonNull(meter, "meter");
    return switch (p.role()) {
      case ADMIN -> true;
      case RETAILER -> p.tenant().equals(meter.tenant());
      case CONSUMER -> p.tenant().equals(meter.tenant()) && p.subject().equals(meter.customerId());
    };
  }

  /** Whether the caller may create or change the reference data of meters of a tenant. */
  public boolean canWriteMeters(Principal p, String tenant) {
    return p.role() == Role.ADMIN || (p.role() == Role.RETAILER && p.tenant().equals(tenant));
  }

  /** Whether the caller may write platform data: weather, carbon intensity, Tempo colours. */
  public boolean canWritePlatformData(Principal p) {
    return p.role() == Role.ADMIN;
  }

  /** Whether the caller may see that a tenant exists (its fleet, ingest status, dead letters). */
  public boolean canSeeTenant(Principal p, String tenant) {
    return p.role() == Role.ADMIN || p.tenant().equals(tenant);
  }

  /** Whether the caller may read a tenant's fleet figures, ingest status and dead letters. */
  public boolean canReadTenant(Principal p, String tenant) {
    return p.role() == Role.ADMIN || (p.role() == Role.RETAILER && p.tenant().equals(tenant));
  }

  /** Whether the caller may upload readings (of its own tenant's meters, for a retailer). */
  public boolean canIngest(Principal p) {
    return p.role() != Role.CONSUMER;
  }

  /** Whether the caller may read the batch layer's status. */
  public boolean canReadBatchStatus(Principal p) {
    return p.role() != Role.CONSUMER;
  }

  /** Whether the caller may run or roll back the batch. */
  public boolean canControlBatch(Principal p) {
    return p.role() == Role.ADMIN;
  }
}
