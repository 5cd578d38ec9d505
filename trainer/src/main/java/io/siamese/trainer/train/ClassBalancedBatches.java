package io.siamese.trainer.train;

import io.siamese.encoder.data.ClassIndex;
import io.siamese.encoder.data.LabelledImages;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Draws P x K batches for batch-hard mining: P classes, K images of each, so every image in the
 * batch has positives and negatives to mine. K is at least 4 (as in Hermans et al.) and P as large
 * as the batch allows; with few classes (Fashion-MNIST's 10) every class is in every batch and K
 * grows instead. Images of a class are drawn without repetition unless the class holds fewer than K.
 */
final class ClassBalancedBatches {

    private static final int MIN_PER_CLASS = 4;

    private final ClassIndex index;
    private final int[] eligible;
    private final int classes;
    private final int perClass;
    private final SplittableRandom random;

    /**
     * @param data training images
     * @param images images per batch (upper bound; the batch is P x K of it)
     * @param seed seeds the draws
     * @throws IllegalArgumentException if fewer than 2 classes hold 2 or more images
     */
    ClassBalancedBatches(LabelledImages data, int images, long seed) {
        this.index = ClassIndex.of(data);
        this.eligible = IntStream.range(0, index.numClasses()).filter(c -> index.count(c) >= 2).toArray();
        if (eligible.length < 2) {
            throw new IllegalArgumentException("batch-hard mining needs 2 classes with at least 2 images each; "
                    + eligible.length + " have");
        }
        this.classes = Math.max(2, Math.min(eligible.length, images / MIN_PER_CLASS));
        this.perClass = Math.max(2, images / classes);
        this.random = new SplittableRandom(seed);
    }

    /** Images per batch: P x K. */
    int batchSize() {
        return classes * perClass;
    }

    /**
     * @param labels receives each image's class, {@link #batchSize()} long
     * @return image indices, {@link #batchSize()} long, class by class
     */
    int[] next(float[] labels) {
        int[] chosen = pick(eligible, classes);
        int[] batch = new int[batchSize()];
        for (int p = 0; p < classes; p++) {
            int[] members = index.indicesOf(chosen[p]);
            int[] drawn = members.length >= perClass ? pick(members, perClass) : withRepetition(members);
            for (int k = 0; k < perClass; k++) {
                batch[p * perClass + k] = drawn[k];
                labels[p * perClass + k] = chosen[p];
            }
        }
        return batch;
    }

    /** {@code n} distinct values from {@code values}: a partial Fisher-Yates shuffle of a copy. */
    private int[] pick(int[] values, int n) {
        int[] copy = values.clone();
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(copy.length - i);
            int swap = copy[i];
            copy[i] = copy[j];
            copy[j] = swap;
        }
        return Arrays.copyOf(copy, n);
    }

    private int[] withRepetition(int[] members) {
        int[] out = pick(members, members.length);
        out = Arrays.copyOf(out, perClass);
        for (int k = members.length; k < perClass; k++) {
            out[k] = members[random.nextInt(members.length)];
        }
        return out;
    }
}
