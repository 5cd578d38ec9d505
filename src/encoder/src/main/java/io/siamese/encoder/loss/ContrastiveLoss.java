package io.siamese.encoder.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.siamese.encoder.Distance;

/**
 * Hadsell, Chopra and LeCun's contrastive loss, as in the seed:
 * {@code mean((1 - Y) d^2 + Y max(0, margin - d)^2)} where {@code d} is the distance between the
 * two embeddings and {@code Y = 0} for a same-class pair, {@code 1} for a different-class pair.
 *
 * <p>Predictions are {@code [left (N,D), right (N,D)]}; labels are {@code [Y (N)]}.
 */
public final class ContrastiveLoss extends MarginLoss {

    /** The seed's margin. */
    public static final float DEFAULT_MARGIN = 2.0f;

    /** Contrastive loss with the seed's margin and euclidean distance. */
    public ContrastiveLoss() {
        this(DEFAULT_MARGIN, Distance.EUCLIDEAN);
    }

    /**
     * @param margin how far apart different-class pairs are pushed before they stop contributing
     * @param distance the distance the loss is computed on
     */
    public ContrastiveLoss(float margin, Distance distance) {
        super("ContrastiveLoss", margin, distance);
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray d = distance.compute(predictions.get(0), predictions.get(1));
        NDArray y = labels.singletonOrThrow().toType(d.getDataType(), false).reshape(d.getShape());
        NDArray same = y.neg().add(1f).mul(d.square());
        NDArray different = y.mul(d.neg().add(margin).maximum(0f).square());
        return same.add(different).mean();
    }
}
