package io.siamese.trainer.continuous;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The trainer's Prometheus metrics, served as text on {@code http://HOST:PORT/q/metrics} (the service's path)
 * by the JDK's HTTP server; HOST is 127.0.0.1 unless a deployment asks for 0.0.0.0. Counters are read from the persisted {@link TrainerState}, so they continue
 * across restarts instead of starting again from zero:
 *
 * <ul>
 *   <li>{@code siamese_trainer_pairs_seen_total}, {@code _pairs_skipped_total}, {@code _rounds_total},
 *       {@code _promotions_total}, {@code _rejections_total}, {@code _pairs_trained_total};</li>
 *   <li>{@code siamese_trainer_loss} (the current step's during training, else the last round's mean),
 *       {@code siamese_trainer_new_labels};</li>
 *   <li>{@code siamese_trainer_holdout_accuracy}, {@code _holdout_auc}, {@code _holdout_eer}, each with
 *       {@code model="serving"} and {@code model="candidate"} (last evaluation);</li>
 *   <li>{@code siamese_trainer_pair_store_size} with {@code slice="train"} and {@code slice="holdout"};</li>
 *   <li>the JVM's and the process's, named as the service's ({@code process_start_time_seconds},
 *       {@code process_uptime_seconds}, {@code process_cpu_usage}, {@code jvm_memory_used_bytes},
 *       {@code jvm_gc_pause_seconds}), so the dashboard's restarts and GC panels cover the trainer too.</li>
 * </ul>
 */
public final class TrainerMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Double> values = new ConcurrentHashMap<>();
    private final HttpServer server;
    /** Held here because Micrometer keeps only weak references to the objects its meters read. */
    private final Supplier<TrainerState> state;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    /**
     * Registers the meters and, unless {@code port} is negative, starts serving them.
     *
     * @param port port on 127.0.0.1; 0 picks a free one, negative serves nothing
     * @param state the current counters
     * @throws UncheckedIOException when the port cannot be bound
     */
    public TrainerMetrics(int port, Supplier<TrainerState> state) {
        this("127.0.0.1", port, state);
    }

    /**
     * Registers the meters and, unless {@code port} is negative, starts serving them.
     *
     * @param host the address to bind
     * @param port the port; 0 picks a free one, negative serves nothing
     * @param state the current counters
     * @throws UncheckedIOException when the port cannot be bound
     */
    public TrainerMetrics(String host, int port, Supplier<TrainerState> state) {
        this.state = state;
        counter("siamese.trainer.pairs.seen", "labelled pairs consumed and stored", state, TrainerState::pairsSeen);
        counter("siamese.trainer.pairs.skipped", "labelled pairs that could not be used", state,
                TrainerState::pairsSkipped);
        counter("siamese.trainer.rounds", "retraining rounds that produced a candidate", state, TrainerState::rounds);
        counter("siamese.trainer.promotions", "candidates promoted", state, TrainerState::promotions);
        counter("siamese.trainer.rejections", "candidates refused by the gate", state, TrainerState::rejections);
        counter("siamese.trainer.pairs.trained", "training pairs over all rounds and epochs", state,
                TrainerState::pairsTrained);
        Gauge.builder("siamese.trainer.new.labels", state, s -> s.get().newLabels())
                .description("training labels since the last round").register(registry);
        gauge("siamese.trainer.loss", "training loss", Map.of());
        for (String model : new String[] {"serving", "candidate"}) {
            gauge("siamese.trainer.holdout.accuracy", "holdout accuracy at the model's threshold", Map.of("model", model));
            gauge("siamese.trainer.holdout.auc", "holdout ROC AUC", Map.of("model", model));
            gauge("siamese.trainer.holdout.eer", "holdout equal error rate", Map.of("model", model));
        }
        gauge("siamese.trainer.pair.store.size", "pairs in the pair store", Map.of("slice", "train"));
        gauge("siamese.trainer.pair.store.size", "pairs in the pair store", Map.of("slice", "holdout"));
        set("siamese.trainer.loss", Map.of(), state.get().lastLoss());
        new UptimeMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        server = port < 0 ? null : serve(host, port);
    }

    private void counter(String name, String help, Supplier<TrainerState> state, ToDoubleFunction<TrainerState> f) {
        FunctionCounter.builder(name, state, s -> f.applyAsDouble(s.get())).description(help).register(registry);
    }

    private void gauge(String name, String help, Map<String, String> tags) {
        String key = key(name, tags);
        values.put(key, Double.NaN);
        Gauge.Builder<Map<String, Double>> builder = Gauge.builder(name, values, v -> v.getOrDefault(key, Double.NaN))
                .description(help);
        tags.forEach(builder::tag);
        builder.register(registry);
    }

    /** Sets a gauge registered by this class (name and tags as above). */
    public void set(String name, Map<String, String> tags, double value) {
        values.put(key(name, tags), value);
    }

    private static String key(String name, Map<String, String> tags) {
        return name + new java.util.TreeMap<>(tags);
    }

    private HttpServer serve(String host, int port) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 0);
            http.createContext("/q/metrics", this::handle);
            http.start();
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve trainer metrics on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = scrape().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The metrics in Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    /** The bound port, or -1 when not serving. */
    public int port() {
        return server == null ? -1 : server.getAddress().getPort();
    }

    /** Stops serving. */
    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        gc.close();
        registry.close();
    }
}
