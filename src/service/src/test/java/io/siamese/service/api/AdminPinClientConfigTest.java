package io.siamese.service.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.siamese.service.config.KafkaClientSettings;
import io.siamese.service.model.CheckpointFollower;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin pin's producer and the checkpoint follower's consumer connect like the Kafka Streams client. */
class AdminPinClientConfigTest {

    @Test
    void shouldGiveTheFollowerAndThePinTheConfiguredSecuritySettings() {
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";";
        KafkaClientSettings clients = KafkaClientSettings.of(Map.of(
                "quarkus.kafka-streams.bootstrap-servers", "broker:9094",
                "quarkus.kafka-streams.security.protocol", "SASL_SSL",
                "quarkus.kafka-streams.sasl.mechanism", "SCRAM-SHA-512",
                "kafka-streams.sasl.jaas.config", jaas));
        Map<String, Object> registry = Map.of("schema.registry.url", "http://registry:8081");
        for (Map<String, Object> cfg : new Map[] {AdminResource.producerConfig(clients, registry),
                CheckpointFollower.consumerConfig(clients, registry)}) {
            assertEquals("broker:9094", cfg.get("bootstrap.servers"));
            assertEquals("SASL_SSL", cfg.get("security.protocol"));
            assertEquals("SCRAM-SHA-512", cfg.get("sasl.mechanism"));
            assertEquals(jaas, cfg.get("sasl.jaas.config"));
            assertEquals("http://registry:8081", cfg.get("schema.registry.url"));
        }
    }
}
