package io.siamese.service.live;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.siamese.service.config.ServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The trainer's loss curve for the live page. The trainer is another process that exposes
 * Prometheus text at {@code siamese.live.trainer-metrics-url}; this polls it on a daemon thread
 * for the gauge {@value #LOSS} and keeps the last {@value #HISTORY} readings. Unset: nothing runs.
 */
@ApplicationScoped
public class TrainerLossFeed {

    /** The trainer's loss gauge. */
    static final String LOSS = "siamese_trainer_loss";
    /** Readings kept: an hour at the default 5 s interval. */
    static final int HISTORY = 720;
    /** Other trainer gauges shown as figures (epoch, validation loss, ...), at most this many. */
    static final int MAX_GAUGES = 16;

    private final Optional<String> url;
    private final Duration interval;
    private final HttpClient http;
    private final ArrayDeque<double[]> loss = new ArrayDeque<>();
    private Map<String, Double> gauges = Map.of();
    private String error;
    private long lastOkAt;
    private ScheduledExecutorService poller;

    @Inject
    TrainerLossFeed(ServiceConfig config) {
        this(config.live().trainerMetricsUrl(), config.live().trainerPollInterval());
    }

    /** A poller of {@code url} (blank or empty: none) every {@code interval}; nothing runs until started. */
    TrainerLossFeed(Optional<String> url, Duration interval) {
        this.url = url.filter(u -> !u.isBlank());
        this.interval = interval;
        // Only a configured poller gets a client: an HttpClient starts a thread of its own.
        this.http = this.url.isPresent() ? HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build() : null;
    }

    void start(@Observes StartupEvent ev) {
        if (url.isEmpty()) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "live-trainer-poller");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, 0, Math.max(100, interval.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** One poll; never throws, since an exception would cancel the schedule. */
    void poll() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url.get())).timeout(Duration.ofSeconds(3))
                    .header("Accept", "text/plain").GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                failed("HTTP " + response.statusCode() + " from " + url.get());
                return;
            }
            String text = response.body();
            Double value = PrometheusText.first(text, LOSS);
            Map<String, Double> all = new LinkedHashMap<>();
            PrometheusText.samples(text, "siamese_trainer_", MAX_GAUGES)
                    .forEach((k, v) -> all.put(k, Double.isFinite(v) ? v : null));
            record(System.currentTimeMillis(), value, all);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failed(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private synchronized void record(long now, Double value, Map<String, Double> all) {
        lastOkAt = now;
        gauges = all;
        error = value == null ? "no " + LOSS + " gauge at " + url.orElse("") : null;
        if (value != null && Double.isFinite(value)) {
            if (loss.size() == HISTORY) {
                loss.removeFirst();
            }
            loss.addLast(new double[] {now, value});
        }
    }

    private synchronized void failed(String why) {
        error = why;
    }

    /** The panel's data: whether a trainer is configured and answering, the loss history, the gauges. */
    public synchronized Map<String, Object> snapshot() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("configured", url.isPresent());
        out.put("url", url.orElse(null));
        // Connected: the last poll answered, within three intervals.
        boolean connected = url.isPresent() && error == null && lastOkAt > 0
                && System.currentTimeMillis() - lastOkAt <= 3 * Math.max(100, interval.toMillis()) + 3000;
        out.put("connected", connected);
        out.put("status", url.isEmpty() ? "no trainer connected" : error != null ? error
                : lastOkAt == 0 ? "waiting for the trainer" : "connected");
        out.put("lastPollAt", lastOkAt == 0 ? null : lastOkAt);
        List<Map<String, Object>> points = new ArrayList<>(loss.size());
        for (double[] p : loss) {
            points.add(Map.of("t", (long) p[0], "loss", p[1]));
        }
        out.put("loss", points);
        out.put("gauges", new LinkedHashMap<>(gauges));
        return out;
    }

    void stop(@Observes ShutdownEvent ev) {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
