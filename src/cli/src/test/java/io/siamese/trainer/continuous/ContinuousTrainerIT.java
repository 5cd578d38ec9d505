package io.siamese.trainer.continuous;

import static io.siamese.trainer.continuous.PipelineClients.get;
import static io.siamese.trainer.continuous.PipelineClients.metric;
import static io.siamese.trainer.continuous.PipelineClients.publish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.cli.publish.PairImages;
import io.siamese.cli.publish.PairPublisher;
import io.siamese.cli.publish.PublishOptions;
import io.siamese.cli.publish.PublishReport;
import io.siamese.encoder.checkpoint.Checkpoints;
import io.siamese.encoder.checkpoint.DirectoryCheckpointStore;
import io.siamese.localstack.ServiceProcess;
import io.siamese.localstack.ServiceProcessConfig;
import io.siamese.schemas.Endpoints;
import io.siamese.schemas.ModelCheckpoint;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The continuous trainer against a real broker, a real registry and the real service. The service starts on an
 * untrained model; labelled pairs of synthetic images flow in; the trainer must promote a better model that the
 * service swaps in, and resume after restarts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContinuousTrainerIT {

    private static final Duration WAIT = Duration.ofSeconds(150);

    @TempDir
    static Path dir;

    private TrainerPipeline pipeline;
    private ServiceProcess service;
    private Endpoints endpoints;
    private Path store;
    private PairImages images;
    private ContinuousOptions options;
    private String v1;

    @BeforeAll
    void startPipeline() {
        pipeline = TrainerPipeline.start(dir);
        endpoints = pipeline.endpoints();
        store = pipeline.store();
        v1 = pipeline.v1();
        images = pipeline.images();
        options = pipeline.options();
        service = ServiceProcess.start(ServiceProcessConfig.of(endpoints.bootstrapServers(), endpoints.registryUrl(),
                store.resolve(v1), dir.resolve("service")).withProperties(Map.of("siamese.checkpoints.store",
                store.toString(), "kafka-streams.session.timeout.ms", "10000")));
    }

    @AfterAll
    void stopPipeline() {
        try {
            if (service != null) {
                service.close();
            }
        } finally {
            pipeline.close();
        }
    }

    /**
     * One scenario, since the restart resumes what the first run did: a better model is promoted and swapped in
     * without losing or doubling a pair, then a restarted trainer resumes from the stored pairs and counters.
     */
    @Test
    void promotesABetterModelThatTheServiceSwapsInAndARestartResumesFromIt() throws Exception {
        String v2 = promotesABetterModelThatTheServiceSwapsInWithoutLosingOrDoublingAPair();
        aRestartResumesFromTheStoredPairsAndCountersAndWarmStartsFromThePromotedVersion(v2);
    }

    private String promotesABetterModelThatTheServiceSwapsInWithoutLosingOrDoublingAPair() throws Exception {
        String v2;
        Map<String, List<PairDissimilarity>> results = PipelineClients.newResults();
        try (KafkaConsumer<String, PairDissimilarity> reader =
                     PipelineClients.reader(endpoints, Topics.PAIR_DISSIMILARITIES, PairDissimilarity.class)) {
            publish(endpoints, images, "before", 8, 1, false);
            PipelineClients.readResults(reader, results, r -> r.size() >= 8, WAIT);
            RecordingListener events = new RecordingListener();
            Set<String> during = java.util.concurrent.ConcurrentHashMap.newKeySet();
            try (ContinuousTrainer trainer = new ContinuousTrainer(options, events);
                 Background run = Background.run(trainer);
                 PairPublisher scoring = new PairPublisher(endpoints, images,
                         new PublishOptions(0, 10, 2, 0, false, "during"))) {
                // Acknowledged ids, counted by the callback: a pair in flight at stop() is delivered by close().
                CompletableFuture<PublishReport> sending = CompletableFuture.supplyAsync(
                        () -> scoring.run((id, broken) -> during.add(id)));
                publish(endpoints, images, "labels", 400, 3, true);

                String promoted = events.await(e -> e.startsWith("promoted"), WAIT);
                String promotedVersion = promoted.split(" ")[1];
                v2 = promotedVersion;
                assertTrue(promoted.startsWith("promoted " + v2 + " parent=" + v1 + " holdout accuracy"), promoted);
                // Scoring goes on during the swap; the first result of the new version shows it is served.
                PipelineClients.readResults(reader, results, r -> r.values().stream().flatMap(List::stream)
                        .anyMatch(x -> x.getModelVersion().equals(promotedVersion)), WAIT);
                scoring.stop();
                sending.get();
                assertTrue(get(service.baseUrl() + "/api/v1/model").contains("\"version\":\"" + v2 + "\""));
                events.await(e -> e.startsWith("ingested seen=400 "), WAIT);
                String metrics = get("http://127.0.0.1:" + trainer.metricsPort() + "/q/metrics");
                assertEquals(Optional.of(1.0), metric(metrics, "siamese_trainer_promotions_total"), metrics);
                assertEquals(Optional.of(400.0), metric(metrics, "siamese_trainer_pairs_seen_total"), metrics);
                assertTrue(metric(metrics, "siamese_trainer_holdout_accuracy{model=\"candidate\"}").orElseThrow()
                        >= 0.05 + metric(metrics, "siamese_trainer_holdout_accuracy{model=\"serving\"}").orElseThrow());
            }
            publish(endpoints, images, "after", 8, 4, false);
            long expected = 8 + during.size() + 8;
            PipelineClients.readResults(reader, results, r -> r.size() >= expected, WAIT);
            // Every pair has its result: anything more now would be a duplicate (it would arrive right behind).
            assertEquals(0, reader.poll(Duration.ofSeconds(2)).count(), "no duplicate results");
            assertEquals(expected, results.size(), "one result per pair sent before, during and after the swap");
            results.forEach((id, copies) -> assertEquals(1, copies.size(), "exactly one result for " + id));
            results.forEach((id, copies) -> {
                String version = copies.get(0).getModelVersion();
                if (id.startsWith("p-before-")) {
                    assertEquals(v1, version, id);
                } else if (id.startsWith("p-after-")) {
                    assertEquals(v2, version, id);
                } else {
                    assertTrue(during.contains(id), "an unexpected pair " + id);
                    assertTrue(Set.of(v1, v2).contains(version), id + " " + version);
                }
            });
        }
        ModelCheckpoint announced = PipelineClients.announcement(endpoints, v2, WAIT);
        Path stored = new DirectoryCheckpointStore(store).open(v2).orElseThrow();
        assertEquals(v1, announced.getParentVersion());
        assertEquals(stored.toString(), announced.getLocation());
        assertEquals(Checkpoints.readManifest(stored).parametersSha256(), announced.getSha256());
        assertTrue(announced.getMetrics().keySet().containsAll(
                List.of("holdout_accuracy", "holdout_auc", "holdout_eer", "pairs_trained")), announced.toString());
        return v2;
    }

    private void aRestartResumesFromTheStoredPairsAndCountersAndWarmStartsFromThePromotedVersion(String v2)
            throws Exception {
        ContinuousOptions eager = options.withTrigger(30, Duration.ofMinutes(30));
        RecordingListener first = new RecordingListener();
        try (ContinuousTrainer trainer = new ContinuousTrainer(eager, first)) {
            TrainerState restored = trainer.state();
            assertEquals(400, restored.pairsSeen(), "counters persist");
            assertEquals(1, restored.promotions());
            assertEquals(v2, restored.servingVersion());
            assertTrue(trainer.servingDir().endsWith(v2), "warm start from the promoted version");
            first.onNextStep(trainer::stop); // a stop in the middle of training, like a crash between steps
            try (Background run = Background.run(trainer)) {
                publish(endpoints, images, "more", 60, 5, true);
                first.await(e -> e.startsWith("skipped-round stopped during training"), WAIT);
                run.join();
            }
            TrainerState cut = trainer.state();
            assertTrue(cut.pairsSeen() > 400 && cut.pairsSeen() <= 460, "only new pairs were consumed: " + cut);
            assertEquals(0, cut.duplicates(), "nothing consumed twice");
            assertEquals(restored.rounds(), cut.rounds(), "a round cut short does not count");
            assertTrue(cut.newLabels() >= 30, "and stays due: " + cut);
        }
        RecordingListener second = new RecordingListener();
        try (ContinuousTrainer trainer = new ContinuousTrainer(eager, second); Background run = Background.run(trainer)) {
            String round = second.await(e -> e.startsWith("round "), WAIT);
            assertTrue(round.contains("base=" + v2), round);
            second.await(e -> e.startsWith("promoted") || e.startsWith("rejected"), WAIT);
            assertTrue(second.lastServing.accuracy() > 0.75, "the base is the trained v2: " + second.lastServing);
            assertTrue(second.lastCandidate.accuracy() > 0.75, "fine-tuned from v2, not from scratch: "
                    + second.lastCandidate);
            if (trainer.state().pairsSeen() < 460) {
                second.await(e -> e.startsWith("ingested seen=460 "), WAIT);
            }
            assertEquals(460, trainer.state().pairsSeen(), "each pair consumed once over both restarts");
            assertEquals(0, trainer.state().duplicates(), "nothing re-consumed from the beginning");
            assertEquals(2, trainer.state().rounds());
        }
    }
}
