package io.siamese.cli.bench;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a pair cost in CPU, stage by stage, from two scrapes of the service: the stage counters
 * ({@code siamese_stage_cpu_seconds_total{stage}}), the Java threads by group
 * ({@code siamese_thread_cpu_seconds_total{group}}) and the process's CPU. It says where the CPU
 * beside the forward pass goes, which a throughput figure alone cannot.
 */
final class CpuPerPair {

    private static final String[] STAGES = {"avro_decode", "image_decode", "forward", "results"};
    private static final String[] GROUPS = {"stream", "producer_io", "decode", "inference", "other"};

    private CpuPerPair() {}

    /** Adds the counters of one scrape to {@code figures} ({@code stage_cpu_*}, {@code thread_cpu_*}, seconds). */
    static void read(String scrape, Map<String, Double> figures) {
        for (String stage : STAGES) {
            labelled(scrape, "siamese_stage_cpu_seconds_total", "stage", stage)
                    .ifPresent(v -> figures.put("stage_cpu_" + stage, v));
        }
        ServiceProfile.value(scrape, "siamese_stage_cpu_stream_threads_seconds_total")
                .ifPresent(v -> figures.put("stage_cpu_on_stream", v));
        for (String group : GROUPS) {
            labelled(scrape, "siamese_thread_cpu_seconds_total", "group", group)
                    .ifPresent(v -> figures.put("thread_cpu_" + group, v));
        }
    }

    /**
     * Puts the microseconds per pair scored between two scrapes into {@code out}: by stage ({@code us_<stage>}),
     * Kafka Streams' own work on the stream threads ({@code us_streams}: polling, the buffer store, commits and
     * transactions), the producers' network threads ({@code us_producer_io}), the process beyond its Java threads
     * ({@code us_native}: JIT, GC, PyTorch's worker threads) and the whole service ({@code us_service}).
     */
    static void put(Map<String, Double> out, Map<String, Double> now, Map<String, Double> then, double pairs) {
        double perPair = 1e6 / pairs;
        for (String stage : STAGES) {
            delta(now, then, "stage_cpu_" + stage).ifPresent(d -> out.put("us_" + stage, d * perPair));
        }
        Optional<Double> stream = delta(now, then, "thread_cpu_stream");
        Optional<Double> stagesOnStream = delta(now, then, "stage_cpu_on_stream");
        if (stream.isPresent() && stagesOnStream.isPresent()) {
            out.put("us_streams", Math.max(0, stream.get() - stagesOnStream.get()) * perPair);
        }
        delta(now, then, "thread_cpu_producer_io").ifPresent(d -> out.put("us_producer_io", d * perPair));
        double javaThreads = 0;
        for (String group : GROUPS) {
            javaThreads += delta(now, then, "thread_cpu_" + group).orElse(0.0);
        }
        double threads = javaThreads;
        delta(now, then, "cpu_ns_total").ifPresent(d -> {
            out.put("us_native", Math.max(0, d / 1e9 - threads) * perPair);
            out.put("us_service", d / 1e9 * perPair);
        });
    }

    /**
     * One line, e.g. {@code CPU us/pair: Avro 4.1, images 31, forward 210, results+produce 22, Kafka Streams 90,
     * producer I/O 25, JIT/GC/native 40 (service 430); broker 180}; empty without the figures.
     *
     * @param pairsPerSecond the row's throughput, which turns the broker's cores into microseconds per pair
     */
    static String describe(Map<String, Double> figures, double pairsPerSecond) {
        if (!figures.containsKey("us_forward")) {
            return "";
        }
        Double broker = figures.get("broker_cores");
        return String.format(Locale.ROOT, "CPU us/pair: Avro %s, images %s, forward %s, results+produce %s,"
                        + " Kafka Streams %s, producer I/O %s, JIT/GC/native %s (service %s)%s",
                num(figures, "us_avro_decode"), num(figures, "us_image_decode"), num(figures, "us_forward"),
                num(figures, "us_results"), num(figures, "us_streams"), num(figures, "us_producer_io"),
                num(figures, "us_native"), num(figures, "us_service"),
                broker == null || !(pairsPerSecond > 0) ? ""
                        : String.format(Locale.ROOT, "; broker %.0f", broker / pairsPerSecond * 1e6));
    }

    private static String num(Map<String, Double> figures, String key) {
        Double v = figures.get(key);
        return v == null ? "?" : String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
    }

    private static Optional<Double> delta(Map<String, Double> now, Map<String, Double> then, String key) {
        Double a = now.get(key);
        Double b = then.get(key);
        return a == null || b == null ? Optional.empty() : Optional.of(a - b);
    }

    /** The value of the series {@code name{...label="value"...}}. */
    private static Optional<Double> labelled(String scrape, String name, String label, String value) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*"
                + Pattern.quote(label + "=\"" + value + "\"") + "[^}]*\\} ([-+0-9.eE]+)$").matcher(scrape);
        return matcher.find() ? Optional.of(Double.parseDouble(matcher.group(1))) : Optional.empty();
    }
}
