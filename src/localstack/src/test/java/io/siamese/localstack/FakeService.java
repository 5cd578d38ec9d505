package io.siamese.localstack;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Stands in for the Quarkus service in {@link ServiceProcessTest}: answers {@code /q/health/ready} on
 * {@code quarkus.http.host:quarkus.http.port} (503 until {@code fake.ready-after-ms} passed, then 200), writes
 * the system properties and selected environment variables it got to {@code fake.props-out}, and with
 * {@code fake.exit-code} prints a message and exits at once. JDK classes only: it runs from a jar of its own.
 */
public final class FakeService {

    private FakeService() {
    }

    /** Starts the fake; runs until killed. */
    public static void main(String[] args) throws Exception {
        String exit = System.getProperty("fake.exit-code");
        if (exit != null) {
            System.out.println("boom: fake service failing on purpose");
            System.exit(Integer.parseInt(exit));
        }
        String out = System.getProperty("fake.props-out");
        if (out != null) {
            Properties seen = new Properties();
            seen.putAll(System.getProperties());
            seen.setProperty("env.DJL_CACHE_DIR", String.valueOf(System.getenv("DJL_CACHE_DIR")));
            try (OutputStream stream = Files.newOutputStream(Path.of(out))) {
                seen.store(stream, "fake service");
            }
        }
        long readyAt = System.currentTimeMillis() + Long.getLong("fake.ready-after-ms", 0);
        InetAddress host = InetAddress.getByName(System.getProperty("quarkus.http.host"));
        HttpServer server = HttpServer.create(
                new InetSocketAddress(host, Integer.getInteger("quarkus.http.port")), 0);
        server.createContext("/q/health/ready", exchange -> {
            boolean ready = System.currentTimeMillis() >= readyAt;
            byte[] body = (ready ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}").getBytes();
            exchange.sendResponseHeaders(ready ? 200 : 503, body.length);
            try (OutputStream response = exchange.getResponseBody()) {
                response.write(body);
            }
        });
        server.start();
        System.out.println("fake service listening");
    }
}
