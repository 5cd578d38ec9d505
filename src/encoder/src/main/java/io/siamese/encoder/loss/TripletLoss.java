package io.siamese.encoder.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.siamese.encoder.Distance;

/**
 * Triplet margin loss (Hoffer and Ailon's triplet network):
 * {@code mean(max(0, d(a, p) - d(a, n) + margin))}: the anchor must be closer to the positive
 * (same class) than to the negative (different class) by at least the margin.
 *
 * <p>Predictions are {@code [anchor, positive, negative]}, each {@code (N,D)}; labels are ignored.
 */
public final class TripletLoss extends MarginLoss {

    /** Default margin, as PyTorch's {@code TripletMarginLoss}. */
    public static final float DEFAULT_MARGIN = 1.0f;

    /**
     * @param margin the required gap between the anchor-negative and anchor-positive distances
     * @param distance the distance used for both
     */
    public TripletLoss(float margin, Distance distance) {
        super("TripletLoss", margin, distance);
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray positive = distance.compute(predictions.get(0), predictions.get(1));
        NDArray negative = distance.compute(predictions.get(0), predictions.get(2));
        return positive.sub(negative).add(margin).maximum(0f).mean();
    }
}
