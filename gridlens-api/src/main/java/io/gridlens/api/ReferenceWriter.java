package io.gridlens.api;

import io.gridlens.core.reference.Contract;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.reference.Premise;
import io.gridlens.ingest.ReferenceUpserts;
import java.util.List;
import java.util.Objects;

/** Where the API writes reference-data upserts (the compacted reference topics). */
@FunctionalInterface
public interface ReferenceWriter {

  /**
   * Upserts one meter with its premise and contract versions; returns once they are durable.
   *
   * @param premise the premise version, or null to leave premises unchanged
   * @param contract the contract version, or null to leave contracts unchanged
   */
  void upsert(Meter meter, Premise premise, Contract contract);

  /** The writer of the reference topics. */
  static ReferenceWriter of(ReferenceUpserts upserts) {
    Objects.requireNonNull(upserts, "upserts");
    return (meter, premise, contract) ->
        upserts.upsert(
            List.of(meter),
            premise == null ? List.of() : List.of(premise),
            contract == null ? List.of() : List.of(contract));
  }
}
