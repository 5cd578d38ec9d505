package io.siamese.service.stream;

import io.siamese.schemas.registry.RegistryConfig;
import io.siamese.service.config.ServiceConfig;
import java.util.HashMap;
import java.util.Map;

/** Turns the service's registry settings into the Kafka-style map our serdes read. */
public final class RegistrySettings {

    private RegistrySettings() {}

    /** The serde configuration for {@code registry}. */
    public static Map<String, Object> of(ServiceConfig.Registry registry) {
        Map<String, Object> m = new HashMap<>();
        m.put(RegistryConfig.URL, registry.url());
        m.put(RegistryConfig.AUTO_REGISTER, registry.autoRegister());
        registry.basicAuthUserInfo().ifPresent(v -> m.put(RegistryConfig.BASIC_AUTH_USER_INFO, v));
        registry.truststoreLocation().ifPresent(v -> m.put(RegistryConfig.TRUSTSTORE_LOCATION, v));
        registry.truststorePassword().ifPresent(v -> m.put(RegistryConfig.TRUSTSTORE_PASSWORD, v));
        m.put(RegistryConfig.TIMEOUT_MS, Long.toString(registry.requestTimeout().toMillis()));
        return m;
    }
}
