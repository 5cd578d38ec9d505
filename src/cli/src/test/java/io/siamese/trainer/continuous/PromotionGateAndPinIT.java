package io.siamese.trainer.continuous;

import static io.siamese.trainer.continuous.PipelineClients.get;
import static io.siamese.trainer.continuous.PipelineClients.metric;
import static io.siamese.trainer.continuous.PipelineClients.publish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.siamese.encoder.Distance;
import io.siamese.encoder.checkpoint.DirectoryCheckpointStore;
import io.siamese.encoder.loss.LossKind;
import io.siamese.schemas.ModelCheckpoint;
import io.siamese.schemas.Topics;
import io.siamese.schemas.serde.ConfluentAvroSerializer;
import io.siamese.trainer.train.PairTraining;
import io.siamese.trainer.train.PairTrainingConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The continuous trainer's refusals against a real broker and registry of their own (no service: nothing here
 * is scored): the gate refuses a worse candidate, and an operator's pin holds rounds until it is removed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PromotionGateAndPinIT {

    private static final Duration WAIT = Duration.ofSeconds(150);

    @TempDir
    static Path dir;

    private TrainerPipeline pipeline;

    @BeforeAll
    void startPipeline() {
        pipeline = TrainerPipeline.start(dir);
    }

    @AfterAll
    void stopPipeline() {
        pipeline.close();
    }

    @Test
    void theGateRefusesAWorseCandidateAndSaysWhy() throws Exception {
        PairTrainingConfig config = new PairTrainingConfig(LossKind.CONTRASTIVE, Distance.EUCLIDEAN, 2.0f, 5, 32,
                2e-3f, 1, 0);
        // A deliberately bad candidate: the real fine-tuning, taught the opposite of every label.
        CandidateTrainer flipped = (model, pairs, listener, stop) ->
                new PairTraining(Device.cpu()).train(model, pairs.withLabelsFlipped(), config, listener, stop);
        // Gated on AUC: at a fixed threshold both the untrained serving model and the flipped candidate score
        // near chance on a holdout of about 50 pairs, so accuracy cannot tell them apart; their rankings can.
        ContinuousOptions gated = pipeline.options().withWorkDir(dir.resolve("trainer-gate"))
                .withGate(new PromotionGate(PromotionGate.Metric.AUC, 0.0), "trainer-gate", 0);
        List<String> before = new DirectoryCheckpointStore(pipeline.store()).versions();
        RecordingListener events = new RecordingListener();
        try (ContinuousTrainer trainer = new ContinuousTrainer(gated, events, flipped, System::currentTimeMillis);
             Background run = Background.run(trainer)) {
            // Its own labels, whatever the other test of this class published before: 400 pairs put about 320
            // in training (the round is due at 300) and about 40 in the holdout (10 of each label needed).
            publish(pipeline.endpoints(), pipeline.images(), "gate", 400, 7, true);
            String rejected = events.await(e -> e.startsWith("rejected"), WAIT);

            assertTrue(rejected.matches("rejected holdout auc 0\\.\\d+ vs serving [01]\\.\\d+: -0\\.\\d+ < \\+0\\.0000"
                    + " required .*"), rejected);
            assertEquals(before, new DirectoryCheckpointStore(pipeline.store()).versions(), "nothing was stored");
            String metrics = trainer.scrapeMetrics();
            assertEquals(Optional.of(1.0), metric(metrics, "siamese_trainer_rejections_total"), metrics);
            assertEquals(Optional.of(0.0), metric(metrics, "siamese_trainer_promotions_total"), metrics);
        }
    }
    @Test
    void anOperatorPinHoldsRoundsUntilItIsRemoved() throws Exception {
        // A fresh trainer in its own group, held by the pin from the start.
        ContinuousOptions fresh = pipeline.options().withWorkDir(dir.resolve("trainer-pin"))
                .withTrigger(30, Duration.ofMinutes(30))
                .withGate(new PromotionGate(PromotionGate.Metric.ACCURACY, 0.05), "trainer-pin", 0);
        pin(pipeline.v1());
        try {
            RecordingListener events = new RecordingListener();
            try (ContinuousTrainer trainer = new ContinuousTrainer(fresh, events);
                 Background run = Background.run(trainer)) {
                // Enough for a round that runs once unpinned: 64 training pairs, 10 holdout pairs of each label.
                publish(pipeline.endpoints(), pipeline.images(), "pinned", 400, 6, true);
                String waiting = events.await(e -> e.startsWith("skipped-round an operator pinned"), WAIT);
                assertTrue(waiting.contains("pinned " + pipeline.v1() + " on " + Topics.MODEL_CHECKPOINTS),
                        waiting);
                assertTrue(trainer.state().newLabels() >= 30, "the round is due: " + trainer.state());

                events.onNextStep(trainer::stop); // once the round trains, it has made its point
                pin(null); // the operator removes the pin (a tombstone)

                String round = events.await(e -> e.startsWith("round "), WAIT);
                assertTrue(round.startsWith("round 1 "), "no round ran while pinned: " + round);
                events.await(e -> e.startsWith("skipped-round stopped during training"), WAIT);
                run.join();
            }
        } finally {
            pin(null); // never leave the other test of this class held by a pin
        }
    }

    /** Writes the operator's pin as the service's admin endpoint does; null unpins. */
    private void pin(String version) throws Exception {
        Map<String, Object> config = pipeline.endpoints().producerConfig("test-pin");
        ConfluentAvroSerializer<ModelCheckpoint> values = new ConfluentAvroSerializer<>();
        values.configure(config, false);
        ModelCheckpoint value = version == null ? null : ModelCheckpoint.newBuilder().setVersion(version).setLocation("")
                .setSha256("").setArchitecture("").setThreshold(0).setMetrics(Map.of()).setCreatedAt(Instant.now()).build();
        try (KafkaProducer<String, ModelCheckpoint> producer = new KafkaProducer<>(config, new StringSerializer(), values)) {
            producer.send(new ProducerRecord<>(Topics.MODEL_CHECKPOINTS, Topics.PIN_KEY, value)).get();
        }
    }
}
