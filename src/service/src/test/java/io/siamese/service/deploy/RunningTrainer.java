package io.siamese.service.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.siamese.encoder.loss.LossKind;
import io.siamese.localstack.LocalStack;
import io.siamese.schemas.Endpoints;
import io.siamese.schemas.Image;
import io.siamese.schemas.ImagePair;
import io.siamese.schemas.LabelledPair;
import io.siamese.schemas.PipelineTopics;
import io.siamese.schemas.Topics;
import io.siamese.schemas.registry.RegistryConfig;
import io.siamese.schemas.serde.ConfluentAvroSerializer;
import io.siamese.service.it.TestCheckpoints;
import io.siamese.testing.SampleRecords;
import io.siamese.trainer.continuous.ContinuousOptions;
import io.siamese.trainer.continuous.ContinuousTrainer;
import io.siamese.trainer.continuous.HoldoutSplit;
import io.siamese.trainer.continuous.PromotionGate;
import io.siamese.trainer.continuous.TrainerListener;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A real continuous trainer, as {@code siamese trainer} builds it, consuming on its own thread and serving its
 * metrics on 127.0.0.1 and a free port, fed just enough labelled pairs for one cheap retraining round (a couple of
 * steps of the small test network), so that its loss and holdout gauges hold numbers rather than the NaN they start
 * with. Its gate cannot be met (an accuracy gain of 2), so the round ends in a rejection: nothing is stored or
 * announced on model-checkpoints, which the tests of this JVM share. {@link #close()} stops it.
 */
final class RunningTrainer implements AutoCloseable {

    /** Pairs of each label wanted in each slice (training, validation, holdout) of the split. */
    private static final int PER_LABEL_AND_SLICE = 3;
    /** A gain no accuracy can show: every candidate is rejected. */
    private static final PromotionGate NEVER = new PromotionGate(PromotionGate.Metric.ACCURACY, 2.0);

    private final ContinuousTrainer trainer;
    private final Thread thread;
    private final CountDownLatch round = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private RunningTrainer(ContinuousOptions options) {
        this.trainer = new ContinuousTrainer(options, new TrainerListener() {
            @Override
            public void rejected(String why) {
                round.countDown();
            }

            @Override
            public void promoted(String version, String parent, String location, String why) {
                round.countDown();
            }
        });
        this.thread = new Thread(() -> {
            try {
                trainer.run();
            } catch (Throwable e) {
                failure.set(e);
                round.countDown();
            }
        }, "prometheus-it-trainer");
    }

    /** Creates the trainer's topics, publishes its labelled pairs, and starts it in {@code dir}. */
    static RunningTrainer start(LocalStack stack, Path dir) {
        // As a deployment lays them out (the checkpoint topic compacted); topics that exist already stay as they are.
        stack.createTopics(PipelineTopics.all((short) 1).stream()
                .filter(t -> Set.of(Topics.LABELLED_PAIRS, Topics.MODEL_CHECKPOINTS).contains(t.name())).toList());
        Endpoints endpoints = new Endpoints(stack.bootstrapServers(), stack.registryUrl());
        Path model = dir.resolve("model");
        TestCheckpoints.write(model, 5, 0.5);
        ContinuousOptions defaults = ContinuousOptions.defaults(endpoints, dir.resolve("store"), dir.resolve("work"), model);
        long trainingLabels = publishLabelled(endpoints, defaults.split());
        ContinuousOptions options = defaults
                .withTrigger(trainingLabels, Duration.ofHours(1))
                .withTraining(LossKind.CONTRASTIVE, 1, 8, 1e-3f, 2)
                .withBounds(1000, 1000, 2, 1)
                .withGate(NEVER, "prometheus-it-" + UUID.randomUUID(), 0);
        RunningTrainer running = new RunningTrainer(options);
        running.thread.start();
        return running;
    }

    /**
     * Publishes labelled pairs until every slice of the split has {@link #PER_LABEL_AND_SLICE} of each label (the
     * split is by a hash of the pair id); returns how many went to the training store (training and validation
     * slices), the count that makes the round due.
     */
    private static long publishLabelled(Endpoints endpoints, HoldoutSplit split) {
        Map<String, Object> cfg = new HashMap<>();
        cfg.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.bootstrapServers());
        cfg.put(RegistryConfig.URL, endpoints.registryUrl());
        ConfluentAvroSerializer<LabelledPair> values = new ConfluentAvroSerializer<>();
        values.configure(cfg, false);
        Map<HoldoutSplit.Slice, Integer> perSlice = new EnumMap<>(HoldoutSplit.Slice.class);
        long trainingLabels = 0;
        String run = "labelled-" + UUID.randomUUID();
        try (KafkaProducer<String, LabelledPair> producer = new KafkaProducer<>(cfg, new StringSerializer(), values)) {
            for (int i = 0; perSlice.size() < 3 || perSlice.values().stream().anyMatch(n -> n < 2 * PER_LABEL_AND_SLICE); i++) {
                assertTrue(i < 1000, "the split put too few of 1000 pairs in some slice: " + perSlice);
                String id = run + "-" + i;
                HoldoutSplit.Slice slice = split.sliceOf(id);
                int n = perSlice.merge(slice, 1, Integer::sum);
                int label = n % 2; // alternate within each slice: both labels in every slice
                trainingLabels += slice == HoldoutSplit.Slice.HOLDOUT ? 0 : 1;
                producer.send(new ProducerRecord<>(Topics.LABELLED_PAIRS, id, LabelledPair.newBuilder()
                        .setPair(pair(id, i, label)).setLabel(label).setSource("PrometheusServerIT").build()));
            }
            producer.flush();
        }
        return trainingLabels;
    }

    private static ImagePair pair(String id, int i, int label) {
        byte[] left = SampleRecords.png(20, 20, i);
        byte[] right = label == 0 ? left : SampleRecords.png(20, 20, i + 1000);
        return ImagePair.newBuilder().setPairId(id)
                .setLeft(Image.newBuilder().setData(ByteBuffer.wrap(left)).setMediaType("image/png").build())
                .setRight(Image.newBuilder().setData(ByteBuffer.wrap(right)).setMediaType("image/png").build())
                .setMetadata(Map.of()).setEventTime(Instant.now()).build();
    }

    /** The port of the trainer's {@code /q/metrics} on 127.0.0.1. */
    int metricsPort() {
        return trainer.metricsPort();
    }

    /** Waits until the trainer has finished its round (rejected by the gate), failing on its failure. */
    void awaitRound(Duration wait) throws InterruptedException {
        boolean done = round.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (failure.get() != null) {
            throw new AssertionError("the trainer failed: " + failure.get(), failure.get());
        }
        assertTrue(done, "the trainer finished no round within " + wait + ": " + trainer.state());
    }

    /** Stops the trainer, waits for its thread, and stops serving its metrics. */
    @Override
    public void close() throws InterruptedException {
        try {
            trainer.stop();
            thread.join(Duration.ofMinutes(2).toMillis());
            if (thread.isAlive()) {
                fail("the trainer did not stop within 2 minutes");
            }
        } finally {
            trainer.close();
        }
    }
}
