package io.siamese.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.siamese.schemas.DeadLetter;
import io.siamese.schemas.Decision;
import io.siamese.schemas.Endpoints;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.schemas.Timings;
import io.siamese.schemas.Topics;
import io.siamese.schemas.serde.WireFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Records and reading helpers for tests against a real broker. */
final class TestRecords {

    private TestRecords() {
    }

    /** Reads a topic from the beginning until {@code expected} records arrived (polling, 30 s deadline). */
    static List<ConsumerRecord<byte[], byte[]>> readAll(Endpoints endpoints, String topic, int expected) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(endpoints.consumerConfig("test"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertEquals(expected, records.size(), "records on " + topic);
        return records;
    }

    static PairDissimilarity result(String id) {
        return PairDissimilarity.newBuilder().setPairId(id).setDistance(0.5).setMetric("euclidean").setThreshold(1)
                .setDecision(Decision.SAME).setModelVersion("v1").setTimings(new Timings(1L, 0L, 1L, 1))
                .setLabel(0).setEventTime(System.currentTimeMillis()).setMetadata(Map.of()).build();
    }

    static DeadLetter deadLetter() {
        return DeadLetter.newBuilder().setSourceTopic(Topics.IMAGE_PAIRS).setPartition(0).setOffset(3)
                .setErrorKind("CORRUPT_IMAGE").setErrorMessage("truncated").setFailedAt(Instant.now()).build();
    }

    /** A key in the Confluent Avro wire format, as Confluent's Python AvroProducer writes it. */
    static byte[] avroKey(String text) {
        byte[] utf8 = utf8(text);
        ByteBuffer payload = ByteBuffer.allocate(1 + utf8.length).put((byte) (utf8.length * 2)).put(utf8);
        return WireFormat.encode(1, payload.array());
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}
