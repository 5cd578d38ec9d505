package io.siamese.service.deploy;

import static io.siamese.service.deploy.PrometheusAnswers.alertsNamed;
import static io.siamese.service.deploy.PrometheusAnswers.firing;
import static io.siamese.service.deploy.PrometheusAnswers.hasNumber;
import static io.siamese.service.deploy.PrometheusAnswers.healthByJob;
import static io.siamese.service.deploy.PrometheusAnswers.lastScrape;
import static io.siamese.service.deploy.PrometheusAnswers.rule;
import static io.siamese.service.deploy.PrometheusAnswers.ruleNames;
import static io.siamese.service.deploy.PrometheusAnswers.rules;
import static io.siamese.service.deploy.PrometheusAnswers.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siamese.localstack.SharedLocalStack;
import io.siamese.service.config.ServiceConfig;
import io.siamese.service.it.StreamingStackResource;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring as shipped, judged by a real Prometheus ({@link PrometheusServer}: Debian's, as a child process)
 * that scrapes the service under test and a real continuous trainer ({@link RunningTrainer}) under the job names of
 * deploy/prometheus/prometheus.yml, and evaluates deploy/prometheus/alerts.yml with only its {@code for:} durations
 * shortened ({@link TestPrometheusConfig}): the expressions are the shipped ones. Valid pairs, corrupt records and
 * verify requests go through a real broker and registry ({@link DashboardTraffic}). Every rule loads with health ok;
 * the dead-letter alert stays quiet under valid input and fires under corrupt input; every query of the Grafana
 * dashboard returns a number (not only NaN), the trainer's too after its round. Before that, {@link ScrapeChecks}
 * finds every metric of the dashboard in the raw scrapes. The methods run in order on one Prometheus: quiet before
 * corrupt input, then firing. Needs {@code /usr/bin/prometheus} (Debian's package {@code prometheus}).
 */
@QuarkusTest
@QuarkusTestResource(value = StreamingStackResource.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusServerIT {

    private static final String DASHBOARD = "grafana/dashboards/siamese-streams.json";
    private static final String DEAD_LETTER_ALERT = "SiameseDeadLetters";
    private static final Duration WAIT = Duration.ofSeconds(120);
    /**
     * Grafana's built-ins as the test answers them. {@code $__rate_interval} is a minute, Grafana's at a 15 s
     * scrape: 30 samples here, so that a rate still spans traffic on a machine that runs slowly.
     */
    private static final Map<String, String> BUILT_INS = Map.of("__rate_interval", "1m", "__interval", "15s",
            "__range", "15m");

    @ConfigProperty(name = "quarkus.kafka-streams.bootstrap-servers")
    String bootstrap;
    @ConfigProperty(name = "siamese.registry.url")
    String registry;
    @Inject
    ServiceConfig config;
    @TestHTTPResource
    URL service;

    private DashboardTraffic traffic;
    private RunningTrainer trainer;
    private PrometheusServer prometheus;

    @BeforeAll
    void startTrainerAndPrometheus(@TempDir Path dir) throws IOException {
        traffic = new DashboardTraffic(bootstrap, registry, config.topics().input(), config.topics().output(),
                config.topics().deadLetter(), service.getPort());
        // Caught up before Prometheus watches: no dead letter of an earlier test can reach its first samples.
        traffic.awaitResults(traffic.publishValid(12), WAIT);
        traffic.verify(); // http_server_requests_seconds exists from the first request on
        System.gc(); // the service shares this JVM: jvm_gc_pause_seconds exists from the first GC on
        trainer = RunningTrainer.start(SharedLocalStack.get(), dir.resolve("trainer"));
        Path files = Files.createDirectories(dir.resolve("prometheus"));
        TestPrometheusConfig.write(files, "127.0.0.1:" + service.getPort(), "127.0.0.1:" + trainer.metricsPort());
        prometheus = PrometheusServer.start(files);
    }

    @AfterAll
    void stopPrometheusAndTrainer() throws InterruptedException {
        try {
            if (prometheus != null) {
                prometheus.close();
                ScrapeChecks.keep("prometheus-server-it.log", prometheus.log());
            }
        } finally {
            if (trainer != null) {
                trainer.close();
            }
        }
    }

    @Test
    @Order(1)
    void shouldScrapeTheServiceAndTheTrainerUnderTheShippedJobNames() {
        Map<String, String> up = Map.of(TestPrometheusConfig.SERVICE_JOB, "up", TestPrometheusConfig.TRAINER_JOB,
                "up");
        JsonNode targets = Poll.until(WAIT, prometheus::activeTargets, t -> healthByJob(t).equals(up));
        assertEquals(up, healthByJob(targets), targets.toPrettyString());
    }

    @Test
    @Order(2)
    void shouldLoadEveryShippedAlertRuleWithHealthOk() {
        JsonNode groups = Poll.until(WAIT, prometheus::ruleGroups,
                g -> rules(g).allMatch(PrometheusAnswers::evaluated));
        assertEquals(ruleNames(TestPrometheusConfig.shippedRuleGroups()), ruleNames(groups), "rule groups and rules Prometheus loaded");
        List<String> unhealthy = rules(groups).filter(r -> !r.path("health").asText().equals("ok")
                || !r.path("lastError").asText().isEmpty() || !r.path("type").asText().equals("alerting")
                || r.path("duration").asLong() != TestPrometheusConfig.FOR.toSeconds())
                .map(JsonNode::toString).toList();
        assertTrue(unhealthy.isEmpty(), "rules not evaluated cleanly:\n" + String.join("\n", unhealthy));
    }

    @Test
    @Order(3)
    void shouldKeepTheDeadLetterAlertQuietUnderValidInput() {
        traffic.awaitResults(traffic.publishValid(12), WAIT);
        Instant scored = Instant.now();
        // A scrape that began after the results, then evaluations for longer than the rule's for: a pending alert
        // would be firing by then.
        Poll.until(WAIT, prometheus::activeTargets,
                t -> lastScrape(t, TestPrometheusConfig.SERVICE_JOB).isAfter(scored));
        Instant settled = Instant.now().plus(TestPrometheusConfig.FOR).plusSeconds(3);
        Poll.until(WAIT, this::deadLetterRule, r -> Instant.parse(r.path("lastEvaluation").asText()).isAfter(settled));
        JsonNode rates = prometheus.query(deadLetterRate());
        assertFalse(rates.isEmpty(), "the alert's rate has data: " + deadLetterRate());
        rates.forEach(r -> assertEquals(0.0, value(r), "no dead letters under valid input: " + r));
        assertEquals("inactive", deadLetterRule().path("state").asText(), deadLetterRule().toPrettyString());
        assertEquals(List.of(), alertsNamed(prometheus.alerts(), DEAD_LETTER_ALERT), "pending or firing");
    }

    @Test
    @Order(4)
    void shouldFireTheDeadLetterAlertUnderCorruptInput() {
        Map<String, String> kinds = traffic.publishCorrupt();
        traffic.awaitDeadLetters(kinds, WAIT);
        Set<String> reasons = new TreeSet<>(kinds.values());
        JsonNode alerts = Poll.until(WAIT, prometheus::alerts,
                a -> firing(a, DEAD_LETTER_ALERT, "reason").containsAll(reasons));
        assertTrue(firing(alerts, DEAD_LETTER_ALERT, "reason").containsAll(reasons), DEAD_LETTER_ALERT + " firing for "
                + reasons + ":\n" + alerts.toPrettyString() + "\nrate: " + prometheus.query(deadLetterRate()));
        assertEquals(Set.of("warning"), firing(alerts, DEAD_LETTER_ALERT, "severity"));
        assertEquals("firing", deadLetterRule().path("state").asText());
    }

    @Test
    @Order(5)
    void shouldFindEveryServiceMetricOfTheDashboardInTheServicesScrape() {
        ScrapeChecks.serviceMetricsOfTheDashboard();
    }

    @Test
    @Order(6)
    void shouldFindEveryTrainerMetricOfTheDashboardInTheTrainersScrape() {
        ScrapeChecks.trainerMetricsOfTheDashboard("http://127.0.0.1:" + trainer.metricsPort() + "/q/metrics");
    }

    @Test
    @Order(7)
    void shouldAnswerEveryDashboardQueryWithANumberFromPrometheus() throws InterruptedException {
        trainer.awaitRound(Duration.ofMinutes(3)); // its loss and holdout gauges hold numbers from then on
        DashboardQueries dashboard = DashboardQueries.load(DeployTree.deploy(DASHBOARD));
        Map<String, String> pending = new TreeMap<>();
        // GPU panels have no data on this CPU-only service; DashboardGpuPanelTest checks their metrics' sources.
        dashboard.queries().stream().filter(q -> !DashboardQueries.readsGpuOnly(q.expr()))
                .forEach(q -> pending.put(q.where(), dashboard.expand(q.expr(), BUILT_INS)));
        Map<String, String> answers = new TreeMap<>();
        // Traffic keeps flowing while the dashboard is read, as on a live system: rates over the last minute and
        // Kafka's windowed gauges (commit latency) have something to show.
        Poll.until(WAIT, () -> {
            traffic.publishValid(2);
            traffic.verify();
            pending.entrySet().removeIf(q -> {
                JsonNode result = prometheus.query(q.getValue());
                answers.put(q.getKey(), q.getValue() + " -> " + result);
                return hasNumber(result);
            });
            return pending;
        }, Map::isEmpty);
        ScrapeChecks.keep("prometheus-dashboard-answers.txt", String.join("\n", answers.values()));
        List<String> empty = pending.keySet().stream().map(where -> where + ": " + answers.get(where)).toList();
        assertTrue(empty.isEmpty(), "dashboard queries without a number from Prometheus within " + WAIT + ":\n"
                + String.join("\n", empty));
        // The check can fail: a metric no process exports answers nothing.
        assertFalse(hasNumber(prometheus.query("sum(rate(siamese_pairs_received_totl[1m]))")));
    }

    private JsonNode deadLetterRule() {
        return rule(prometheus.ruleGroups(), DEAD_LETTER_ALERT);
    }

    /** The shipped alert's expression without its threshold: the dead-letter rate per reason it compares. */
    private static String deadLetterRate() {
        return TestPrometheusConfig.shippedExprWithout(DEAD_LETTER_ALERT, "> 0");
    }
}
