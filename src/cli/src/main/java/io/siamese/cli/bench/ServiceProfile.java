package io.siamese.cli.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
        "commit_latency_avg", "commit_latency_max", "poll_records_avg"};
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
        value(scrape, "jvm_gc_pause_seconds_max").ifPresent(v -> m.put("gc_pause_max_ms", 1000 * v));
        value(scrape, "jvm_compilation_time_ms_total").ifPresent(v -> m.put("jit_ms_total", v));
        value(scrape, "process_cpu_time_ns_total").ifPresent(v -> m.put("cpu_ns_total", v));
        var sizeSum = value(scrape, "siamese_batch_size_sum");
        var sizeCount = value(scrape, "siamese_batch_size_count");
        var inferSum = value(scrape, "siamese_batch_inference_seconds_sum");
        sizeSum.ifPresent(v -> m.put("batch_size_sum", v));
        sizeCount.ifPresent(v -> m.put("batch_size_count", v));
        inferSum.ifPresent(v -> m.put("inference_seconds_sum", v));
        putBatches(m, sizeCount, sizeSum, inferSum);
        CpuPerPair.read(scrape, m);
        return new ServiceProfile(m);
    }

    /**
     * This profile plus the share of a core the JIT compiler and the whole service used since
     * {@code earlier} ({@code jit_cores}, {@code service_cores}), over {@code seconds} of wall time:
     * the first says whether the warm-up was long enough, the second what the service cost. Batch
     * count, mean size and forward time are recomputed over the same window.
     */
    ServiceProfile since(ServiceProfile earlier, double seconds) {
        Map<String, Double> m = new LinkedHashMap<>(figures);
        if (seconds > 0) {
            delta(earlier, "jit_ms_total").ifPresent(d -> m.put("jit_cores", d / 1000 / seconds));
            delta(earlier, "cpu_ns_total").ifPresent(d -> m.put("service_cores", d / 1e9 / seconds));
        }
        // Batches of this window only, not of the warm-up before it.
        putBatches(m, delta(earlier, "batch_size_count"), delta(earlier, "batch_size_sum"),
                delta(earlier, "inference_seconds_sum"));
        delta(earlier, "batch_size_sum").filter(pairs -> pairs > 0)
                .ifPresent(pairs -> CpuPerPair.put(m, figures, earlier.figures(), pairs));
        return new ServiceProfile(m);
    }

    /** Batch count, mean size and forward time per batch from the histograms' count and sums. */
    private static void putBatches(Map<String, Double> m, Optional<Double> count,
            Optional<Double> sizeSum, Optional<Double> inferenceSum) {
        if (count.isPresent() && sizeSum.isPresent() && count.get() > 0) {
            m.put("batches", count.get());
            m.put("mean_batch_size", sizeSum.get() / count.get());
            inferenceSum.ifPresent(s -> m.put("inference_ms_per_batch", 1000 * s / count.get()));
        }
    }

    /** This profile plus how long the warm-up before the timed part was ({@code warmup_pairs}, {@code warmup_jit_cores}). */
    ServiceProfile withWarmup(int pairs, double jitShare) {
        Map<String, Double> m = new LinkedHashMap<>(figures);
        m.put("warmup_pairs", (double) pairs);
        if (!Double.isNaN(jitShare)) {
            m.put("warmup_jit_cores", jitShare);
        }
        return new ServiceProfile(m);
    }

    /** This profile plus the CPU of the processes beside the service ({@code broker_cores}, ...; see {@link ProcessCpu}). */
    ServiceProfile withNeighbours(Map<String, Double> cores) {
        Map<String, Double> m = new LinkedHashMap<>(figures);
        m.putAll(cores);
        return new ServiceProfile(m);
    }

    private Optional<Double> delta(ServiceProfile earlier, String key) {
        Double now = figures.get(key);
        Double then = earlier.figures().get(key);
        return now == null || then == null ? Optional.empty() : Optional.of(now - then);
    }

    static Optional<Double> value(String scrape, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([-+0-9.eENaInf]+)$")
                .matcher(scrape);
        while (matcher.find()) {
            try {
                double v = Double.parseDouble(matcher.group(2));
                if (!Double.isNaN(v)) {
                    return Optional.of(v);
                }
            } catch (NumberFormatException e) {
                // not a number: try the next series
            }
        }
        return Optional.empty();
    }

    /** One line for the console, e.g. {@code stream thread: process 41%, punctuate 3%, commit 30%, poll 20%; ...}. */
    public String describe() {
        if (figures.isEmpty()) {
            return "no service metrics";
        }
        return String.format("stream thread: process %s, punctuate %s, commit %s (avg %s ms, max %s), poll %s; %s batches,"
                        + " mean size %s, forward %s ms/batch; longest GC pause %s ms; service %s cores, JIT %s"
                + " (warm-up %s pairs, JIT %s at its end)",
                pct("process_ratio"), pct("punctuate_ratio"), pct("commit_ratio"), num("commit_latency_avg"),
                num("commit_latency_max"), pct("poll_ratio"), num("batches"), num("mean_batch_size"),
                num("inference_ms_per_batch"), num("gc_pause_max_ms"), num("service_cores"), pct("jit_cores"),
                num("warmup_pairs"), pct("warmup_jit_cores"))
                + (figures.containsKey("broker_cores") ? String.format("; beside it: broker %s cores, registry %s,"
                        + " benchmark %s", cores("broker_cores"), cores("registry_cores"), cores("benchmark_cores")) : "");
    }

    /**
     * CPU per pair by stage ({@link CpuPerPair#describe}); empty when the service did not report it.
     *
     * @param pairsPerSecond the row's end-to-end throughput (for the broker's share)
     */
    public String describeCpu(double pairsPerSecond) {
        return CpuPerPair.describe(figures, pairsPerSecond);
    }

    private String pct(String key) {
        Double v = figures.get(key);
        return v == null ? "?" : String.format("%.0f%%", 100 * v);
    }

    private String cores(String key) {
        Double v = figures.get(key);
        return v == null ? "?" : String.format("%.2f", v);
    }

    private String num(String key) {
        Double v = figures.get(key);
        return v == null ? "?" : String.format(v >= 100 ? "%.0f" : "%.1f", v);
    }
}
