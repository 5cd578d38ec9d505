package io.siamese.service.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siamese.localstack.SharedLocalStack;
import io.siamese.schemas.DeadLetter;
import io.siamese.schemas.Endpoints;
import io.siamese.schemas.Image;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.service.config.ServiceConfig;
import io.siamese.service.it.StreamClients;
import io.siamese.service.it.StreamingStackResource;
import io.siamese.service.it.TestCheckpoints;
import io.siamese.testing.SampleRecords;
import io.siamese.trainer.continuous.ContinuousOptions;
import io.siamese.trainer.continuous.ContinuousTrainer;
import io.siamese.trainer.continuous.PromotionGate;
import io.siamese.trainer.continuous.TrainerListener;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric the Grafana dashboard (deploy/grafana/dashboards/siamese-streams.json) queries exists: the
 * service's in the real service's /q/metrics after real traffic (valid pairs and a corrupt record through a real
 * broker and registry), with the labels the queries match and group on; the trainer's (siamese_trainer_*) in a
 * real continuous trainer's /q/metrics.
 */
@QuarkusTest
@QuarkusTestResource(value = StreamingStackResource.class, restrictToAnnotatedClass = true)
class DashboardMetricsIT {


    private static final Duration WAIT = Duration.ofSeconds(90);
    /** Micrometer's Kafka binder looks for new client metrics every 60 s; a margin for a loaded machine. */
    private static final Duration BINDER_REFRESH = Duration.ofSeconds(100);
    private static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(2);

    @ConfigProperty(name = "quarkus.kafka-streams.bootstrap-servers")
    String bootstrap;

    @ConfigProperty(name = "siamese.registry.url")
    String registry;

    @Inject
    ServiceConfig config;

    @Test
    void shouldFindEveryServiceMetricOfTheDashboardInTheServicesScrape() {
        publishAndAwait();
        DashboardQueries dashboard = DashboardQueries.load(DeployTree.deploy("grafana/dashboards/siamese-streams.json"));
        Set<String> wanted = dashboard.serviceMetrics();
        // Kafka's per-partition client metrics (records_lag{topic,partition}) exist once a partition was fetched,
        // and Micrometer's Kafka binder registers new client metrics on its refresh, once a minute: scrape until
        // the dashboard's metrics are all there or the refresh must have happened.
        long deadline = System.nanoTime() + BINDER_REFRESH.toNanos();
        PrometheusScrape scrape = scrape();
        while (!scrape.sampleNames().containsAll(wanted) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(SCRAPE_INTERVAL.toNanos());
            scrape = scrape();
        }
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

    @Test
    void shouldFindEveryTrainerMetricOfTheDashboardInATrainersScrape(@TempDir Path dir)
            throws IOException, InterruptedException {
        DashboardQueries dashboard = DashboardQueries.load(DeployTree.deploy("grafana/dashboards/siamese-streams.json"));
        Set<String> trainer = dashboard.trainerMetrics();
        assertFalse(trainer.isEmpty());
        // A real continuous trainer, as `siamese trainer` builds it: it registers its meters and serves them when
        // constructed, before it consumes anything.
        Path model = dir.resolve("model");
        TestCheckpoints.write(model, 5, 0.5);
        ContinuousOptions options = ContinuousOptions.defaults(new Endpoints(SharedLocalStack.get().bootstrapServers(),
                        SharedLocalStack.get().registryUrl()), dir.resolve("store"), dir.resolve("work"), model)
                .withGate(new PromotionGate(PromotionGate.Metric.ACCURACY, 0.0), "dashboard-trainer", 0);
        String body;
        String url;
        try (ContinuousTrainer running = new ContinuousTrainer(options, new TrainerListener() { })) {
            url = "http://127.0.0.1:" + running.metricsPort() + "/q/metrics";
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(200, response.statusCode(), url);
            body = response.body();
        }
        PrometheusScrape scrape = PrometheusScrape.parse(body);
        List<String> missing = trainer.stream().filter(m -> !scrape.has(m)).map(scrape::explainMissing).toList();
        List<String> labels = dashboard.labelProblems(scrape, true);
        assertTrue(missing.isEmpty() && labels.isEmpty(), "dashboard queries that " + url + " cannot answer:\n"
                + String.join("\n", missing) + "\n" + String.join("\n", labels));
    }

    /**
     * Publishes valid pairs and one record that is not Avro, and waits (blocking Kafka polls, no sleeps) until their
     * results and the dead letter are committed: by then every counter, histogram and consumer metric has moved.
     */
    private void publishAndAwait() {
        String run = "dash-" + UUID.randomUUID();
        Set<String> valid = new HashSet<>();
        String corrupt = run + "-corrupt";
        try (KafkaProducer<String, ImagePair> pairs = StreamClients.pairProducer(bootstrap, registry);
                KafkaProducer<String, byte[]> raw = StreamClients.rawProducer(bootstrap)) {
            for (int i = 0; i < 6; i++) {
                String id = run + "-" + i;
                valid.add(id);
                pairs.send(new ProducerRecord<>(config.topics().input(), id,
                        pair(id, SampleRecords.png(20, 20, i), SampleRecords.png(20, 20, i % 2 == 0 ? i : i + 50))));
            }
            raw.send(new ProducerRecord<>(config.topics().input(), corrupt, "not avro".getBytes(StandardCharsets.UTF_8)));
            pairs.flush();
            raw.flush();
        }
        try (KafkaConsumer<String, PairDissimilarity> results = StreamClients.results(bootstrap, registry, config.topics().output());
                KafkaConsumer<String, DeadLetter> letters = StreamClients.deadLetters(bootstrap, registry, config.topics().deadLetter())) {
            Set<String> scored = new HashSet<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!scored.containsAll(valid) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, PairDissimilarity> r : results.poll(Duration.ofMillis(250))) {
                    scored.add(r.value().getPairId().toString());
                }
            }
            assertTrue(scored.containsAll(valid), "results for " + valid + " within " + WAIT);
            boolean dead = false;
            while (!dead && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, DeadLetter> r : letters.poll(Duration.ofMillis(250))) {
                    dead |= corrupt.equals(r.key());
                }
            }
            assertTrue(dead, "a dead letter for " + corrupt + " within " + WAIT);
        }
    }

    private static PrometheusScrape scrape() {
        String text = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        keep(text);
        return PrometheusScrape.parse(text);
    }

    /** Keeps the scrape in target/ for whoever reads a failure (or wants the real names). */
    private static void keep(String scrape) {
        try {
            Path file = Path.of("target", "dashboard-metrics-scrape.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, scrape);
        } catch (IOException e) {
            // Only a convenience: the assertions below say what is missing.
        }
    }

    private static ImagePair pair(String id, byte[] left, byte[] right) {
        // Built here, not by SampleRecords: its Avro classes would come from another class loader.
        return ImagePair.newBuilder()
                .setPairId(id)
                .setLeft(Image.newBuilder().setData(ByteBuffer.wrap(left)).setMediaType("image/png").build())
                .setRight(Image.newBuilder().setData(ByteBuffer.wrap(right)).setMediaType("image/png").build())
                .setMetadata(Map.of("label", "0"))
                .setEventTime(Instant.now())
                .build();
    }
}
