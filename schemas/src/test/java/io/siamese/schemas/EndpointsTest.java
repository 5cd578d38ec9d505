package io.siamese.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
