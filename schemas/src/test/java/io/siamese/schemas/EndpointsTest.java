package io.siamese.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointsTest {

    @Test
    void usesTheEnvironmentWhenItNamesTheEndpoints() {
        Map<String, String> env = Map.of(Endpoints.BOOTSTRAP_ENV, "kafka:29092",
                Endpoints.REGISTRY_ENV, "http://registry:8080/apis/ccompat/v7");

        Endpoints endpoints = Endpoints.fromEnvironment(env::get);

        assertEquals(new Endpoints("kafka:29092", "http://registry:8080/apis/ccompat/v7"), endpoints);
        assertEquals("http://registry:8080/apis/ccompat/v7", endpoints.producerConfig("t").get("schema.registry.url"));
    }

    @Test
    void fallsBackToLocalDefaultsWhenTheEnvironmentIsEmptyOrBlank() {
        Endpoints endpoints = Endpoints.fromEnvironment(Map.of(Endpoints.BOOTSTRAP_ENV, " ")::get);

        assertEquals(new Endpoints("localhost:9092", "http://localhost:8081/apis/ccompat/v7"), endpoints);
    }

    @Test
    void shouldGiveEveryClientTheSecurityAndRegistryCredentialsOfTheClientConfigFile(@TempDir Path dir)
            throws IOException {
        Path file = Files.writeString(dir.resolve("client.properties"), """
                bootstrap.servers=kafka:9093
                schema.registry.url=http://registry:8080/apis/ccompat/v7
                security.protocol=SASL_PLAINTEXT
                sasl.mechanism=PLAIN
                basic.auth.user.info=svc:pw
                max.block.ms=5000
                """);

        Endpoints endpoints = Endpoints.fromEnvironment(Map.of(ClientConfigFile.ENV, file.toString())::get);

        assertEquals("kafka:9093", endpoints.bootstrapServers());
        assertEquals("http://registry:8080/apis/ccompat/v7", endpoints.registryUrl());
        for (Map<String, Object> config : java.util.List.of(endpoints.producerConfig("p"),
                endpoints.consumerConfig("c"))) {
            assertEquals("SASL_PLAINTEXT", config.get("security.protocol"));
            assertEquals("PLAIN", config.get("sasl.mechanism"));
            assertEquals("svc:pw", config.get("basic.auth.user.info"));
        }
        assertEquals("5000", endpoints.producerConfig("p").get("max.block.ms"), "the file overrides the default");
        assertFalse(endpoints.toString().contains("svc:pw"), endpoints.toString());
    }

    @Test
    void shouldPreferTheOptionThenTheEnvironmentOverTheClientConfigFile() {
        Map<String, String> file = Map.of("bootstrap.servers", "file:9092", "schema.registry.url", "http://file");

        Endpoints fromEnv = Endpoints.resolve(null, null, file, Map.of(Endpoints.BOOTSTRAP_ENV, "env:9092")::get);
        Endpoints fromOption = Endpoints.resolve("option:9092", null, file,
                Map.of(Endpoints.BOOTSTRAP_ENV, "env:9092")::get);

        assertEquals("env:9092", fromEnv.bootstrapServers());
        assertEquals("http://file", fromEnv.registryUrl());
        assertEquals("option:9092", fromOption.bootstrapServers());
    }
}
