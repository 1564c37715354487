package io.gridlens.app;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A part of the platform one process may run (DESIGN.md section 1); any subset per process. */
enum Role {
  /** The edge: validates readings and logs them to Kafka (API uploads, reference upserts). */
  INGEST("ingest"),
  /** Copies {@code readings} into the Parquet master dataset, exactly once; one per dataset. */
  ARCHIVER("archiver"),
  /** The Kafka Streams speed layer; scale out by running more instances. */
  SPEED("speed"),
  /** The batch layer: nightly runs and on-demand runs and rollbacks through the API. */
  BATCH_SCHEDULER("batch-scheduler"),
  /** The REST API over the blended views. */
  API("api");

  private final String key;

  Role(String key) {
    this.key = key;
  }

  /** The name in configuration files, e.g. {@code batch-scheduler}. */
  String key() {
    return key;
  }

  /**
   * The role of a name.
   *
   * @throws IllegalArgumentException naming the known roles
   */
  static Role of(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    for (Role r : values()) {
      if (r.key.equals(n)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown role '" + name + "'; known: " + known());
  }

  static String known() {
    return Arrays.stream(values()).map(Role::key).collect(Collectors.joining(", "));
  }
}
