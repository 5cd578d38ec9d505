package io.siamese.service.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The alert rules (deploy/prometheus/alerts.yml, and deploy/k8s/monitoring/prometheusrule.yaml for the Prometheus
 * Operator) load in Prometheus' own promtool, fire on their unit-test series (deploy/prometheus/alerts.test.yml) and
 * stay quiet on healthy ones, are the same rules in compose and on Kubernetes, match both places' job names, and
 * read only metrics and labels the service or the trainer exports. promtool comes from Debian's package
 * {@code prometheus} ({@code ./siamese test} installs it); without it these tests fail rather than skip.
 */
class AlertRulesTest {

    private static final String CONFIG = "deploy/prometheus/prometheus.yml";
    private static final String RULES = "deploy/prometheus/alerts.yml";
    private static final String RULE_TESTS = "deploy/prometheus/alerts.test.yml";
    private static final Set<String> SEVERITIES = Set.of("critical", "warning");
    /** The alerts that must also be shown not to fire on healthy input, not only to fire. */
    private static final Set<String> QUIET_WHEN_HEALTHY = Set.of("SiameseInputLagGrowing", "SiameseDeadLetters");
    /** Prometheus' own series: a scrape target's health. */
    private static final Set<String> PROMETHEUS_METRICS = Set.of("up");
    /** Target labels Prometheus attaches to every series it scrapes. */
    private static final Set<String> TARGET_LABELS = Set.of("job", "instance");

    // ---- promtool -------------------------------------------------------------------------------------------

    @Test
    void shouldLoadThePrometheusConfigWithItsRuleFileInPromtool() {
        String out = Promtool.run("check", "config", CONFIG);
        assertTrue(out.contains("alerts.yml"), "promtool check config did not load alerts.yml:\n" + out);
        assertTrue(out.contains(ruleCount() + " rules found"), "expected " + ruleCount() + " rules loaded:\n" + out);
    }

    @Test
    void shouldLoadEveryAlertRuleInPromtool() {
        String out = Promtool.run("check", "rules", RULES);
        assertTrue(out.contains("SUCCESS: " + ruleCount() + " rules found"), "expected " + ruleCount() + " rules:\n" + out);
    }

    @Test
    void shouldFireEveryAlertOnItsUnitTestSeries() {
        String out = Promtool.run("test", "rules", RULE_TESTS);
        assertTrue(out.contains("SUCCESS"), out);
    }

    // ---- what the unit tests cover ----------------------------------------------------------------------------

    @Test
    void shouldTestEveryAlertFiringAndTheLagAndDeadLetterAlertsStayingQuietOnHealthySeries() {
        JsonNode tests = DeployTree.yamlDocument(DeployTree.root().resolve(RULE_TESTS));
        assertEquals(List.of("alerts.yml"), DeployTree.strings(tests.path("rule_files")), RULE_TESTS + " rule_files");
        Map<String, JsonNode> rules = alertRules();
        Set<String> fired = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (JsonNode group : tests.path("tests")) {
            Map<String, Boolean> firesIn = new LinkedHashMap<>();
            Map<String, Integer> evaluations = new LinkedHashMap<>();
            for (JsonNode t : group.path("alert_rule_test")) {
                String alert = t.path("alertname").asText();
                assertTrue(rules.containsKey(alert), group.path("name") + " tests an unknown alert " + alert);
                boolean fires = !t.path("exp_alerts").isEmpty();
                firesIn.merge(alert, fires, Boolean::logicalOr);
                evaluations.merge(alert, 1, Integer::sum);
                if (fires) {
                    fired.add(alert);
                }
            }
            Set<String> seriesMetrics = new TreeSet<>();
            group.path("input_series").forEach(s -> seriesMetrics.addAll(PromQl.metrics(s.path("series").asText())));
            firesIn.forEach((alert, fires) -> {
                boolean fed = PromQl.metrics(rules.get(alert).path("expr").asText()).stream().anyMatch(seriesMetrics::contains);
                if (!fires && fed && evaluations.get(alert) >= 2) {
                    quiet.add(alert);
                }
            });
        }
        assertEquals(rules.keySet(), fired, "alerts shown firing in " + RULE_TESTS);
        assertTrue(quiet.containsAll(QUIET_WHEN_HEALTHY), "alerts shown quiet on a healthy series (a test group feeding"
                + " their metrics and expecting no alert at two times or more): " + quiet);
    }

    // ---- compose and Kubernetes -------------------------------------------------------------------------------

    @Test
    void shouldLoadTheRulesInComposesPrometheus() {
        JsonNode config = DeployTree.yamlDocument(DeployTree.root().resolve(CONFIG));
        List<String> ruleFiles = DeployTree.strings(config.path("rule_files"));
        assertEquals(List.of("alerts.yml"), ruleFiles, CONFIG + " rule_files");
        // Compose mounts the rules beside the config, where the relative rule_files entry points.
        JsonNode prometheus = DeployTree.yamlDocument(DeployTree.deploy("compose/docker-compose.yml")).path("services").path("prometheus");
        Map<Path, String> mounts = new LinkedHashMap<>();
        for (String volume : DeployTree.strings(prometheus.path("volumes"))) {
            String[] parts = volume.split(":");
            if (parts[0].startsWith(".")) {
                mounts.put(DeployTree.deploy("compose").resolve(parts[0]).normalize(), parts[1]);
            }
        }
        String configInContainer = mounts.get(DeployTree.root().resolve(CONFIG).normalize());
        assertTrue(configInContainer != null, "compose mounts " + CONFIG + ": " + mounts);
        String rulesInContainer = Path.of(configInContainer).resolveSibling(ruleFiles.get(0)).toString();
        assertEquals(rulesInContainer, mounts.get(DeployTree.root().resolve(RULES).normalize()),
                "compose mounts " + RULES + " where prometheus.yml's rule_files points: " + mounts);
    }

    @Test
    void shouldGiveThePrometheusOperatorExactlyTheRulesOfCompose() {
        DeployTree.K8sObject rule = prometheusRule();
        assertEquals("monitoring.coreos.com/v1", rule.doc().path("apiVersion").asText());
        assertEquals("siamese", rule.doc().path("metadata").path("namespace").asText());
        JsonNode labels = rule.doc().path("metadata").path("labels");
        assertEquals("siamese-streams", labels.path("app.kubernetes.io/part-of").asText());
        assertEquals("kube-prometheus-stack", labels.path("release").asText(), "the label kube-prometheus-stack's ruleSelector matches");
        assertEquals(rulesFile().path("groups"), rule.doc().path("spec").path("groups"),
                rule.file() + " spec.groups differs from " + RULES + "'s groups");
        String kustomization = DeployTree.yamlDocument(rule.file().resolveSibling("kustomization.yaml")).path("resources").toString();
        assertTrue(kustomization.contains("\"" + rule.file().getFileName() + "\""), rule.file() + " is not in its kustomization");
    }

    @Test
    void shouldMatchTheServiceAndTrainerJobsOfComposeAndOfThePodMonitors() {
        JsonNode config = DeployTree.yamlDocument(DeployTree.root().resolve(CONFIG));
        Set<String> composeJobs = new TreeSet<>();
        config.path("scrape_configs").forEach(j -> composeJobs.add(j.path("job_name").asText()));
        // The Prometheus Operator names a PodMonitor's job <namespace>/<name>.
        Map<String, String> kubernetesJob = new TreeMap<>();
        for (DeployTree.K8sObject o : DeployTree.kubernetesObjects()) {
            if (o.kind().equals("PodMonitor")) {
                kubernetesJob.put(o.name(), o.doc().path("metadata").path("namespace").asText() + "/" + o.name());
            }
        }
        assertTrue(kubernetesJob.keySet().containsAll(Set.of("siamese-service", "siamese-trainer")), kubernetesJob.toString());
        assertTrue(composeJobs.containsAll(kubernetesJob.keySet()), "compose jobs " + composeJobs + " vs PodMonitors " + kubernetesJob);
        List<String> problems = new ArrayList<>();
        alertRules().forEach((alert, rule) -> {
            List<Pattern> jobs = jobMatchers(rule.path("expr").asText());
            assertFalse(jobs.isEmpty(), alert + " does not select its job");
            for (Pattern job : jobs) {
                for (String compose : composeJobs) {
                    String kubernetes = kubernetesJob.get(compose);
                    if (kubernetes != null && job.matcher(compose).matches() != job.matcher(kubernetes).matches()) {
                        problems.add(alert + ": job=~\"" + job + "\" matches only one of " + compose + " and " + kubernetes);
                    }
                }
                if (composeJobs.stream().noneMatch(j -> job.matcher(j).matches())) {
                    problems.add(alert + ": job=~\"" + job + "\" matches no job of " + composeJobs);
                }
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        Pattern up = jobMatchers(alertRules().get("SiameseInstanceDown").path("expr").asText()).get(0);
        for (String job : List.of("siamese-service", "siamese-trainer")) {
            assertTrue(up.matcher(job).matches() && up.matcher(kubernetesJob.get(job)).matches(), "instance-down misses " + job);
        }
    }

    // ---- metrics, labels, annotations ---------------------------------------------------------------------

    @Test
    void shouldAlertOnlyOnMetricsAndLabelsTheServiceAndTrainerExport() {
        ExportedMeters meters = ExportedMeters.scan();
        assertTrue(meters.names().containsAll(Set.of("siamese.dead.letters", "siamese.trainer.loss",
                "siamese.stream.thread.failures")), "meter scan found " + meters.names());
        // Kafka client metrics come from Quarkus' Micrometer Kafka binder, not from our sources: accepted when the
        // dashboard reads them too, with the labels it uses on them, since PrometheusServerIT finds those metrics
        // and labels in a real service's scrape.
        Map<String, Set<String>> dashboard = dashboardLabels();
        List<String> problems = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        alertRules().forEach((alert, rule) -> {
            String expr = rule.path("expr").asText();
            Set<String> metrics = PromQl.metrics(expr);
            used.addAll(metrics);
            Set<String> labels = new TreeSet<>(TARGET_LABELS);
            for (String metric : metrics) {
                Optional<String> meter = meters.meterOf(metric);
                if (meter.isPresent()) {
                    labels.addAll(meters.literals(meter.get()));
                } else if (metric.startsWith("kafka_") && dashboard.containsKey(metric)) {
                    labels.addAll(dashboard.get(metric));
                } else if (!PROMETHEUS_METRICS.contains(metric)) {
                    problems.add(alert + ": " + metric + " is neither exported by " + ExportedMeters.SOURCES
                            + " nor " + PROMETHEUS_METRICS + " nor a Kafka client metric of the dashboard");
                }
            }
            // Selector labels (and literal values) and grouping labels are the meters' tags or target labels.
            for (PromQl.LabelMatcher m : PromQl.labelMatchers(expr)) {
                Optional<String> meter = meters.meterOf(m.metric());
                if (!labels.contains(m.label())) {
                    problems.add(alert + ": " + m.metric() + " has no label " + m.label());
                } else if (meter.isPresent() && m.op().equals("=") && !TARGET_LABELS.contains(m.label())
                        && !meters.literals(meter.get()).contains(m.value())) {
                    problems.add(alert + ": " + m.metric() + "{" + m.label() + "=\"" + m.value() + "\"}: no such value in "
                            + meters.files(meter.get()));
                }
            }
            for (String l : PromQl.groupingLabels(expr)) {
                if (!labels.contains(l)) {
                    problems.add(alert + ": by/on (" + l + "), which none of " + metrics + " carries");
                }
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(used.containsAll(Set.of("siamese_dead_letters_total", "siamese_stream_thread_failures_total",
                "siamese_model_rejected_total", "siamese_trainer_loss", "siamese_trainer_rounds_total", "up",
                "kafka_consumer_fetch_manager_records_lag")), used.toString());
    }

    @Test
    void shouldGiveEveryAlertADelaySeveritySummaryDescriptionAndRunbook() throws IOException {
        Set<String> anchors = headingAnchors(Files.readString(DeployTree.deploy("README.md")));
        List<String> problems = new ArrayList<>();
        alertRules().forEach((alert, rule) -> {
            if (!rule.path("for").asText().matches("\\d+[smh]")) {
                problems.add(alert + ": for: " + rule.path("for"));
            }
            if (!SEVERITIES.contains(rule.path("labels").path("severity").asText())) {
                problems.add(alert + ": severity " + rule.path("labels").path("severity") + " not one of " + SEVERITIES);
            }
            JsonNode a = rule.path("annotations");
            for (String name : List.of("summary", "description", "runbook_url")) {
                if (a.path(name).asText().isBlank()) {
                    problems.add(alert + ": no annotation " + name);
                }
            }
            String runbook = a.path("runbook_url").asText();
            String anchor = runbook.substring(runbook.indexOf('#') + 1);
            if (!runbook.startsWith("deploy/README.md#") || !anchors.contains(anchor)) {
                problems.add(alert + ": runbook_url " + runbook + " is no heading of deploy/README.md");
            }
            if (!anchor.equals(alert.toLowerCase(Locale.ROOT))) {
                problems.add(alert + ": runbook_url points at another alert's heading (" + anchor + ")");
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static JsonNode rulesFile() {
        return DeployTree.yamlDocument(DeployTree.root().resolve(RULES));
    }

    private static DeployTree.K8sObject prometheusRule() {
        List<DeployTree.K8sObject> rules = DeployTree.kubernetesObjects().stream()
                .filter(o -> o.kind().equals("PrometheusRule")).toList();
        assertEquals(1, rules.size(), "PrometheusRules under deploy/k8s: " + rules);
        return rules.get(0);
    }

    /** Alert name -> rule, over all groups; names must be unique. */
    private static Map<String, JsonNode> alertRules() {
        Map<String, JsonNode> rules = new LinkedHashMap<>();
        for (JsonNode g : rulesFile().path("groups")) {
            for (JsonNode r : g.path("rules")) {
                if (r.has("alert")) {
                    assertTrue(rules.put(r.path("alert").asText(), r) == null, "duplicate alert " + r.path("alert"));
                }
            }
        }
        assertFalse(rules.isEmpty(), "no alert rules in " + RULES);
        return rules;
    }

    private static int ruleCount() {
        int n = 0;
        for (JsonNode g : rulesFile().path("groups")) {
            n += g.path("rules").size();
        }
        return n;
    }

    /** The regular expressions (or exact names, quoted) of every {@code job} matcher of an expression. */
    private static List<Pattern> jobMatchers(String expr) {
        return PromQl.labelMatchers(expr).stream().filter(m -> m.label().equals("job"))
                .map(m -> Pattern.compile(m.op().equals("=~") ? m.value() : Pattern.quote(m.value()))).toList();
    }

    /**
     * The service metrics of the Grafana dashboard, each with the labels its queries select or group on where they
     * read it (PrometheusServerIT requires those in a real scrape).
     */
    private static Map<String, Set<String>> dashboardLabels() {
        DashboardQueries dashboard = DashboardQueries.load(DeployTree.deploy("grafana/dashboards/siamese-streams.json"));
        Map<String, Set<String>> labels = new TreeMap<>();
        dashboard.serviceMetrics().forEach(m -> labels.put(m, new TreeSet<>()));
        for (DashboardQueries.Query q : dashboard.queries()) {
            Map<String, Set<String>> selectors = PromQl.selectorLabels(q.expr());
            for (String m : PromQl.metrics(q.expr())) {
                if (labels.containsKey(m)) {
                    labels.get(m).addAll(selectors.getOrDefault(m, Set.of()));
                    labels.get(m).addAll(PromQl.groupingLabels(q.expr()));
                }
            }
        }
        return labels;
    }

    /** GitHub's anchors of a Markdown file's headings: lower case, punctuation dropped, spaces to hyphens. */
    private static Set<String> headingAnchors(String markdown) {
        Set<String> anchors = new TreeSet<>();
        for (String line : markdown.split("\n")) {
            Matcher h = Pattern.compile("^#{1,6}\\s+(.+?)\\s*$").matcher(line);
            if (h.find()) {
                anchors.add(h.group(1).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }
}
