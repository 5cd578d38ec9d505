package io.siamese.service.it;

import io.siamese.schemas.DeadLetter;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.schemas.registry.RegistryConfig;
import io.siamese.schemas.serde.ConfluentAvroDeserializer;
import io.siamese.schemas.serde.ConfluentAvroSerializer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producers and consumers a user of the service would write, against the real broker and registry. */
public final class StreamClients {

    private StreamClients() {}

    /** A producer of ImagePair values through the registry. */
    public static KafkaProducer<String, ImagePair> pairProducer(String bootstrap, String registry) {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        cfg.put(ProducerConfig.ACKS_CONFIG, "all");
        cfg.put(RegistryConfig.URL, registry);
        return new KafkaProducer<>(cfg, new StringSerializer(), serializer(cfg));
    }

    private static ConfluentAvroSerializer<ImagePair> serializer(Map<String, Object> cfg) {
        ConfluentAvroSerializer<ImagePair> s = new ConfluentAvroSerializer<>();
        s.configure(cfg, false);
        return s;
    }

    /** A producer of arbitrary bytes (for corrupt records). */
    public static KafkaProducer<String, byte[]> rawProducer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** A read_committed consumer of results, from the beginning. */
    public static KafkaConsumer<String, PairDissimilarity> results(String bootstrap, String registry, String topic) {
        return consumer(bootstrap, registry, topic, PairDissimilarity.class);
    }

    /** A read_committed consumer of dead letters, from the beginning. */
    public static KafkaConsumer<String, DeadLetter> deadLetters(String bootstrap, String registry, String topic) {
        return consumer(bootstrap, registry, topic, DeadLetter.class);
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> KafkaConsumer<String, T> consumer(
            String bootstrap, String registry, String topic, Class<T> type) {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        cfg.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        cfg.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cfg.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        cfg.put(RegistryConfig.URL, registry);
        ConfluentAvroDeserializer<T> values = new ConfluentAvroDeserializer<>(type);
        values.configure(cfg, false);
        KafkaConsumer<String, T> c = new KafkaConsumer<>(cfg, new StringDeserializer(), values);
        c.subscribe(List.of(topic));
        return c;
    }
}
