package io.siamese.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * JSON over HTTP to a Confluent-compatible registry: authentication, TLS, timeouts and the mapping of every
 * failure to a {@link SchemaRegistryException} whose message names the registry URL.
 */
final class RegistryHttp {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final RegistryConfig config;
    private final HttpClient client;
    private final ObjectMapper mapper = new ObjectMapper();
    private final AtomicLong requests = new AtomicLong();

    RegistryHttp(RegistryConfig config) {
        this.config = config;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(config.timeout());
        config.truststore().ifPresent(trust -> builder.sslContext(sslContext(trust)));
        this.client = builder.build();
    }

    String url() {
        return config.url();
    }

    long requestCount() {
        return requests.get();
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    JsonNode put(String path, Object body) {
        return send("PUT", path, body);
    }

    private JsonNode send(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.url() + path))
                .timeout(config.timeout())
                .header("Accept", CONTENT_TYPE + ", application/json");
        config.basicAuth().ifPresent(auth -> request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((auth.user() + ":" + auth.password()).getBytes(StandardCharsets.UTF_8))));
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", CONTENT_TYPE)
                        .method(method, HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body)));
            }
            requests.incrementAndGet();
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return answer(method, path, response);
        } catch (HttpConnectTimeoutException e) {
            throw new SchemaRegistryException("schema registry at " + config.url() + " is unreachable: no connection"
                    + " within " + config.timeout().toMillis() + " ms", -1, -1, e);
        } catch (HttpTimeoutException e) {
            throw new SchemaRegistryException("schema registry at " + config.url() + " did not answer " + method
                    + " " + path + " within " + config.timeout().toMillis() + " ms", -1, -1, e);
        } catch (IOException e) {
            throw new SchemaRegistryException("schema registry at " + config.url() + " is unreachable: "
                    + rootMessage(e), -1, -1, e);
        } catch (InterruptedException e) {
            // Keep the interrupt visible to the caller's thread (Kafka's poll loop, an executor).
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while calling the schema registry at " + config.url(),
                    -1, -1, e);
        }
    }

    private JsonNode answer(String method, String path, HttpResponse<String> response) throws IOException {
        int status = response.statusCode();
        String text = response.body() == null ? "" : response.body();
        if (status >= 200 && status < 300) {
            return text.isBlank() ? NullNode.getInstance() : mapper.readTree(text);
        }
        int errorCode = status;
        String message = text.strip();
        try {
            JsonNode error = mapper.readTree(text);
            errorCode = error.path("error_code").asInt(status);
            message = error.path("message").asText(message);
        } catch (IOException notJson) {
            // A proxy or a non-Confluent server answered: keep its raw text as the message.
        }
        String hint = status == 401 || status == 403 ? " (check " + RegistryConfig.BASIC_AUTH_USER_INFO + ")" : "";
        throw new SchemaRegistryException("schema registry at " + config.url() + " answered HTTP " + status
                + " (error " + errorCode + ") to " + method + " " + path + hint + ": " + message,
                status, errorCode, null);
    }

    /** The JDK's HTTP client reports a refused connection as a ConnectException without any message. */
    private static String rootMessage(Throwable e) {
        String message = null;
        boolean refused = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            refused |= t instanceof ConnectException;
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        if (message != null) {
            return message;
        }
        return refused ? "Connection refused" : e.getClass().getSimpleName();
    }

    private static SSLContext sslContext(RegistryConfig.Truststore trust) {
        try (InputStream in = Files.newInputStream(trust.location())) {
            KeyStore store = KeyStore.getInstance(trust.type());
            store.load(in, trust.password().toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load schema registry truststore " + trust.location()
                    + " (" + trust.type() + "): " + e.getMessage(), e);
        }
    }
}
