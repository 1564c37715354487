package io.gridlens.core;

import io.gridlens.core.reference.CarbonIntensity;
import io.gridlens.core.reference.Contract;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.reference.Premise;
import io.gridlens.core.reference.ReferenceData;
import io.gridlens.core.reference.TempoCalendar;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The reference data in force for one meter on one local day: what VEE and the per-day insights
 * need besides the readings. Batch and speed build it the same way, with {@link #of}.
 *
 * @param meter the meter
 * @param premise its premise that day, or null when unknown
 * @param contract its contract that day, or null when none is in force (no cost, no power check)
 * @param tempo Tempo day colours
 * @param carbon its region's carbon intensity, or null when unknown (no carbon figure)
 */
public record DayContext(
    Meter meter, Premise premise, Contract contract, TempoCalendar tempo, CarbonIntensity carbon) {

  public DayContext {
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(tempo, "tempo");
  }

  /**
   * The context of a meter's local day.
   *
   * @throws IllegalArgumentException when the meter is not known
   */
  public static DayContext of(ReferenceData ref, String meterId, LocalDate date) {
    Meter meter =
        ref.meter(meterId)
            .orElseThrow(() -> new IllegalArgumentException("unknown meter '" + meterId + "'"));
    Premise premise = ref.premise(meterId, date).orElse(null);
    Contract contract = ref.contract(meterId, date).orElse(null);
    CarbonIntensity carbon = premise == null ? null : ref.carbon(premise.region()).orElse(null);
    return new DayContext(meter, premise, contract, ref.tempo(), carbon);
  }

  /** A context with only the meter: no contract, no carbon figure. */
  public static DayContext bare(Meter meter) {
    return new DayContext(meter, null, null, TempoCalendar.ALL_BLUE, null);
  }
}
