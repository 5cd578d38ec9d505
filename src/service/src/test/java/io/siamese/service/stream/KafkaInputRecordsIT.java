package io.siamese.service.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.siamese.localstack.LocalStack;
import io.siamese.localstack.SharedLocalStack;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** Reading buffered pairs' records back from a real broker, as a restore after a crash does. */
class KafkaInputRecordsIT {

    private final LocalStack stack = SharedLocalStack.get();

    @Test
    void shouldReadTheWantedOffsetsBackAndLeaveOutThoseRetentionRemoved() throws Exception {
        String topic = "input-records-" + UUID.randomUUID();
        stack.createTopic(topic, 1);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, ("value-" + i).getBytes())).get();
            }
        }
        // What retention does to old segments: everything before offset 4 is gone.
        try (Admin admin = Admin.create(stack.clientConfig())) {
            admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(4))).all().get();
        }

        Map<String, Object> app = new HashMap<>();
        app.put(StreamsConfig.APPLICATION_ID_CONFIG, "input-records-test");
        app.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        app.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        Map<Long, byte[]> values;
        try (KafkaInputRecords input = new KafkaInputRecords(app, "input-records-test-restore")) {
            values = input.values(topic, 0, new TreeSet<>(java.util.List.of(2L, 5L, 7L)));
        }

        assertEquals(java.util.Set.of(5L, 7L), values.keySet(), "offset 2 was removed; 5 and 7 are read back");
        assertArrayEquals("value-5".getBytes(), values.get(5L));
        assertArrayEquals("value-7".getBytes(), values.get(7L));
    }

    @Test
    void shouldReadOnlyCommittedRecordsUnderExactlyOnceAsTheStreamDoes() {
        Map<String, Object> app = new HashMap<>();
        app.put(StreamsConfig.APPLICATION_ID_CONFIG, "input-records-test");
        app.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        app.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        assertEquals("read_committed", KafkaInputRecords.consumerConfig(app, "c").get("isolation.level"));
        app.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        assertEquals(null, KafkaInputRecords.consumerConfig(app, "c").get("isolation.level"),
                "the consumer's default, read_uncommitted, as the stream's own consumer reads");
        assertEquals("none", KafkaInputRecords.consumerConfig(app, "c").get("auto.offset.reset"));
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
