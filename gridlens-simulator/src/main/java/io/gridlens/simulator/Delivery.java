package io.gridlens.simulator;

import io.gridlens.core.Reading;
import java.time.Instant;
import java.util.Objects;

/**
 * One reading as the platform receives it from the simulated head end: when it arrives, and the
 * reading (not yet ingested: no ingest time, no position).
 */
public record Delivery(Instant deliveredAt, Reading reading) {

  public Delivery {
    Objects.requireNonNull(deliveredAt, "deliveredAt");
    Objects.requireNonNull(reading, "reading");
  }
}
