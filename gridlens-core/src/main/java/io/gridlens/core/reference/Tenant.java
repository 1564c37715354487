package io.gridlens.core.reference;

/** A retailer operating Gridlens for its customers; every record belongs to one tenant. */
public record Tenant(String id, String name) implements java.io.Serializable {

  public Tenant {
    Ids.check("tenant id", id);
    Ids.check("tenant name", name);
  }
}
