package io.gridlens.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a caller of the API is to the platform (DESIGN.md section 13). */
public enum Role {
  /** A household: reads the meters of its own contracts. */
  CONSUMER,
  /** A retailer's back office: reads and writes the data of its own tenant. */
  RETAILER,
  /** An operator of the platform: every tenant, batch control. */
  ADMIN;

  /**
   * The role of a name, case-insensitively.
   *
   * @throws IllegalArgumentException naming the known roles
   */
  public static Role parse(String name) {
    String n = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
    for (Role r : values()) {
      if (r.name().equals(n)) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "unknown role '"
            + name
            + "'; known: "
            + Arrays.stream(values())
                .map(r -> r.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")));
  }
}
