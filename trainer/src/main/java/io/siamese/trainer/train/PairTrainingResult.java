package io.siamese.trainer.train;

/**
 * What a {@link PairTraining} run did.
 *
 * @param steps optimiser steps taken
 * @param examples pairs (or triplets) trained on, counting repeats over epochs
 * @param firstLoss mean loss of the first epoch
 * @param lastLoss mean loss of the last epoch run
 * @param stopped whether the run was cut short by a stop request
 * @param seconds wall-clock seconds
 */
public record PairTrainingResult(int steps, long examples, double firstLoss, double lastLoss, boolean stopped,
        double seconds) {}
