package io.siamese.trainer.train;

/**
 * What one epoch achieved.
 *
 * @param epoch 1-based epoch number
 * @param trainLoss mean training loss over the epoch's steps
 * @param validationLoss loss on the fixed validation pairs, inference mode
 * @param validationAccuracy accuracy at the threshold calibrated on the validation pairs
 * @param validationAuc ROC AUC on the validation pairs
 * @param validationEer equal error rate on the validation pairs (what picks the best epoch)
 * @param threshold the calibrated threshold
 * @param improved whether this epoch is the best so far (and was saved as {@code best})
 * @param examples pairs or triplets trained on in this epoch
 * @param seconds wall-clock seconds the epoch's training took
 */
public record EpochResult(
        int epoch,
        double trainLoss,
        double validationLoss,
        double validationAccuracy,
        double validationAuc,
        double validationEer,
        double threshold,
        boolean improved,
        long examples,
        double seconds) {}
