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
 * Where the pipeline's Kafka cluster and schema registry are, how to authenticate to them, and the client
 * settings derived from them.
 *
 * @param bootstrapServers Kafka {@code bootstrap.servers}
 * @param registryUrl      Confluent-compatible schema registry API base, e.g.
 *                         {@code http://localhost:8081/apis/ccompat/v7}
 * @param clientProperties further client settings from a {@link ClientConfigFile}: Kafka security
 *                         ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}), the registry's credentials
 *                         ({@code basic.auth.user.info}, {@code schema.registry.ssl.*}) or tuning; they override
 *                         the defaults of {@link #producerConfig} and {@link #consumerConfig}
 */
public record Endpoints(String bootstrapServers, String registryUrl, Map<String, String> clientProperties) {

    /** Environment variable read by {@link #fromEnvironment()} for the bootstrap servers. */
    public static final String BOOTSTRAP_ENV = "SIAMESE_BOOTSTRAP_SERVERS";
    /** Environment variable read by {@link #fromEnvironment()} for the registry URL. */
    public static final String REGISTRY_ENV = "SIAMESE_REGISTRY_URL";
    /** Bootstrap servers when the environment names none. */
    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";
    /** Registry URL when the environment names none (Apicurio's Confluent API on its default port). */
    public static final String DEFAULT_REGISTRY = "http://localhost:8081/apis/ccompat/v7";

    /** Validates that both addresses are given, and copies the properties. */
    public Endpoints {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(registryUrl, "registryUrl");
        clientProperties = Map.copyOf(clientProperties);
    }

    /** Endpoints without further client settings: an unsecured cluster and registry. */
    public Endpoints(String bootstrapServers, String registryUrl) {
        this(bootstrapServers, registryUrl, Map.of());
    }

    /** @return the endpoints named by the environment (and the client config file it names), else the defaults */
    public static Endpoints fromEnvironment() {
        return fromEnvironment(System::getenv);
    }

    /** @return the endpoints named by {@code env}, else the local defaults (testable without a real env) */
    static Endpoints fromEnvironment(UnaryOperator<String> env) {
        return resolve(null, null, ClientConfigFile.fromEnvironment(env), env);
    }

    /**
     * Each address from the first that names it: the option, the environment ({@value #BOOTSTRAP_ENV},
     * {@value #REGISTRY_ENV}), the client config file ({@code bootstrap.servers}, {@code schema.registry.url}),
     * else the local default.
     *
     * @param bootstrapOption  the command's option, or null
     * @param registryOption   the command's option, or null
     * @param clientProperties the client config file's properties (empty without one)
     * @param env              the environment
     */
    public static Endpoints resolve(String bootstrapOption, String registryOption,
                                    Map<String, String> clientProperties, UnaryOperator<String> env) {
        String bootstrap = first(bootstrapOption, env.apply(BOOTSTRAP_ENV),
                clientProperties.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG), DEFAULT_BOOTSTRAP);
        String registry = first(registryOption, env.apply(REGISTRY_ENV), clientProperties.get(RegistryConfig.URL),
                DEFAULT_REGISTRY);
        return new Endpoints(bootstrap, registry, clientProperties);
    }

    /** @return producer settings: all replicas acknowledge, small batches for low latency, registry URL */
    public Map<String, Object> producerConfig(String clientId) {
        Map<String, Object> config = common(clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // A broker that is not up yet should fail a publish quickly rather than after the 2-minute default.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        return withClientProperties(config);
    }

    /** @return consumer settings for reading by assignment (no group, nothing committed) */
    public Map<String, Object> consumerConfig(String clientId) {
        Map<String, Object> config = common(clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Results must show up at once in the live view, not when a fetch batch happens to fill.
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        return withClientProperties(config);
    }

    /** @return the settings every client gets; the client config file's override the defaults set after it */
    private Map<String, Object> common(String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        config.put(RegistryConfig.URL, registryUrl);
        return config;
    }

    private Map<String, Object> withClientProperties(Map<String, Object> config) {
        clientProperties.forEach((key, value) -> {
            if (!key.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) && !key.equals(RegistryConfig.URL)) {
                config.put(key, value);
            }
        });
        return config;
    }

    /** Without the client properties' values: they hold passwords. */
    @Override
    public String toString() {
        return "Endpoints[bootstrapServers=" + bootstrapServers + ", registryUrl=" + registryUrl
                + ", clientProperties=" + ClientConfigFile.redacted(clientProperties) + "]";
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        throw new IllegalArgumentException("no value");
    }
}
