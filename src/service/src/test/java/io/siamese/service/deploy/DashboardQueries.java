package io.siamese.service.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every PromQL query of a Grafana dashboard (panel targets, nested row panels and variable queries). */
final class DashboardQueries {

    /** Trainer metrics are checked against a trainer's scrape, service metrics against the service's. */
    static final String TRAINER_PREFIX = "siamese_trainer_";
    /**
     * Metrics the service registers only when it serves on a GPU: a CPU test run cannot scrape them, so they are
     * checked against the sources that register them instead ({@code DashboardGpuPanelTest}).
     */
    static final String GPU_PREFIX = "siamese_gpu_";
    /** Series Prometheus itself writes for every target: in no scrape, checked against a real Prometheus. */
    static final Set<String> PROMETHEUS_METRICS = Set.of("up");
    /** A Grafana variable reference: {@code $name}, {@code ${name}} or {@code [[name]]}. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)|\\[\\[(\\w+)]]");

    /**
     * One query and where it is.
     *
     * @param where panel title (or variable name) and refId
     * @param expr the PromQL
     */
    record Query(String where, String expr) {}

    private final List<Query> queries;
    private final Set<String> variableMetrics;
    private final Map<String, String> variableValues;

    private DashboardQueries(List<Query> queries, Set<String> variableMetrics, Map<String, String> variableValues) {
        this.queries = queries;
        this.variableMetrics = variableMetrics;
        this.variableValues = variableValues;
    }

    static DashboardQueries load(Path dashboard) {
        JsonNode root = DeployTree.json(dashboard);
        List<Query> queries = new ArrayList<>();
        collect(root.path("panels"), queries);
        Set<String> variables = new LinkedHashSet<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode v : root.path("templating").path("list")) {
            if ("query".equals(v.path("type").asText())) {
                JsonNode q = v.path("query");
                String text = q.isTextual() ? q.asText() : q.path("query").asText();
                variables.addAll(PromQl.variableMetrics(text));
                variables.addAll(PromQl.variableMetrics(v.path("definition").asText()));
            }
            // What the dashboard shows when opened: "All" where offered (its regex), else the current value.
            if (v.path("includeAll").asBoolean() && v.hasNonNull("allValue")) {
                values.put(v.path("name").asText(), v.path("allValue").asText());
            } else if (v.path("current").hasNonNull("value")) {
                values.put(v.path("name").asText(), v.path("current").path("value").asText());
            }
        }
        return new DashboardQueries(queries, variables, values);
    }

    /**
     * The expression as Prometheus gets it from Grafana: each variable replaced by its value when the dashboard is
     * opened (see {@link #load}), Grafana's built-ins ({@code __rate_interval}, {@code __range}, ...) by
     * {@code builtIns}.
     *
     * @throws IllegalArgumentException naming a variable that is neither
     */
    String expand(String expr, Map<String, String> builtIns) {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String value = builtIns.containsKey(name) ? builtIns.get(name) : variableValues.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no value for $" + name + " in " + expr + " (variables "
                        + variableValues + ", built-ins " + builtIns + ")");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private static void collect(JsonNode panels, List<Query> out) {
        for (JsonNode p : panels) {
            for (JsonNode t : p.path("targets")) {
                if (t.hasNonNull("expr")) {
                    out.add(new Query(p.path("title").asText() + " / " + t.path("refId").asText(), t.path("expr").asText()));
                }
            }
            collect(p.path("panels"), out);
        }
    }

    List<Query> queries() {
        return queries;
    }

    /** Metric name -> the queries (panel / refId) that read it, variables included. */
    Map<String, Set<String>> metricUses() {
        Map<String, Set<String>> uses = new LinkedHashMap<>();
        for (Query q : queries) {
            for (String m : PromQl.metrics(q.expr())) {
                uses.computeIfAbsent(m, k -> new TreeSet<>()).add(q.where());
            }
        }
        for (String m : variableMetrics) {
            uses.computeIfAbsent(m, k -> new TreeSet<>()).add("variable");
        }
        return uses;
    }

    /** The metrics read from the service's scrape: neither the trainer's nor {@link #PROMETHEUS_METRICS}. */
    Set<String> serviceMetrics() {
        Set<String> s = new TreeSet<>(metricUses().keySet());
        s.removeIf(m -> m.startsWith(TRAINER_PREFIX) || m.startsWith(GPU_PREFIX) || PROMETHEUS_METRICS.contains(m));
        return s;
    }

    /** The metrics only a GPU instance exports ({@link #GPU_PREFIX}). */
    Set<String> gpuMetrics() {
        Set<String> s = new TreeSet<>(metricUses().keySet());
        s.removeIf(m -> !m.startsWith(GPU_PREFIX));
        return s;
    }

    /** Whether a query reads a metric only a GPU instance exports. */
    static boolean readsGpuOnly(String expr) {
        return PromQl.metrics(expr).stream().anyMatch(m -> m.startsWith(GPU_PREFIX));
    }

    Set<String> trainerMetrics() {
        Set<String> s = new TreeSet<>(metricUses().keySet());
        s.removeIf(m -> !m.startsWith(TRAINER_PREFIX));
        return s;
    }

    /**
     * Label problems of the queries against a scrape: a selector matching on a label its metric does not carry, or
     * a grouping label none of the query's metrics carries. {@code job} and {@code instance} are Prometheus'
     * target labels and always present.
     *
     * @param scrape the scrape
     * @param onlyTrainer check trainer queries (true) or service queries (false)
     */
    List<String> labelProblems(PrometheusScrape scrape, boolean onlyTrainer) {
        Set<String> target = Set.of("job", "instance");
        List<String> problems = new ArrayList<>();
        for (Query q : queries) {
            Set<String> metrics = PromQl.metrics(q.expr());
            boolean trainer = metrics.stream().anyMatch(m -> m.startsWith(TRAINER_PREFIX));
            if (trainer != onlyTrainer || metrics.stream().anyMatch(m -> !scrape.has(m))) {
                continue; // missing metrics are reported on their own
            }
            PromQl.selectorLabels(q.expr()).forEach((metric, labels) -> {
                for (String l : labels) {
                    if (!target.contains(l) && !scrape.labels(metric).contains(l)) {
                        problems.add(q.where() + ": " + metric + " has no label '" + l + "' (it has "
                                + scrape.labels(metric) + ")");
                    }
                }
            });
            Set<String> available = new TreeSet<>(target);
            metrics.forEach(m -> available.addAll(scrape.labels(m)));
            for (String l : PromQl.groupingLabels(q.expr())) {
                if (!available.contains(l)) {
                    problems.add(q.where() + ": grouping by '" + l + "', which none of " + metrics + " carries");
                }
            }
        }
        return problems;
    }
}
