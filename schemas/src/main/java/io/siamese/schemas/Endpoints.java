package io.siamese.schemas;

import io.siamese.schemas.registry.RegistryConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Where the pipeline's Kafka cluster and schema registry are, and the client settings derived from them.
 *
 * @param bootstrapServers Kafka {@code bootstrap.servers}
 * @param registryUrl      Confluent-compatible schema registry API base, e.g.
 *                         {@code http://localhost:8081/apis/ccompat/v7}
 */
public record Endpoints(String bootstrapServers, String registryUrl) {

    /** Environment variable read by {@link #fromEnvironment()} for the bootstrap servers. */
    public static final String BOOTSTRAP_ENV = "SIAMESE_BOOTSTRAP_SERVERS";
    /** Environment variable read by {@link #fromEnvironment()} for the registry URL. */
    public static final String REGISTRY_ENV = "SIAMESE_REGISTRY_URL";
    /** Bootstrap servers when the environment names none. */
    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";
    /** Registry URL when the environment names none (Apicurio's Confluent API on its default port). */
    public static final String DEFAULT_REGISTRY = "http://localhost:8081/apis/ccompat/v7";

    /** Validates that both are given. */
    public Endpoints {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(registryUrl, "registryUrl");
    }

    /** @return the endpoints named by the environment, else the local defaults */
    public static Endpoints fromEnvironment() {
        return fromEnvironment(System::getenv);
    }

    /** @return the endpoints named by {@code env}, else the local defaults (testable without a real env) */
    static Endpoints fromEnvironment(UnaryOperator<String> env) {
        return new Endpoints(orDefault(env.apply(BOOTSTRAP_ENV), DEFAULT_BOOTSTRAP),
                orDefault(env.apply(REGISTRY_ENV), DEFAULT_REGISTRY));
    }

    /** @return producer settings: all replicas acknowledge, small batches for low latency, registry URL */
    public Map<String, Object> producerConfig(String clientId) {
        Map<String, Object> config = common(clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // A broker that is not up yet should fail a publish quickly rather than after the 2-minute default.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        return config;
    }

    /** @return consumer settings for reading by assignment (no group, nothing committed) */
    public Map<String, Object> consumerConfig(String clientId) {
        Map<String, Object> config = common(clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Results must show up at once in the live view, not when a fetch batch happens to fill.
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        return config;
    }

    private Map<String, Object> common(String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        config.put(RegistryConfig.URL, registryUrl);
        return config;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
