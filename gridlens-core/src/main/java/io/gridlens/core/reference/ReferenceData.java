package io.gridlens.core.reference;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Read access to the effective-dated reference data the insights need. Implementations are
 * thread-safe for reads.
 */
public interface ReferenceData {

  /**
   * The reference data as of now, fixed: a live view (kept up to date from a log) returns its
   * current immutable snapshot, so that one batch run computes every meter with the same data and
   * can ship it to where it runs; data that never changes returns itself (the default).
   */
  default ReferenceData snapshot() {
    return this;
  }

  /** A meter by id. */
  Optional<Meter> meter(String meterId);

  /** The premise of a meter on a local date. */
  Optional<Premise> premise(String meterId, LocalDate date);

  /** The contract of a meter in force on a local date. */
  Optional<Contract> contract(String meterId, LocalDate date);

  /** The weather of a region. */
  Optional<Weather> weather(String region);

  /** The carbon intensity of a region. */
  Optional<CarbonIntensity> carbon(String region);

  /** The Tempo day colours (of the platform: Tempo colours are national). */
  default TempoCalendar tempo() {
    return TempoCalendar.ALL_BLUE;
  }
}
