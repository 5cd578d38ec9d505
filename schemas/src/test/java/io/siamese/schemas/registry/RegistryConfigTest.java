package io.siamese.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RegistryConfigTest {

    @Test
    void shouldUseConfluentDefaultsWhenOnlyTheUrlIsGiven() {
        RegistryConfig config = RegistryConfig.fromConfigs(Map.of("schema.registry.url", "http://r:8081/apis/ccompat/v7/"));

        assertEquals("http://r:8081/apis/ccompat/v7", config.url());
        assertTrue(config.autoRegister());
        assertEquals(Optional.empty(), config.basicAuth());
        assertEquals(Optional.empty(), config.truststore());
        assertEquals(RegistryConfig.DEFAULT_TIMEOUT, config.timeout());
    }

    @Test
    void shouldReadEveryKafkaStyleKey() {
        RegistryConfig config = RegistryConfig.fromConfigs(Map.of(
                "schema.registry.url", "https://a:8081,https://b:8081",
                "auto.register.schemas", false,
                "basic.auth.user.info", "svc:s3cr:et",
                "schema.registry.ssl.truststore.location", "/etc/trust.p12",
                "schema.registry.ssl.truststore.password", "changeit",
                "schema.registry.request.timeout.ms", "2500"));

        assertEquals("https://a:8081", config.url());
        assertFalse(config.autoRegister());
        assertEquals(new RegistryConfig.BasicAuth("svc", "s3cr:et"), config.basicAuth().orElseThrow());
        assertEquals(new RegistryConfig.Truststore(Path.of("/etc/trust.p12"), "changeit", "PKCS12"),
                config.truststore().orElseThrow());
        assertEquals(Duration.ofMillis(2500), config.timeout());
    }

    @Test
    void shouldNeverPrintSecrets() {
        RegistryConfig config = RegistryConfig.fromConfigs(Map.of("schema.registry.url", "https://a",
                "basic.auth.user.info", "svc:hunter2",
                "schema.registry.ssl.truststore.location", "/t.p12",
                "schema.registry.ssl.truststore.password", "trustpass"));

        assertFalse(config.toString().contains("hunter2"), config.toString());
        assertFalse(config.toString().contains("trustpass"), config.toString());
    }

    @Test
    void shouldRejectAMissingUrlWithTheKeyName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RegistryConfig.fromConfigs(Map.of("bootstrap.servers", "k:9092")));

        assertTrue(e.getMessage().contains("schema.registry.url"), e.getMessage());
    }

    @Test
    void shouldRejectANonHttpUrl() {
        assertThrows(IllegalArgumentException.class, () -> RegistryConfig.of("ftp://registry"));
    }

    @Test
    void shouldRejectAMalformedAutoRegisterFlag() {
        assertThrows(IllegalArgumentException.class, () -> RegistryConfig.fromConfigs(
                Map.of("schema.registry.url", "http://r", "auto.register.schemas", "yes")));
    }

    @Test
    void shouldRejectUserInfoWithoutPassword() {
        assertThrows(IllegalArgumentException.class, () -> RegistryConfig.BasicAuth.parse("user-only"));
    }
}
