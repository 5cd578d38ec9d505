package io.siamese.service.live;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the trainer's Prometheus endpoint: each scrape is one more training step, with a
 * loss that falls like a real curve (exponential decay plus a little wobble).
 */
final class FakeTrainer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger step = new AtomicInteger();

    private FakeTrainer(HttpServer server) {
        this.server = server;
    }

    /** Starts on a free loopback port. */
    static FakeTrainer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeTrainer trainer = new FakeTrainer(server);
            server.createContext("/metrics", exchange -> {
                byte[] body = trainer.scrape().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return trainer;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake trainer", e);
        }
    }

    /** The metrics URL the service polls. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/metrics";
    }

    private String scrape() {
        int n = step.incrementAndGet();
        int epoch = 1 + n / 20;
        double loss = 0.09 + 0.85 * Math.exp(-n / 14.0) + 0.02 * Math.sin(n * 1.3);
        return "# HELP siamese_trainer_loss Contrastive loss of the last training step\n"
                + "# TYPE siamese_trainer_loss gauge\n"
                + "siamese_trainer_loss " + loss + "\n"
                + "# TYPE siamese_trainer_epoch gauge\n"
                + "siamese_trainer_epoch " + epoch + "\n"
                + "# TYPE siamese_trainer_validation_loss gauge\n"
                + "siamese_trainer_validation_loss " + (0.12 + 0.8 * Math.exp(-epoch / 1.5)) + "\n";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
