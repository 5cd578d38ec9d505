package io.siamese.service.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dashboard against the raw scrapes, before any Prometheus: every metric a query reads is in the service's
 * (or, for siamese_trainer_*, a trainer's) /q/metrics, with the labels the query selects and groups on. A failure
 * here names the family and why a sample is missing, which an empty Prometheus answer cannot. Run by
 * {@link PrometheusServerIT} on the service under test after its traffic.
 */
final class ScrapeChecks {

    /** Micrometer's Kafka binder looks for new client metrics every 60 s; a margin for a loaded machine. */
    private static final Duration BINDER_REFRESH = Duration.ofSeconds(100);

    private ScrapeChecks() {}

    /**
     * Every service metric of the dashboard is in the scrape of the service under test (RestAssured's), polled
     * until they all are or the binder's refresh must have happened; and the deployments' probes answer.
     */
    static void serviceMetricsOfTheDashboard() {
        DashboardQueries dashboard = DashboardQueries.load(DeployTree.deploy("grafana/dashboards/siamese-streams.json"));
        Set<String> wanted = dashboard.serviceMetrics();
        // Kafka's per-partition client metrics (records_lag{topic,partition}) exist once a partition was fetched,
        // and the binder registers new client metrics on its refresh, once a minute.
        PrometheusScrape scrape = Poll.until(BINDER_REFRESH, ScrapeChecks::serviceScrape,
                s -> s.sampleNames().containsAll(wanted));
        Map<String, Set<String>> uses = dashboard.metricUses();
        List<String> missing = new ArrayList<>();
        for (String metric : wanted) {
            if (!scrape.has(metric)) {
                missing.add(scrape.explainMissing(metric) + " <- " + uses.get(metric));
            }
        }
        List<String> labels = dashboard.labelProblems(scrape, false);
        assertTrue(missing.isEmpty() && labels.isEmpty(), "dashboard queries that the service's /q/metrics cannot"
                + " answer:\n" + String.join("\n", missing) + "\n" + String.join("\n", labels));
        assertTrue(dashboard.serviceMetrics().size() >= 20, "the dashboard reads " + dashboard.serviceMetrics());

        // The probes of the deployments (compose healthcheck, Kubernetes readiness/liveness/startup) answer here.
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/health/live").then().statusCode(200)
                // Ours, which waits out a slow broker, instead of the extension's, which is DOWN until the stream runs.
                .body(containsString("kafka-streams-alive"))
                .body(not(containsString("Kafka Streams state health check")));
        given().when().get("/q/health/started").then().statusCode(200);
    }

    /** Every trainer metric of the dashboard is in the scrape at {@code url}, with the labels the queries use. */
    static void trainerMetricsOfTheDashboard(String url) {
        DashboardQueries dashboard = DashboardQueries.load(DeployTree.deploy("grafana/dashboards/siamese-streams.json"));
        Set<String> trainer = dashboard.trainerMetrics();
        assertFalse(trainer.isEmpty());
        String body;
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(200, response.statusCode(), url);
            body = response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        keep("trainer-metrics-scrape.txt", body);
        PrometheusScrape scrape = PrometheusScrape.parse(body);
        List<String> missing = trainer.stream().filter(m -> !scrape.has(m)).map(scrape::explainMissing).toList();
        List<String> labels = dashboard.labelProblems(scrape, true);
        assertTrue(missing.isEmpty() && labels.isEmpty(), "dashboard queries that " + url + " cannot answer:\n"
                + String.join("\n", missing) + "\n" + String.join("\n", labels));
    }

    private static PrometheusScrape serviceScrape() {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        keep("dashboard-metrics-scrape.txt", text);
        return PrometheusScrape.parse(text);
    }

    /** Keeps a text in target/ for whoever reads a failure (or wants the real metric names). */
    static void keep(String name, String text) {
        try {
            Path file = Path.of("target", name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            // Only a convenience: the assertions say what is missing.
        }
    }
}
