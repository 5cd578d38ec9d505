package io.siamese.service.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientSettingsTest {

    private static final String JAAS =
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"svc\" password=\"pw\";";

    @Test
    void shouldTakeTheStreamsSecuritySettingsFromTypedAndPassThroughKeys() {
        KafkaClientSettings s = KafkaClientSettings.of(Map.of(
                "quarkus.kafka-streams.bootstrap-servers", "broker:9093",
                "quarkus.kafka-streams.security.protocol", "SASL_SSL",
                "quarkus.kafka-streams.sasl.mechanism", "PLAIN",
                "quarkus.kafka-streams.sasl.jaas-config", JAAS,
                "quarkus.kafka-streams.sasl.login-refresh-buffer", "2m",
                "kafka-streams.ssl.truststore.location", "/etc/kafka/trust.p12",
                "kafka-streams.commit.interval.ms", "100"));
        Map<String, Object> c = s.common();
        assertEquals("broker:9093", c.get("bootstrap.servers"));
        assertEquals("SASL_SSL", c.get("security.protocol"));
        assertEquals("PLAIN", c.get("sasl.mechanism"));
        assertEquals(JAAS, c.get("sasl.jaas.config"));
        assertEquals("120", c.get("sasl.login.refresh.buffer.seconds"));
        assertEquals("/etc/kafka/trust.p12", c.get("ssl.truststore.location"));
        assertFalse(c.containsKey("sasl.jaas-config"), "a typed key is not passed on under its dashed name");
        assertFalse(c.containsKey("commit.interval.ms"), "only connection and security settings are shared");
    }

    @Test
    void shouldLetTheTypedKeyWinOverThePassThroughOneAsQuarkusDoes() {
        Map<String, Object> c = KafkaClientSettings.of(Map.of(
                "kafka-streams.security.protocol", "SSL",
                "quarkus.kafka-streams.sasl.jaas-config", JAAS,
                "kafka-streams.sasl.jaas.config", "other")).common();
        assertEquals("SSL", c.get("security.protocol"));
        assertEquals(JAAS, c.get("sasl.jaas.config"));
        assertEquals("localhost:9092", c.get("bootstrap.servers"));
        // Quarkus' Kafka Streams client turns the host name check off unless configured: all clients alike.
        assertEquals("", c.get("ssl.endpoint.identification.algorithm"));
    }
}
