package io.gridlens.core.reference;

import java.util.Objects;

/**
 * A consumer holding contracts with a tenant. Personal fields (name, address, e-mail) are not held
 * here in clear: they are sealed with a per-customer key elsewhere, so that erasing the key erases
 * them.
 */
public record Customer(String id, String tenant, Validity validity)
    implements EffectiveDated, java.io.Serializable {

  public Customer {
    Ids.check("customer id", id);
    Ids.check("tenant", tenant);
    Objects.requireNonNull(validity, "validity");
  }
}
