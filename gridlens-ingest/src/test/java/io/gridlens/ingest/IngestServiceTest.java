package io.gridlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridlens.core.Reading;
import io.gridlens.core.codec.ReadingBatchCodec;
import io.gridlens.core.reference.InMemoryReferenceData;
import io.gridlens.formats.ErrorPolicy;
import io.gridlens.formats.ReadOptions;
import io.gridlens.formats.ReadingFormat;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The ingest service's batching, reports and dead letters, on Kafka's MockProducer. */
class IngestServiceTest {

  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final IngestTopics TOPICS = IngestTopics.defaults();
  private static final InMemoryReferenceData METERS =
      TestKit.reference(
          List.of(
              TestKit.meter("m1", "UTC", 30),
              TestKit.meter("m2", "UTC", 30),
              TestKit.meter("m3", "UTC", 30)));

  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

  private IngestService service(IngestService.Options options) {
    return new IngestService(producer, TOPICS, METERS, TestKit.CLOCK, options);
  }

  private List<ProducerRecord<String, byte[]>> sent(String topic) {
    return producer.history().stream().filter(r -> r.topic().equals(topic)).toList();
  }

  private static List<Reading> decode(ProducerRecord<String, byte[]> r) {
    return ReadingBatchCodec.decode(r.value()).readings(r.key(), null, null);
  }

  @Test
  void shouldSendOneRecordPerMeterWhenItsReadingsFitInOne() {
    List<Reading> in = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      for (String m : List.of("m1", "m2", "m3")) {
        in.add(TestKit.reading(m, T0.plusSeconds(1800L * i), 30, 100 + i));
      }
    }

    IngestReport report =
        service(IngestService.Options.defaults())
            .ingest(in.iterator(), IngestService.Progress.NONE);

    assertThat(report.accepted()).isEqualTo(30);
    List<ProducerRecord<String, byte[]>> records = sent("readings");
    assertThat(records).extracting(ProducerRecord::key).containsExactlyInAnyOrder("m1", "m2", "m3");
    for (ProducerRecord<String, byte[]> r : records) {
      assertThat(decode(r))
          .containsExactlyElementsOf(in.stream().filter(x -> x.meterId().equals(r.key())).toList());
    }
  }

  @Test
  void shouldCloseThePendingRecordBeforeACorrectionOfOneOfItsIntervals() {
    List<Reading> in =
        List.of(
            TestKit.reading("m1", T0, 30, 100),
            TestKit.reading("m1", T0.plusSeconds(1800), 30, 110),
            TestKit.reading("m1", T0, 30, 150));

    service(IngestService.Options.defaults()).ingest(in.iterator(), IngestService.Progress.NONE);

    // The correction must land in a later record (a later offset), so that it wins downstream.
    List<ProducerRecord<String, byte[]>> records = sent("readings");
    assertThat(records).hasSize(2);
    assertThat(decode(records.get(0))).containsExactly(in.get(0), in.get(1));
    assertThat(decode(records.get(1))).containsExactly(in.get(2));
  }

  @Test
  void shouldSplitARunOfReadingsIntoRecordsOfAtMostTheConfiguredSize() {
    List<Reading> in = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      in.add(TestKit.reading("m1", T0.plusSeconds(1800L * i), 30, i));
    }

    service(IngestService.Options.defaults().withMaxReadingsPerRecord(2))
        .ingest(in.iterator(), IngestService.Progress.NONE);

    assertThat(sent("readings")).extracting(r -> decode(r).size()).containsExactly(2, 2, 1);
  }

  @Test
  void shouldCountAsAcceptedOnlyTheReadingsKafkaAcknowledged() {
    MockProducer<String, byte[]> failing =
        new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer()) {
          @Override
          public synchronized void flush() {
            while (errorNext(new TimeoutException("broker unreachable"))) {
              // every pending record fails
            }
          }
        };
    IngestService s =
        new IngestService(failing, TOPICS, METERS, TestKit.CLOCK, IngestService.Options.defaults());

    IngestReport report =
        s.ingest(
            List.of(TestKit.reading("m1", T0, 30, 1), TestKit.reading("m2", T0, 30, 2)).iterator(),
            IngestService.Progress.NONE);

    assertThat(report.accepted()).isZero();
    assertThat(report.failed()).isEqualTo(2);
    assertThat(report.failure()).contains("broker unreachable");
  }

  @Test
  void shouldDeadLetterAReadingOfAnUnknownMeterWithItsReason() {
    IngestReport report =
        service(IngestService.Options.defaults())
            .ingest(
                List.of(TestKit.reading("m1", T0, 30, 1), TestKit.reading("nope", T0, 30, 2))
                    .iterator(),
                IngestService.Progress.NONE);

    assertThat(report.accepted()).isEqualTo(1);
    assertThat(report.rejected()).isEqualTo(1);
    assertThat(report.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("meter_id");
              assertThat(e.record()).isEqualTo(2);
            });
    DeadLetter letter = DeadLetter.fromJson(sent("deadletter").get(0).value());
    assertThat(letter.reason()).contains("unknown meter 'nope'");
    assertThat(letter.text()).isEqualTo("nope,import,2024-01-01T00:00:00Z,30,interval,2,ACTUAL");
  }

  @Test
  void shouldDeadLetterAnUnreadableCsvRowWithItsLineAndField() {
    String csv =
        "meter_id,interval_start,interval_minutes,wh\n"
            + "m1,2024-01-01T00:00:00Z,30,100\n"
            + "m1,2024-01-01T00:30:00Z,30,lots\n"
            + "m1,2024-01-01T01:00:00Z,30,-5\n";
    var reader =
        ReadingFormat.CSV.open(
            new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
            ReadOptions.defaults().withErrorPolicy(ErrorPolicy.SKIP_AND_REPORT));

    IngestReport report = service(IngestService.Options.defaults()).ingest(reader);

    // Row 1 is good, row 2 cannot be read (line 3), row 3 is negative (record 3).
    assertThat(report.accepted()).isEqualTo(1);
    assertThat(report.rejected()).isEqualTo(2);
    List<DeadLetter> letters =
        sent("deadletter").stream().map(r -> DeadLetter.fromJson(r.value())).toList();
    assertThat(letters)
        .anySatisfy(
            d -> {
              assertThat(d.line()).isEqualTo(3);
              assertThat(d.field()).isEqualTo("wh");
              assertThat(d.text()).isEqualTo("lots");
              assertThat(d.source()).isEqualTo("csv");
            })
        .anySatisfy(
            d -> {
              assertThat(d.record()).isEqualTo(3);
              assertThat(d.field()).isEqualTo("wh");
              assertThat(d.reason()).contains("negative");
            });
  }
}
