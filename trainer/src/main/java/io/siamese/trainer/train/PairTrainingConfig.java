package io.siamese.trainer.train;

import io.siamese.encoder.Distance;
import io.siamese.encoder.loss.LossKind;

/**
 * Settings of one {@link PairTraining} run (a fine-tuning round on explicit pairs).
 *
 * @param loss contrastive (the pairs as they are) or triplet (triplets formed from the pairs)
 * @param distance distance the loss uses; the warm-start model's
 * @param margin loss margin
 * @param epochs passes over the pairs
 * @param batchSize pairs per step (smaller when there are fewer pairs)
 * @param learningRate Adam learning rate
 * @param seed shuffling seed
 * @param maxSteps upper bound on optimiser steps over all epochs; 0 for none
 */
public record PairTrainingConfig(LossKind loss, Distance distance, float margin, int epochs, int batchSize,
        float learningRate, long seed, int maxSteps) {

    /** Validates ranges. */
    public PairTrainingConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 2) {
            throw new IllegalArgumentException("batch size must be >= 2 (BatchNorm needs a batch), got " + batchSize);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive");
        }
        if (maxSteps < 0) {
            throw new IllegalArgumentException("max steps must be >= 0 (0 = no limit), got " + maxSteps);
        }
    }
}
