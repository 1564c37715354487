package io.gridlens.api;

import io.gridlens.core.reference.CarbonIntensity;
import io.gridlens.core.reference.Contract;
import io.gridlens.core.reference.Meter;
import io.gridlens.core.reference.Premise;
import io.gridlens.core.reference.TempoColour;
import io.gridlens.core.reference.Weather;
import io.gridlens.ingest.ReferenceUpserts;
import io.gridlens.ingest.ReferenceView;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * Where the API writes reference-data upserts (the compacted reference topics). Each method returns
 * once what it wrote is durable. A writer of meters only (a lambda) answers the weather, carbon and
 * Tempo methods with {@link UnsupportedOperationException}.
 */
@FunctionalInterface
public interface ReferenceWriter {

  /**
   * Upserts one meter with its premise and contract versions; returns once they are durable.
   *
   * @param premise the premise version, or null to leave premises unchanged
   * @param contract the contract version, or null to leave contracts unchanged
   */
  void upsert(Meter meter, Premise premise, Contract contract);

  /**
   * Replaces some local months of a region's weather by those months of {@code weather} (the new
   * days laid over the current ones).
   */
  default void upsertWeather(Weather weather, Collection<YearMonth> months) {
    throw new UnsupportedOperationException("this reference writer does not write weather");
  }

  /**
   * Replaces a region's fixed carbon factor, and some UTC months of its hourly figures by those
   * months of {@code carbon}.
   */
  default void upsertCarbon(CarbonIntensity carbon, Collection<YearMonth> months) {
    throw new UnsupportedOperationException("this reference writer does not write carbon");
  }

  /** Sets the colours of some Tempo days. */
  default void upsertTempo(Map<LocalDate, TempoColour> colours) {
    throw new UnsupportedOperationException("this reference writer does not write Tempo colours");
  }

  /**
   * The writer of the reference topics whose upserts return once {@code view} has read them, so
   * that what the API answers next (and the next upload laid over the current data) sees them.
   */
  static ReferenceWriter of(ReferenceUpserts upserts, ReferenceView view) {
    Objects.requireNonNull(view, "view");
    ReferenceWriter w = of(upserts);
    Runnable caughtUp =
        () -> {
          try {
            view.awaitCaughtUp(VIEW_WAIT);
          } catch (TimeoutException e) {
            throw new IllegalStateException(
                "reference data is logged, but the reference view has not read it within "
                    + VIEW_WAIT,
                e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the reference view caught up", e);
          }
        };
    return new ReferenceWriter() {
      @Override
      public void upsert(Meter meter, Premise premise, Contract contract) {
        w.upsert(meter, premise, contract);
        caughtUp.run();
      }

      @Override
      public void upsertWeather(Weather weather, Collection<YearMonth> months) {
        w.upsertWeather(weather, months);
        caughtUp.run();
      }

      @Override
      public void upsertCarbon(CarbonIntensity carbon, Collection<YearMonth> months) {
        w.upsertCarbon(carbon, months);
        caughtUp.run();
      }

      @Override
      public void upsertTempo(Map<LocalDate, TempoColour> colours) {
        w.upsertTempo(colours);
        caughtUp.run();
      }
    };
  }

  /** How long an upsert of {@link #of(ReferenceUpserts, ReferenceView)} waits for the view. */
  Duration VIEW_WAIT = Duration.ofSeconds(30);

  /** The writer of the reference topics. */
  static ReferenceWriter of(ReferenceUpserts upserts) {
    Objects.requireNonNull(upserts, "upserts");
    return new ReferenceWriter() {
      @Override
      public void upsert(Meter meter, Premise premise, Contract contract) {
        upserts.upsert(
            List.of(meter),
            premise == null ? List.of() : List.of(premise),
            contract == null ? List.of() : List.of(contract));
      }

      @Override
      public void upsertWeather(Weather weather, Collection<YearMonth> months) {
        upserts.upsertWeather(weather, months);
      }

      @Override
      public void upsertCarbon(CarbonIntensity carbon, Collection<YearMonth> months) {
        upserts.upsertCarbon(carbon, months);
      }

      @Override
      public void upsertTempo(Map<LocalDate, TempoColour> colours) {
        upserts.upsertTempo(colours);
      }
    };
  }
}
