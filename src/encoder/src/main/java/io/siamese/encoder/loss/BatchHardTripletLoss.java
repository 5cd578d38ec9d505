package io.siamese.encoder.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.siamese.encoder.Distance;

/**
 * Triplet loss on each anchor's hardest positive and hardest negative within the batch
 * ({@link BatchHardest}): {@code mean(max(0, d(a, p*) - d(a, n*) + margin))}.
 *
 * <p>Predictions are {@code [embeddings (N, D)]} of one batch; labels are {@code [class (N)]}.
 * A batch should hold several images of each of several classes (a P x K batch).
 */
public final class BatchHardTripletLoss extends MarginLoss {

    /**
     * @param margin the required gap between the hardest negative and the hardest positive
     * @param distance the distance used for both
     */
    public BatchHardTripletLoss(float margin, Distance distance) {
        super("BatchHardTripletLoss", margin, distance);
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        BatchHardest hardest = BatchHardest.of(predictions.singletonOrThrow(), labels.singletonOrThrow(), distance);
        return hardest.positive().sub(hardest.negative()).add(margin).maximum(0f).mean();
    }
}
