package io.siamese.trainer.continuous;

import io.siamese.schemas.PipelineTopics;
import io.siamese.schemas.registry.ConfluentRegistryClient;
import io.siamese.schemas.registry.RegistryConfig;
import static io.siamese.trainer.continuous.PipelineClients.get;
import static io.siamese.trainer.continuous.PipelineClients.metric;
import static io.siamese.trainer.continuous.PipelineClients.publish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.siamese.encoder.Distance;
import io.siamese.encoder.checkpoint.Checkpoints;
import io.siamese.encoder.checkpoint.DirectoryCheckpointStore;
import io.siamese.encoder.data.SyntheticShapes;
import io.siamese.encoder.loss.LossKind;
import io.siamese.schemas.ModelCheckpoint;
import io.siamese.schemas.PairDissimilarity;
import io.siamese.schemas.Topics;
import io.siamese.schemas.serde.ConfluentAvroSerializer;
import io.siamese.localstack.LocalStack;
import io.siamese.localstack.ServiceProcessConfig;
import io.siamese.localstack.ServiceProcess;
import io.siamese.schemas.Endpoints;
import io.siamese.cli.publish.PairImages;
import io.siamese.cli.publish.PairPublisher;
import io.siamese.cli.publish.PublishOptions;
import io.siamese.cli.publish.PublishReport;
import io.siamese.trainer.train.PairTraining;
import io.siamese.trainer.train.PairTrainingConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The continuous trainer against a real broker, a real registry and the real service (one of each for the
 * class: starting them is the expensive part). The service starts on an untrained model; labelled pairs of
 * synthetic images flow in; the trainer must promote a better model that the service swaps in, resume after
 * restarts, and refuse a worse candidate.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContinuousTrainerIT {

    private static final Duration WAIT = Duration.ofSeconds(150);

    @TempDir
    static Path dir;

    private LocalStack stack;
    private ServiceProcess service;
    private Endpoints endpoints;
    private Path store;
    private PairImages images;
    private ContinuousOptions options;
    private String v1;
    private String v2;

    @BeforeAll
    void startPipeline() {
        stack = LocalStack.start(dir.resolve("stack"));
        stack.createTopics(PipelineTopics.all((short) 1));
        PipelineTopics.registerSchemas(new ConfluentRegistryClient(RegistryConfig.of(stack.registryUrl())));
        endpoints = new Endpoints(stack.bootstrapServers(), stack.registryUrl());
        store = dir.resolve("checkpoints");
        v1 = TestModels.untrained(dir.resolve("v1"), 5).version();
        new DirectoryCheckpointStore(store).put(dir.resolve("v1"));
        try (CheckpointAnnouncer announcer = new CheckpointAnnouncer(endpoints, new DirectoryCheckpointStore(store),
                dir.resolve("staging"))) {
            announcer.announce(v1);
        }
        service = ServiceProcess.start(ServiceProcessConfig.of(stack.bootstrapServers(), stack.registryUrl(),
                store.resolve(v1), dir.resolve("service")).withProperties(Map.of("siamese.checkpoints.store",
                store.toString(), "kafka-streams.session.timeout.ms", "10000")));
        images = new PairImages(new SyntheticShapes(4, 400, 11, TestModels.SPEC.preprocessing()));
        options = ContinuousOptions.defaults(endpoints, store, dir.resolve("trainer"), store.resolve(v1))
                .withTrigger(300, Duration.ofMinutes(30))
                .withTraining(LossKind.CONTRASTIVE, 3, 32, 2e-3f, 0)
                .withBounds(600, 200, 64, 10)
                .withGate(new PromotionGate(PromotionGate.Metric.ACCURACY, 0.05), "trainer-e2e", 0);
    }

    @AfterAll
    void stopPipeline() {
        try {
            if (service != null) {
                service.close();
            }
        } finally {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void promotesABetterModelThatTheServiceSwapsInWithoutLosingOrDoublingAPair() throws Exception {
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
                v2 = promoted.split(" ")[1];
                assertTrue(promoted.startsWith("promoted " + v2 + " parent=" + v1 + " holdout accuracy"), promoted);
                // Scoring goes on during the swap; the first result of the new version shows it is served.
                PipelineClients.readResults(reader, results, r -> r.values().stream().flatMap(List::stream)
                        .anyMatch(x -> x.getModelVersion().equals(v2)), WAIT);
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
    }

    @Test
    @Order(2)
    void aRestartResumesFromTheStoredPairsAndCountersAndWarmStartsFromThePromotedVersion() throws Exception {
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

    @Test
    @Order(3)
    void theGateRefusesAWorseCandidateAndSaysWhy() throws Exception {
        PairTrainingConfig config = new PairTrainingConfig(LossKind.CONTRASTIVE, Distance.EUCLIDEAN, 2.0f, 5, 32,
                2e-3f, 1, 0);
        // A deliberately bad candidate: the real fine-tuning, taught the opposite of every label.
        CandidateTrainer flipped = (model, pairs, listener, stop) ->
                new PairTraining(Device.cpu()).train(model, pairs.withLabelsFlipped(), config, listener, stop);
        ContinuousOptions gated = options.withWorkDir(dir.resolve("trainer-gate"))
                .withGate(new PromotionGate(PromotionGate.Metric.ACCURACY, 0.0), "trainer-gate", 0);
        List<String> before = new DirectoryCheckpointStore(store).versions();
        RecordingListener events = new RecordingListener();
        try (ContinuousTrainer trainer = new ContinuousTrainer(gated, events, flipped, System::currentTimeMillis);
             Background run = Background.run(trainer)) {
            String rejected = events.await(e -> e.startsWith("rejected"), WAIT);

            assertTrue(rejected.matches("rejected holdout accuracy 0\\.\\d+ vs serving [01]\\.\\d+: -0\\.\\d+ < \\+0\\.0000"
                    + " required .*"), rejected);
            assertEquals(before, new DirectoryCheckpointStore(store).versions(), "nothing was stored");
            String metrics = trainer.scrapeMetrics();
            assertEquals(Optional.of(1.0), metric(metrics, "siamese_trainer_rejections_total"), metrics);
            assertEquals(Optional.of(0.0), metric(metrics, "siamese_trainer_promotions_total"), metrics);
        }
    }
    @Test
    @Order(4)
    void anOperatorPinHoldsRoundsUntilItIsRemoved() throws Exception {
        // A fresh trainer in its own group: it reads every labelled pair so far, so a round is due at once.
        ContinuousOptions fresh = options.withWorkDir(dir.resolve("trainer-pin")).withTrigger(30, Duration.ofMinutes(30))
                .withGate(new PromotionGate(PromotionGate.Metric.ACCURACY, 0.05), "trainer-pin", 0);
        pin(v1);
        RecordingListener events = new RecordingListener();
        try (ContinuousTrainer trainer = new ContinuousTrainer(fresh, events); Background run = Background.run(trainer)) {
            publish(endpoints, images, "pinned", 40, 6, true);
            String waiting = events.await(e -> e.startsWith("skipped-round an operator pinned"), WAIT);
            assertTrue(waiting.contains("pinned " + v1 + " on " + Topics.MODEL_CHECKPOINTS), waiting);
            assertTrue(trainer.state().newLabels() >= 30, "the round is due: " + trainer.state());

            events.onNextStep(trainer::stop); // once the round trains, it has made its point
            pin(null); // the operator removes the pin (a tombstone)

            String round = events.await(e -> e.startsWith("round "), WAIT);
            assertTrue(round.startsWith("round 1 "), "no round ran while pinned: " + round);
            events.await(e -> e.startsWith("skipped-round stopped during training"), WAIT);
            run.join();
        }
    }

    /** Writes the operator's pin as the service's admin endpoint does; null unpins. */
    private void pin(String version) throws Exception {
        Map<String, Object> config = endpoints.producerConfig("test-pin");
        ConfluentAvroSerializer<ModelCheckpoint> values = new ConfluentAvroSerializer<>();
        values.configure(config, false);
        ModelCheckpoint value = version == null ? null : ModelCheckpoint.newBuilder().setVersion(version).setLocation("")
                .setSha256("").setArchitecture("").setThreshold(0).setMetrics(Map.of()).setCreatedAt(Instant.now()).build();
        try (KafkaProducer<String, ModelCheckpoint> producer = new KafkaProducer<>(config, new StringSerializer(), values)) {
            producer.send(new ProducerRecord<>(Topics.MODEL_CHECKPOINTS, Topics.PIN_KEY, value)).get();
        }
    }
}
