package io.siamese.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** What the client sends and how it reads answers, against a scripted HTTP server (no registry needed). */
class ConfluentRegistryClientHttpTest {

    private final List<HttpExchange> seen = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private volatile int status = 200;
    private volatile String body = "{\"schema\":\"\\\"string\\\"\"}";

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.add(exchange);
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void shouldSendBasicCredentialsWhenConfigured() {
        ConfluentRegistryClient client = new ConfluentRegistryClient(new RegistryConfig(url(), true,
                Optional.of(new RegistryConfig.BasicAuth("svc", "pw")), Optional.empty(), Duration.ofSeconds(5)));

        client.getById(3);

        assertEquals(List.of("Basic c3ZjOnB3"), authorizations);
        assertEquals("/apis/ccompat/v7/schemas/ids/3", seen.get(0).getRequestURI().getPath());
    }

    @Test
    void shouldExplainRejectedCredentials() {
        status = 401;
        body = "{\"error_code\":401,\"message\":\"Unauthorized\"}";
        ConfluentRegistryClient client = new ConfluentRegistryClient(RegistryConfig.of(url()));

        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client.getById(3));

        assertEquals(401, e.httpStatus());
        assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
        assertTrue(e.getMessage().contains("basic.auth.user.info"), e.getMessage());
    }

    @Test
    void shouldKeepTheRawAnswerWhenTheErrorIsNotJson() {
        status = 502;
        body = "<html>Bad Gateway</html>";
        ConfluentRegistryClient client = new ConfluentRegistryClient(RegistryConfig.of(url()));

        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client.getById(3));

        assertEquals(502, e.httpStatus());
        assertTrue(e.getMessage().contains("Bad Gateway"), e.getMessage());
    }

    @Test
    void shouldEncodeSubjectsInPaths() {
        body = "{\"id\":5}";
        ConfluentRegistryClient client = new ConfluentRegistryClient(RegistryConfig.of(url()));

        client.register("a topic/with odd-value", Schema.create(Schema.Type.STRING));

        assertEquals("/apis/ccompat/v7/subjects/a%20topic%2Fwith%20odd-value/versions",
                seen.get(0).getRequestURI().getRawPath());
    }

    @Test
    void shouldLoadATruststoreForHttps(@TempDir Path dir) throws Exception {
        Path truststore = dir.resolve("trust.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (OutputStream out = Files.newOutputStream(truststore)) {
            store.store(out, "changeit".toCharArray());
        }

        RegistryConfig config = RegistryConfig.fromConfigs(Map.of("schema.registry.url", url(),
                "schema.registry.ssl.truststore.location", truststore.toString(),
                "schema.registry.ssl.truststore.password", "changeit"));

        assertEquals(Schema.create(Schema.Type.STRING), new ConfluentRegistryClient(config).getById(1));
    }

    @Test
    void shouldNameAMissingTruststore(@TempDir Path dir) {
        RegistryConfig config = RegistryConfig.fromConfigs(Map.of("schema.registry.url", url(),
                "schema.registry.ssl.truststore.location", dir.resolve("absent.p12").toString()));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ConfluentRegistryClient(config));

        assertTrue(e.getMessage().contains("absent.p12"), e.getMessage());
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7";
    }

    private ConfluentRegistryClient notFoundEverywhere(AtomicLong nanos) {
        status = 404;
        body = "{\"error_code\":40403,\"message\":\"Schema not found\"}";
        return new ConfluentRegistryClient(RegistryConfig.of(url()), Duration.ofSeconds(60), 3, nanos::get);
    }

    @Test
    void shouldAskTheRegistryOnceForAnIdItDoesNotKnow() {
        ConfluentRegistryClient client = notFoundEverywhere(new AtomicLong());

        for (int i = 0; i < 20; i++) {
            SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client.getById(777));
            assertTrue(e.isNotFound(), e.getMessage());
        }

        assertEquals(1, seen.size());
    }

    @Test
    void shouldAskAgainOnceTheMemoryOfAnUnknownIdExpires() {
        AtomicLong nanos = new AtomicLong();
        ConfluentRegistryClient client = notFoundEverywhere(nanos);
        assertThrows(SchemaRegistryException.class, () -> client.getById(5));

        nanos.addAndGet(Duration.ofSeconds(61).toNanos());
        assertThrows(SchemaRegistryException.class, () -> client.getById(5));

        assertEquals(2, seen.size());
    }

    @Test
    void shouldForgetTheOldestUnknownIdsBeyondItsCapacity() {
        ConfluentRegistryClient client = notFoundEverywhere(new AtomicLong());
        for (int id = 1; id <= 4; id++) { // one more than the capacity of 3
            int unknown = id;
            assertThrows(SchemaRegistryException.class, () -> client.getById(unknown));
        }
        int afterFilling = seen.size();

        assertThrows(SchemaRegistryException.class, () -> client.getById(2)); // still remembered
        assertThrows(SchemaRegistryException.class, () -> client.getById(1)); // forgotten: asked again

        assertEquals(afterFilling + 1, seen.size());
    }
}
