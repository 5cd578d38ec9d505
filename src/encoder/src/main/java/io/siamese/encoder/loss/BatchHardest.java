package io.siamese.encoder.loss;

import ai.djl.ndarray.NDArray;
import io.siamese.encoder.Distance;

/**
 * For every anchor of a batch of class-labelled embeddings, its hardest positive (the farthest image
 * of its own class) and its hardest negative (the nearest image of another class): Hermans, Beyer and
 * Leibe's batch-hard mining. One forward pass of {@code N} images yields {@code N} hard pairs of each
 * kind, instead of {@code N / 2} random pairs from two passes.
 *
 * @param positive {@code (N)} hardest-positive distances; 0 for an anchor alone in its class
 * @param negative {@code (N)} hardest-negative distances; very large for a batch of one class
 */
record BatchHardest(NDArray positive, NDArray negative) {

    /** Added to same-class distances so that they never win the search for the nearest negative. */
    private static final float EXCLUDED = 1e6f;

    /**
     * @param embeddings {@code (N, D)}
     * @param classes {@code (N)} class labels (any numeric type)
     * @param distance the distance the loss is computed on
     */
    static BatchHardest of(NDArray embeddings, NDArray classes, Distance distance) {
        NDArray d = distance.pairwise(embeddings);
        NDArray labels = classes.toType(d.getDataType(), false).reshape(-1, 1);
        NDArray sameClass = labels.eq(labels.transpose()).toType(d.getDataType(), false);
        // The diagonal (an image with itself) is neither a positive nor a negative. Masks multiply
        // the distances, so an excluded entry passes no gradient back.
        NDArray self = d.getManager().eye((int) d.getShape().get(0)).toType(d.getDataType(), false);
        NDArray positives = sameClass.sub(self);
        NDArray hardestPositive = d.mul(positives).max(new int[] {1});
        NDArray hardestNegative = d.add(sameClass.mul(EXCLUDED)).min(new int[] {1});
        return new BatchHardest(hardestPositive, hardestNegative);
    }
}
