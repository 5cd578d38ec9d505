package io.siamese.encoder.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.siamese.encoder.Distance;

/**
 * Contrastive loss on each anchor's hardest pairs within the batch ({@link BatchHardest}):
 * {@code mean(d(a, p*)^2 + max(0, margin - d(a, n*))^2)}, the seed's loss with a same-class term
 * for the farthest positive and a different-class term for the nearest negative.
 *
 * <p>Predictions are {@code [embeddings (N, D)]} of one batch; labels are {@code [class (N)]}.
 * A batch should hold several images of each of several classes (a P x K batch).
 */
public final class BatchHardContrastiveLoss extends MarginLoss {

    /**
     * @param margin how far apart different-class images are pushed before they stop contributing
     * @param distance the distance the loss is computed on
     */
    public BatchHardContrastiveLoss(float margin, Distance distance) {
        super("BatchHardContrastiveLoss", margin, distance);
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        BatchHardest hardest = BatchHardest.of(predictions.singletonOrThrow(), labels.singletonOrThrow(), distance);
        NDArray pull = hardest.positive().square();
        NDArray push = hardest.negative().neg().add(margin).maximum(0f).square();
        return pull.add(push).mean();
    }
}
