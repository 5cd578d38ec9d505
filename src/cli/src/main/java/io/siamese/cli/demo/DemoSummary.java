package io.siamese.cli.demo;

import io.siamese.cli.tail.StreamSnapshot;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a {@link DemoRun}.
 *
 * @param outcome   how the run ended
 * @param message   details when it did not complete, else empty
 * @param published pairs the broker acknowledged
 * @param valid     of which valid
 * @param corrupt   of which deliberately broken
 * @param stats     what came back
 * @param workDir   where the run's data and logs are
 * @param versions  with --retrain: every checkpoint announced during the run (version, parent, holdout
 *                  figures), in order; empty otherwise
 * @param coldStart what came back of the warm-up pairs, published before the measured ones; null without one
 */
public record DemoSummary(Outcome outcome, String message, long published, long valid, long corrupt,
                          StreamSnapshot stats, Path workDir, List<Map<String, Object>> versions,
                          StreamSnapshot coldStart) {

    /** A summary without announced checkpoints (a demo without the trainer) or a warm-up. */
    public DemoSummary(Outcome outcome, String message, long published, long valid, long corrupt,
                       StreamSnapshot stats, Path workDir) {
        this(outcome, message, published, valid, corrupt, stats, workDir, List.of(), null);
    }

    /** @return a copy with the warm-up's figures */
    public DemoSummary withColdStart(StreamSnapshot cold) {
        return new DemoSummary(outcome, message, published, valid, corrupt, stats, workDir, versions, cold);
    }

    /** Copies the list. */
    public DemoSummary {
        versions = List.copyOf(versions);
    }

    /** @return a copy listing the checkpoints announced during the run */
    public DemoSummary withVersions(List<Map<String, Object>> announced) {
        return new DemoSummary(outcome, message, published, valid, corrupt, stats, workDir, announced, coldStart);
    }

    /** How a run ended. */
    public enum Outcome {
        /** Every published pair came back as a result or a dead letter. */
        COMPLETE,
        /** Stopped by the user (Ctrl-C) before that. */
        INTERRUPTED,
        /** Nothing arrived for the idle timeout after publishing ended. */
        IDLE_TIMEOUT,
        /** The service process exited during the run. */
        SERVICE_EXITED,
        /** Publishing or reading the results failed. */
        FAILED
    }

    /** @return the one-line JSON result of {@code siamese demo --json}, as an ordered map */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pairs", published);
        json.put("results", stats.results());
        json.put("dead_letters", stats.deadLetters());
        json.put("accuracy", stats.accuracy());
        json.put("model_versions", stats.modelVersions());
        json.put("pairs_per_s", stats.pairsPerSecond());
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("p50", stats.latencyMillis().p50());
        latency.put("p99", stats.latencyMillis().p99());
        json.put("latency_ms", latency);
        if (coldStart != null) {
            Map<String, Object> cold = new LinkedHashMap<>();
            cold.put("pairs", coldStart.results() + coldStart.deadLetters());
            cold.put("p50", coldStart.latencyMillis().p50());
            cold.put("p99", coldStart.latencyMillis().p99());
            cold.put("max", coldStart.latencyMillis().max());
            json.put("cold_start_latency_ms", cold);
        }
        json.put("valid", valid);
        json.put("corrupt", corrupt);
        json.put("dead_letter_kinds", stats.deadLettersByKind());
        json.put("accuracy_by_version", stats.accuracyByVersion());
        if (!versions.isEmpty()) {
            json.put("checkpoints", versions);
        }
        json.put("outcome", outcome.name().toLowerCase(Locale.ROOT));
        json.put("seconds", stats.seconds());
        json.put("work_dir", workDir.toString());
        return json;
    }

    /** @return {@code value} with 4 decimals, or "n/a" for NaN (nothing labelled yet) */
    static String decimal(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String decimal(Object value) {
        return value instanceof Number n ? decimal(n.doubleValue()) : "n/a";
    }

    /** @return a few lines for people */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "published %d pairs (%d valid, %d corrupt); received %d results and"
                + " %d dead letters in %.1f s (%.1f pairs/s)%n", published, valid, corrupt, stats.results(),
                stats.deadLetters(), stats.seconds(), stats.pairsPerSecond()));
        text.append("accuracy ").append(decimal(stats.accuracy())).append(" on ").append(stats.labelled())
                .append(" labelled results");
        stats.accuracyByVersion().forEach((version, acc) ->
                text.append("  [").append(version).append(' ').append(decimal(acc)).append(']'));
        for (Map<String, Object> v : versions) {
            text.append(System.lineSeparator()).append("checkpoint ").append(v.get("version"));
            if (v.get("parent") == null) {
                text.append(" (the first version)");
            } else {
                text.append(" (parent ").append(v.get("parent")).append("): holdout accuracy ")
                        .append(decimal(v.get("holdout_accuracy"))).append(" vs the serving model's ")
                        .append(decimal(v.get("serving_holdout_accuracy")));
            }
        }
        text.append(String.format(Locale.ROOT, "%nlatency (eventTime to receipt) p50 %d ms  p99 %d ms  max %d ms%n",
                stats.latencyMillis().p50(), stats.latencyMillis().p99(), stats.latencyMillis().max()));
        if (coldStart != null) {
            text.append(String.format(Locale.ROOT, "cold start (the %d warm-up pairs before): p50 %d ms  p99 %d ms"
                    + "  max %d ms%n", coldStart.results() + coldStart.deadLetters(), coldStart.latencyMillis().p50(),
                    coldStart.latencyMillis().p99(), coldStart.latencyMillis().max()));
        }
        if (!stats.deadLettersByKind().isEmpty()) {
            text.append("dead letters by kind: ").append(stats.deadLettersByKind()).append(System.lineSeparator());
        }
        text.append("outcome: ").append(outcome.name().toLowerCase(Locale.ROOT));
        if (!message.isEmpty()) {
            text.append(" (").append(message).append(')');
        }
        text.append(System.lineSeparator()).append("data and logs: ").append(workDir);
        return text.toString();
    }
}
