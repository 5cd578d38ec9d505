package io.siamese.trainer.train;

import io.siamese.encoder.checkpoint.Manifest;
import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a training run: per-epoch figures, and the two checkpoints written.
 *
 * @param epochs one entry per epoch run
 * @param best the best checkpoint (lowest validation EER)
 * @param bestManifest its manifest
 * @param last the final checkpoint
 * @param lastManifest its manifest
 * @param lossCurve the loss-curve PNG
 * @param seconds total training seconds
 */
public record SiameseTrainingResult(
        List<EpochResult> epochs,
        Path best,
        Manifest bestManifest,
        Path last,
        Manifest lastManifest,
        Path lossCurve,
        double seconds) {

    /** Training loss of the first epoch. */
    public double firstLoss() {
        return epochs.get(0).trainLoss();
    }

    /** Training loss of the last epoch. */
    public double lastLoss() {
        return epochs.get(epochs.size() - 1).trainLoss();
    }
}
