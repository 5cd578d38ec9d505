package io.siamese.trainer.continuous;

import io.siamese.cli.publish.PairImages;
import io.siamese.encoder.checkpoint.DirectoryCheckpointStore;
import io.siamese.encoder.data.SyntheticShapes;
import io.siamese.encoder.loss.LossKind;
import io.siamese.localstack.LocalStack;
import io.siamese.schemas.Endpoints;
import io.siamese.schemas.PipelineTopics;
import io.siamese.schemas.registry.ConfluentRegistryClient;
import io.siamese.schemas.registry.RegistryConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a continuous-trainer test starts from: a broker and registry of its own (the trainer's consumer groups read
 * every labelled pair on the topic, so classes must not share one) with the pipeline's topics and schemas, a
 * checkpoint store holding an untrained, announced {@code v1}, synthetic labelled images and small-round options.
 *
 * @param stack     the broker and registry
 * @param endpoints where they are
 * @param store     the checkpoint store
 * @param v1        the untrained version in the store
 * @param images    synthetic images in the model's preprocessing
 * @param options   trainer options: rounds every 300 labels, 3 epochs, a 0.05 accuracy gate
 */
record TrainerPipeline(LocalStack stack, Endpoints endpoints, Path store, String v1, PairImages images,
                       ContinuousOptions options) implements AutoCloseable {

    /** Starts the stack in {@code dir/stack} and prepares the store in {@code dir/checkpoints}. */
    static TrainerPipeline start(Path dir) {
        LocalStack stack = LocalStack.start(dir.resolve("stack"));
        try {
            stack.createTopics(PipelineTopics.all((short) 1));
            PipelineTopics.registerSchemas(new ConfluentRegistryClient(RegistryConfig.of(stack.registryUrl())));
            Endpoints endpoints = new Endpoints(stack.bootstrapServers(), stack.registryUrl());
            Path store = dir.resolve("checkpoints");
            String v1 = TestModels.untrained(dir.resolve("v1"), 5).version();
            new DirectoryCheckpointStore(store).put(dir.resolve("v1"));
            try (CheckpointAnnouncer announcer = new CheckpointAnnouncer(endpoints,
                    new DirectoryCheckpointStore(store), dir.resolve("staging"))) {
                announcer.announce(v1);
            }
            PairImages images = new PairImages(new SyntheticShapes(4, 400, 11, TestModels.SPEC.preprocessing()));
            ContinuousOptions options = ContinuousOptions.defaults(endpoints, store, dir.resolve("trainer"),
                            store.resolve(v1))
                    .withTrigger(300, Duration.ofMinutes(30))
                    .withTraining(LossKind.CONTRASTIVE, 3, 32, 2e-3f, 0)
                    .withBounds(600, 200, 64, 10)
                    .withGate(new PromotionGate(PromotionGate.Metric.ACCURACY, 0.05), "trainer-e2e", 0);
            return new TrainerPipeline(stack, endpoints, store, v1, images, options);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** Stops the broker and registry. */
    @Override
    public void close() {
        stack.close();
    }
}
