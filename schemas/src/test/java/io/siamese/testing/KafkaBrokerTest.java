package io.siamese.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.siamese.schemas.PairDissimilarity;
import io.siamese.schemas.serde.ConfluentAvroDeserializer;
import io.siamese.schemas.serde.ConfluentAvroSerializer;

/** The harness end to end: our serdes through the in-process broker and the real registry. */
class KafkaBrokerTest {

    private static KafkaBroker broker;
    private static ApicurioRegistryServer registry;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.shared();
        registry = ApicurioRegistryServer.shared();
    }

    @Test
    void shouldCreateTopicsIdempotently() throws Exception {
        String topic = "topic-" + UUID.randomUUID();

        broker.createTopic(topic, 3);
        broker.createTopic(topic, 3);

        assertTrue(broker.admin().listTopics().names().get().contains(topic));
        assertEquals(3, broker.admin().describeTopics(Set.of(topic)).allTopicNames().get().get(topic)
                .partitions().size());
    }

    @Test
    void shouldCarryConfluentFramedRecordsThroughARealBroker() {
        String topic = "results-" + UUID.randomUUID();
        broker.createTopic(topic, 1);
        PairDissimilarity result = SampleRecords.pairDissimilarity("pair-42");

        Map<String, Object> producerConfig = new HashMap<>(broker.clientConfig());
        producerConfig.put("schema.registry.url", registry.confluentUrl());
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ConfluentAvroSerializer.class);
        try (KafkaProducer<String, PairDissimilarity> producer = new KafkaProducer<>(producerConfig)) {
            producer.send(new ProducerRecord<>(topic, "pair-42", result));
        }

        Map<String, Object> consumerConfig = new HashMap<>(broker.clientConfig());
        consumerConfig.put("schema.registry.url", registry.confluentUrl());
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ConfluentAvroDeserializer.class);
        consumerConfig.put(ConfluentAvroDeserializer.VALUE_TYPE, PairDissimilarity.class.getName());
        try (KafkaConsumer<String, PairDissimilarity> consumer = new KafkaConsumer<>(consumerConfig)) {
            consumer.subscribe(List.of(topic));
            ConsumerRecord<String, PairDissimilarity> received =
                    TestConsumers.poll(consumer, 1, Duration.ofSeconds(30)).get(0);

            assertEquals("pair-42", received.key());
            assertEquals(result, received.value());
        }
    }
}
