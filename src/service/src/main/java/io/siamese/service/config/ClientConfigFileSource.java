package io.siamese.service.config;

import io.siamese.schemas.ClientConfigFile;
import io.siamese.schemas.registry.RegistryConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The client config file that {@code publish}, {@code tail} and the trainer read ({@link ClientConfigFile}) as
 * configuration of the service, so one mounted Secret configures every process alike. The file is named by the
 * system property {@value #PROPERTY} or the environment variable {@value ClientConfigFile#ENV}.
 *
 * <p>Its Kafka keys become Kafka Streams pass-through keys ({@code kafka-streams.security.protocol}), which the
 * Kafka Streams extension and {@link KafkaClientSettings} hand to every Kafka client of the service;
 * {@code bootstrap.servers} becomes {@code quarkus.kafka-streams.bootstrap-servers}; the registry's keys become
 * {@code siamese.registry.*}. Its ordinal sits above {@code application.properties} (250) and below environment
 * variables (300) and system properties (400): an explicit setting still wins.
 */
public final class ClientConfigFileSource implements ConfigSource {

    /** System property naming the file (the environment variable {@value ClientConfigFile#ENV} works too). */
    public static final String PROPERTY = "siamese.client-config";
    static final int ORDINAL = 260;

    private static final Map<String, String> RENAMED = Map.of(
            "bootstrap.servers", "quarkus.kafka-streams.bootstrap-servers",
            RegistryConfig.URL, "siamese.registry.url",
            RegistryConfig.AUTO_REGISTER, "siamese.registry.auto-register",
            RegistryConfig.BASIC_AUTH_USER_INFO, "siamese.registry.basic-auth-user-info",
            RegistryConfig.TRUSTSTORE_LOCATION, "siamese.registry.truststore-location",
            RegistryConfig.TRUSTSTORE_PASSWORD, "siamese.registry.truststore-password");

    private final Map<String, String> properties;

    /** Reads the file the JVM's system property or environment names (ServiceLoader's constructor). */
    public ClientConfigFileSource() {
        this(name -> name.equals(ClientConfigFile.ENV) ? System.getenv(name) : System.getProperty(name));
    }

    /** @param lookup system properties and environment variables by name (tests pass a map) */
    ClientConfigFileSource(UnaryOperator<String> lookup) {
        // A property set, even empty (no file), takes precedence over the environment.
        String file = Optional.ofNullable(lookup.apply(PROPERTY)).orElse(lookup.apply(ClientConfigFile.ENV));
        this.properties = file == null || file.isBlank() ? Map.of() : translate(ClientConfigFile.read(Path.of(file)));
    }

    static Map<String, String> translate(Map<String, String> client) {
        Map<String, String> out = new HashMap<>();
        client.forEach((key, value) -> {
            if (RENAMED.containsKey(key)) {
                out.put(RENAMED.get(key), value);
            } else if (key.startsWith("schema.registry.") || key.startsWith("basic.auth.")) {
                throw new IllegalArgumentException("client config key " + key + " is not supported by the service;"
                        + " it reads " + RENAMED.keySet());
            } else {
                out.put(KafkaClientSettings.STREAMS + key, value);
            }
        });
        return Map.copyOf(out);
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "siamese client config file";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
