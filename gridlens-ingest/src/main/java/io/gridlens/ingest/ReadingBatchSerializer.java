package io.gridlens.ingest;

import io.gridlens.core.codec.ReadingBatchCodec;
import org.apache.kafka.common.serialization.Serializer;

/** The Kafka serializer of {@code readings} values, for producers other than the ingest service. */
public final class ReadingBatchSerializer implements Serializer<ReadingBatchCodec.Batch> {

  @Override
  public byte[] serialize(String topic, ReadingBatchCodec.Batch data) {
    return data == null ? null : ReadingBatchCodec.encode(data);
  }
}
