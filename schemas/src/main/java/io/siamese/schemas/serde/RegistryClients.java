package io.siamese.schemas.serde;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.siamese.schemas.registry.ConfluentRegistryClient;
import io.siamese.schemas.registry.RegistryConfig;
import io.siamese.schemas.registry.SchemaRegistryClient;

/**
 * One registry client per registry configuration for all serdes of the JVM. Kafka Streams creates a serde per
 * task; sharing keeps one HTTP client (and its selector thread) and one id cache instead of one per task.
 */
final class RegistryClients {

    private static final Map<RegistryConfig, SchemaRegistryClient> CLIENTS = new ConcurrentHashMap<>();

    private RegistryClients() {
    }

    /** @return the shared client for the registry named in {@code configs} */
    static SchemaRegistryClient fromConfigs(Map<String, ?> configs) {
        // autoRegister is a serializer setting, not a property of the connection: share across it.
        RegistryConfig config = RegistryConfig.fromConfigs(configs).withAutoRegister(true);
        return CLIENTS.computeIfAbsent(config, ConfluentRegistryClient::new);
    }

    /** @return a description of the registry for error messages */
    static String describe(SchemaRegistryClient client) {
        return client instanceof ConfluentRegistryClient confluent ? "the schema registry at " + confluent.url()
                : "the schema registry";
    }
}
