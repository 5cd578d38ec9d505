package io.siamese.service.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real Prometheus server (Debian's package {@code prometheus}, {@code /usr/bin/prometheus}) run as a child
 * process on 127.0.0.1 and a free port, with its config, rules, storage and log in a directory of the caller's
 * (a {@code @TempDir}), and a client of its HTTP API. {@link #close()} stops it; a shutdown hook kills it should the
 * test JVM end first. Without the binary the calling test fails naming the package, as {@link Promtool} does.
 */
final class PrometheusServer implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration STOP = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final URI base;
    private final Thread killer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private PrometheusServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.base = URI.create("http://127.0.0.1:" + port);
        this.killer = new Thread(process::destroyForcibly, "prometheus-killer");
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /**
     * Starts Prometheus on {@code dir/prometheus.yml} (which the caller wrote), storing in {@code dir/data} and
     * logging to {@code dir/prometheus.log}, and waits until it answers {@code /-/ready}. A port taken between
     * choosing and binding it is retried with another.
     */
    static PrometheusServer start(Path dir) {
        Path binary = Promtool.onPath("prometheus").orElseGet(() -> fail("prometheus is not on the PATH: install"
                + " Debian's package prometheus (apt-get install prometheus; ./siamese test installs it)"));
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            Path log = dir.resolve("prometheus.log");
            Process p;
            try {
                p = new ProcessBuilder(List.of(binary.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port))
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            PrometheusServer server = new PrometheusServer(p, log, port);
            if (server.awaitReady()) {
                return server;
            }
            server.close();
            if (attempt >= 3 || !server.log().contains("address already in use")) {
                fail("Prometheus did not become ready within " + START + ":\n" + server.log());
            }
        }
    }

    private boolean awaitReady() {
        long deadline = System.nanoTime() + START.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve("/-/ready")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        return false;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The result of an instant query at the current time ({@code data.result}); fails on a PromQL error. */
    JsonNode query(String promql) {
        return api("/api/v1/query?query=" + urlEncoded(promql)).path("result");
    }

    /** {@code /api/v1/rules}: the loaded rule groups with each rule's health and, for alerts, state. */
    JsonNode ruleGroups() {
        return api("/api/v1/rules").path("groups");
    }

    /** {@code /api/v1/alerts}: the pending and firing alerts. */
    JsonNode alerts() {
        return api("/api/v1/alerts").path("alerts");
    }

    /** {@code /api/v1/targets}: the active scrape targets with their health. */
    JsonNode activeTargets() {
        return api("/api/v1/targets").path("activeTargets");
    }

    private JsonNode api(String pathAndQuery) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(pathAndQuery))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode body = JSON.readTree(r.body());
            if (!"success".equals(body.path("status").asText())) {
                throw new IllegalStateException(pathAndQuery + " -> " + r.statusCode() + " " + r.body());
            }
            return body.path("data");
        } catch (IOException e) {
            throw new UncheckedIOException(pathAndQuery + " (Prometheus log: " + log + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String urlEncoded(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** What Prometheus has logged so far. */
    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Stops Prometheus (SIGTERM, then SIGKILL after {@link #STOP}) and waits for it to exit. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException e) {
                // The JVM is shutting down already: the hook runs anyway.
            }
        }
    }
}
