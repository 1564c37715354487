package io.gridlens.api;

import io.gridlens.core.reference.ReferenceData;
import io.gridlens.formats.ReadingReader;
import io.gridlens.ingest.IngestReport;
import io.gridlens.ingest.IngestService;
import io.gridlens.ingest.IngestTopics;
import java.time.Clock;
import java.util.Objects;
import org.apache.kafka.clients.producer.Producer;

/**
 * Where uploads go: the ingest service, seen from the API. The reader streams the request body; the
 * call returns once every reading was logged or refused.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface IngestPort {

  /**
   * Ingests every reading of an upload on behalf of a caller; closes the reader.
   *
   * @param principal who uploads: readings of meters it may not write are refused as unknown
   */
  IngestReport ingest(ReadingReader reader, Principal principal);

  /**
   * The ingest service on Kafka, scoped per request to the caller's tenant: a retailer's readings
   * of another tenant's meter are dead-lettered as of an unknown meter (never acknowledged as
   * existing); an admin's are checked against every meter.
   *
   * @param producer the caller's producer (it closes it)
   */
  static IngestPort kafka(
      Producer<String, byte[]> producer,
      IngestTopics topics,
      ReferenceData reference,
      Clock clock,
      IngestService.Options options) {
    Objects.requireNonNull(producer, "producer");
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(options, "options");
    IngestService everyTenant = new IngestService(producer, topics, reference, clock, options);
    return (reader, principal) -> {
      if (principal.role() == Role.ADMIN) {
        return everyTenant.ingest(reader);
      }
      // The service is cheap to build (it holds references only): one per request keeps the
      // tenant check inside the edge validation, with the same messages and dead letters.
      TenantReferenceData scoped = new TenantReferenceData(reference, principal.tenant());
      return new IngestService(producer, topics, scoped, clock, options).ingest(reader);
    };
  }
}
