package io.gridlens.ingest;

import io.gridlens.core.IngestPosition;
import io.gridlens.core.Reading;
import io.gridlens.core.codec.ReadingBatchCodec;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The Kafka deserializer of {@code readings} values: a record's bytes as a {@link
 * ReadingBatchCodec.Batch}; pair it with a {@code StringDeserializer} for the key (the meter id).
 *
 * <p>Usable by any Kafka client by class name ({@code value.deserializer}); a new batch per record,
 * since a consumer hands out many records at once. Thread-safe.
 */
public final class ReadingBatchDeserializer implements Deserializer<ReadingBatchCodec.Batch> {

  @Override
  public ReadingBatchCodec.Batch deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    return ReadingBatchCodec.decode(ByteBuffer.wrap(data), new ReadingBatchCodec.Batch(64));
  }

  /**
   * The readings of a consumed record, each logged at the record's position and ingested at its
   * timestamp (see {@link Archiver} for why they share the position).
   */
  public static List<Reading> readings(ConsumerRecord<String, ReadingBatchCodec.Batch> record) {
    return record
        .value()
        .readings(
            record.key(),
            new IngestPosition(record.partition(), record.offset()),
            Instant.ofEpochMilli(record.timestamp()));
  }
}
