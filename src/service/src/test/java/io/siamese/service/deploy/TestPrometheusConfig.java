package io.siamese.service.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a test's Prometheus runs on: the shipped scrape jobs of deploy/prometheus/prometheus.yml (their job names and
 * metrics paths, so that the alerts' and the dashboard's job matchers meet the same labels as in compose), with
 * static targets on 127.0.0.1 instead of compose's DNS, scraped every {@link #SCRAPE_INTERVAL}; and a copy of
 * deploy/prometheus/alerts.yml in which only each rule's {@code for:} is shortened to {@link #FOR}, so that an
 * alert fires within a test's minutes. The expressions, labels and annotations are the shipped ones, which
 * {@link #write} checks on the copy it writes.
 */
final class TestPrometheusConfig {

    /** The shipped jobs the test's targets stand for. */
    static final String SERVICE_JOB = "siamese-service";
    static final String TRAINER_JOB = "siamese-trainer";
    /**
     * 2 s rather than 1 s: the scrape timeout cannot exceed the interval, and the service's /q/metrics (a few
     * thousand lines with the Kafka binder's) can take over a second on a loaded 2-core machine.
     */
    static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(2);
    static final Duration EVALUATION_INTERVAL = Duration.ofSeconds(1);
    /** Every rule's {@code for:} in the copy. */
    static final Duration FOR = Duration.ofSeconds(5);

    private static final Path RULES = DeployTree.deploy("prometheus/alerts.yml");
    private static final Pattern FOR_LINE = Pattern.compile("(?m)^(\\s+for:\\s*)\\S+\\s*$");

    private TestPrometheusConfig() {}

    /**
     * Writes {@code dir/prometheus.yml} and {@code dir/alerts.yml} for {@link PrometheusServer#start}.
     *
     * @param dir where Prometheus' files go
     * @param serviceTarget host:port of the service under test
     * @param trainerTarget host:port of the trainer's metrics
     */
    static void write(Path dir, String serviceTarget, String trainerTarget) {
        Map<String, String> targets = Map.of(SERVICE_JOB, serviceTarget, TRAINER_JOB, trainerTarget);
        Map<String, String> paths = new LinkedHashMap<>();
        for (JsonNode job : DeployTree.yamlDocument(DeployTree.deploy("prometheus/prometheus.yml")).path("scrape_configs")) {
            if (targets.containsKey(job.path("job_name").asText())) {
                paths.put(job.path("job_name").asText(), job.path("metrics_path").asText("/metrics"));
            }
        }
        assertEquals(targets.keySet(), paths.keySet(), "the jobs of deploy/prometheus/prometheus.yml");
        StringBuilder yml = new StringBuilder("# Written by TestPrometheusConfig for a test: the shipped jobs, local targets.\n")
                .append("global:\n  scrape_interval: ").append(seconds(SCRAPE_INTERVAL))
                .append("\n  scrape_timeout: ").append(seconds(SCRAPE_INTERVAL))
                .append("\n  evaluation_interval: ").append(seconds(EVALUATION_INTERVAL))
                .append("\nrule_files:\n  - alerts.yml\nscrape_configs:\n");
        paths.forEach((job, path) -> yml.append("  - job_name: ").append(job).append("\n    metrics_path: ").append(path)
                .append("\n    static_configs:\n      - targets: [\"").append(targets.get(job)).append("\"]\n"));
        try {
            Files.writeString(dir.resolve("prometheus.yml"), yml);
            Files.writeString(dir.resolve("alerts.yml"), shortened(Files.readString(RULES)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertSameRulesButFor(dir.resolve("alerts.yml"));
    }

    /** The rule groups of deploy/prometheus/alerts.yml. */
    static JsonNode shippedRuleGroups() {
        return DeployTree.yamlDocument(RULES).path("groups");
    }

    /** A shipped alert's expression less its trailing comparison (which it must end with), e.g. the rate it tests. */
    static String shippedExprWithout(String alert, String comparison) {
        String expr = PrometheusAnswers.rules(shippedRuleGroups()).filter(r -> r.path("alert").asText().equals(alert))
                .findFirst().orElseThrow().path("expr").asText().strip();
        assertTrue(expr.endsWith(comparison), alert + " ends with " + comparison + ": " + expr);
        return expr.substring(0, expr.length() - comparison.length()).strip();
    }

    /** The rules text with every {@code for:} set to {@link #FOR}. */
    private static String shortened(String rules) {
        Matcher m = FOR_LINE.matcher(rules);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + seconds(FOR)));
        }
        return m.appendTail(out).toString();
    }

    /** The copy differs from the shipped rules in the value of {@code for} alone. */
    private static void assertSameRulesButFor(Path copy) {
        JsonNode shipped = DeployTree.yamlDocument(RULES);
        JsonNode test = DeployTree.yamlDocument(copy);
        for (JsonNode doc : new JsonNode[] {shipped, test}) {
            doc.path("groups").forEach(g -> g.path("rules").forEach(r -> {
                if (doc == test && r.has("for")) {
                    assertEquals(seconds(FOR), r.path("for").asText(), "for: of " + r.path("alert") + " in the copy");
                }
                ((ObjectNode) r).remove("for");
            }));
        }
        assertEquals(shipped, test, "the test's rules are deploy/prometheus/alerts.yml's but for their for:");
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + "s";
    }
}
