package io.siamese.trainer.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.siamese.encoder.data.LabelledImages;
import io.siamese.encoder.loss.LossKind;
import io.siamese.encoder.loss.Mining;
import java.util.SplittableRandom;

/**
 * Builds each training step's tensors the way the recipe asks: random pairs or triplets (one tensor
 * per side, the seed's way), or one P x K batch for batch-hard mining (one tensor, labels are the
 * classes). A mined batch holds about twice as many images as pairs in a random batch, so one step
 * costs about the same either way and epochs compare.
 */
final class TrainingBatches {

    private final LabelledImages data;
    private final int inputSize;
    private final int batchSize;
    private final int arity;
    private final Augmentation augmentation;
    private final SplittableRandom random;
    private final ExampleSource examples;
    private final ClassBalancedBatches mined;

    /**
     * @param data training images
     * @param loss the objective (its arity for random examples)
     * @param recipe mining and augmentation
     * @param batchSize pairs (or triplets) per random batch
     * @param inputSize square model input size
     * @param seed seeds the draws and the augmentation
     */
    TrainingBatches(LabelledImages data, LossKind loss, TrainingRecipe recipe, int batchSize, int inputSize, long seed) {
        this.data = data;
        this.inputSize = inputSize;
        this.batchSize = batchSize;
        this.arity = loss.arity();
        this.augmentation = recipe.augmentation();
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        boolean mine = recipe.mining() == Mining.BATCH_HARD;
        this.examples = mine ? null : new ExampleSource(loss, data, seed);
        this.mined = mine ? new ClassBalancedBatches(data, 2 * batchSize, seed) : null;
    }

    /** Examples per step: pairs or triplets, or anchors of a mined batch. */
    int examplesPerStep() {
        return mined != null ? mined.batchSize() : batchSize;
    }

    /**
     * The next step's inputs and labels, created in {@code scope}.
     *
     * @return the inputs and the labels
     */
    Step next(NDManager scope) {
        if (mined != null) {
            float[] classes = new float[mined.batchSize()];
            int[][] indices = {mined.next(classes)};
            return new Step(BatchTensors.of(scope, data, indices, inputSize, augmentation, random), scope.create(classes));
        }
        int[][] indices = new int[arity][batchSize];
        float[] labels = new float[batchSize];
        examples.next(indices, labels);
        return new Step(BatchTensors.of(scope, data, indices, inputSize, augmentation, random), scope.create(labels));
    }

    /** One step's tensors: the network's inputs and the loss's labels. */
    record Step(NDList inputs, ai.djl.ndarray.NDArray labels) {}
}
