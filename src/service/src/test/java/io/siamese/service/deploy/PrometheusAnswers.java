package io.siamese.service.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reading the JSON of Prometheus' HTTP API ({@link PrometheusServer}): targets, rules, alerts and query results,
 * in the shapes Prometheus 2.x documents for {@code /api/v1/targets}, {@code /rules}, {@code /alerts} and
 * {@code /query}.
 */
final class PrometheusAnswers {

    private PrometheusAnswers() {}

    /** Each active target's job -> its health ("up", "down", "unknown"). */
    static Map<String, String> healthByJob(JsonNode targets) {
        Map<String, String> health = new TreeMap<>();
        targets.forEach(t -> health.put(t.path("labels").path("job").asText(), t.path("health").asText()));
        return health;
    }

    /** When the last scrape of a job's target began; the epoch when it has none. */
    static Instant lastScrape(JsonNode targets, String job) {
        return stream(targets).filter(t -> t.path("labels").path("job").asText().equals(job))
                .map(t -> Instant.parse(t.path("lastScrape").asText())).findFirst().orElse(Instant.EPOCH);
    }

    /** Every rule of every group: the loaded ones of {@code /api/v1/rules}, or the groups of a rules file. */
    static Stream<JsonNode> rules(JsonNode groups) {
        return stream(groups).flatMap(g -> stream(g.path("rules")));
    }

    /** A group's name -> its rules' names ({@code name} as loaded, {@code alert} in a rules file). */
    static Map<String, List<String>> ruleNames(JsonNode groups) {
        Map<String, List<String>> names = new TreeMap<>();
        groups.forEach(g -> names.put(g.path("name").asText(), stream(g.path("rules"))
                .map(r -> r.has("alert") ? r.path("alert").asText() : r.path("name").asText()).toList()));
        return names;
    }

    /** The loaded rule of that name. */
    static JsonNode rule(JsonNode groups, String name) {
        return rules(groups).filter(r -> r.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no rule " + name + " loaded: " + groups));
    }

    /** Whether Prometheus has evaluated the rule at least once. */
    static boolean evaluated(JsonNode rule) {
        return !rule.path("health").asText().equals("unknown");
    }

    /** The pending and firing alerts of that name. */
    static List<JsonNode> alertsNamed(JsonNode alerts, String name) {
        return stream(alerts).filter(a -> a.path("labels").path("alertname").asText().equals(name)).toList();
    }

    /** The values of {@code label} over the firing alerts of that name. */
    static Set<String> firing(JsonNode alerts, String name, String label) {
        Set<String> values = new TreeSet<>();
        alertsNamed(alerts, name).stream().filter(a -> a.path("state").asText().equals("firing"))
                .forEach(a -> values.add(a.path("labels").path(label).asText()));
        return values;
    }

    /** The value of one sample of an instant vector ({@code value: [time, "number"]}; Go's NaN, +Inf and -Inf). */
    static double value(JsonNode sample) {
        String v = sample.path("value").path(1).asText();
        return switch (v) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(v); // "NaN" included
        };
    }

    /** A non-empty result with at least one finite value: NaN is what Prometheus answers where there is no data. */
    static boolean hasNumber(JsonNode result) {
        return stream(result).anyMatch(s -> Double.isFinite(value(s)));
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
