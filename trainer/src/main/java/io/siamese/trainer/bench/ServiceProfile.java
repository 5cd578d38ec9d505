package io.siamese.trainer.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the service's stream thread spent its time during a run, read from its own Prometheus
 * scrape: Kafka Streams' poll/process/punctuate/commit ratios and commit latency, plus our
 * batch size and forward-pass time. It explains a benchmark figure; it is not one itself.
 *
 * @param figures metric name (without the {@code kafka_stream_thread_} or {@code siamese_} prefix) to value
 */
public record ServiceProfile(Map<String, Double> figures) {

    private static final String[] THREAD = {"poll_ratio", "process_ratio", "punctuate_ratio", "commit_ratio",
        "commit_latency_avg", "poll_records_avg"};
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Scrapes {@code baseUrl/q/metrics}; an unreachable service gives an empty profile. */
    static ServiceProfile scrape(String baseUrl) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).build();
            return parse(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
        } catch (java.io.IOException e) {
            return new ServiceProfile(Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ServiceProfile(Map.of());
        }
    }

    /** Reads the figures out of a Prometheus text scrape. */
    static ServiceProfile parse(String scrape) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String name : THREAD) {
            value(scrape, "kafka_stream_thread_" + name).ifPresent(v -> m.put(name, v));
        }
        var sizeSum = value(scrape, "siamese_batch_size_sum");
        var sizeCount = value(scrape, "siamese_batch_size_count");
        var inferSum = value(scrape, "siamese_batch_inference_seconds_sum");
        if (sizeSum.isPresent() && sizeCount.isPresent() && sizeCount.get() > 0) {
            m.put("batches", sizeCount.get());
            m.put("mean_batch_size", sizeSum.get() / sizeCount.get());
            inferSum.ifPresent(s -> m.put("inference_ms_per_batch", 1000 * s / sizeCount.get()));
        }
        return new ServiceProfile(m);
    }

    private static java.util.Optional<Double> value(String scrape, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([-+0-9.eENaInf]+)$")
                .matcher(scrape);
        while (matcher.find()) {
            try {
                double v = Double.parseDouble(matcher.group(2));
                if (!Double.isNaN(v)) {
                    return java.util.Optional.of(v);
                }
            } catch (NumberFormatException e) {
                // not a number: try the next series
            }
        }
        return java.util.Optional.empty();
    }

    /** One line for the console, e.g. {@code stream thread: process 41%, punctuate 3%, commit 30%, poll 20%; ...}. */
    public String describe() {
        if (figures.isEmpty()) {
            return "no service metrics";
        }
        return String.format("stream thread: process %s, punctuate %s, commit %s (avg %s ms), poll %s; %s batches,"
                        + " mean size %s, forward %s ms/batch",
                pct("process_ratio"), pct("punctuate_ratio"), pct("commit_ratio"), num("commit_latency_avg"),
                pct("poll_ratio"), num("batches"), num("mean_batch_size"), num("inference_ms_per_batch"));
    }

    private String pct(String key) {
        Double v = figures.get(key);
        return v == null ? "?" : String.format("%.0f%%", 100 * v);
    }

    private String num(String key) {
        Double v = figures.get(key);
        return v == null ? "?" : String.format(v >= 100 ? "%.0f" : "%.1f", v);
    }
}
