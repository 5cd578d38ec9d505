package io.siamese.trainer.train;

import io.siamese.encoder.Distance;
import io.siamese.encoder.loss.LossKind;
import io.siamese.encoder.model.ModelSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One training run's settings. Defaults ({@link #defaults}) are the seed's: Adam, learning rate
 * 5e-4, batch 64, contrastive loss with margin 2.0, euclidean distance.
 *
 * @param spec network to build (ignored when resuming: the checkpoint's spec is used)
 * @param loss training objective
 * @param distance distance the loss and the threshold use
 * @param margin loss margin
 * @param epochs epochs to run; one epoch is as many pairs as there are training images
 * @param batchSize pairs (or triplets) per step
 * @param learningRate Adam learning rate
 * @param seed seeds weights, sampling and the validation split
 * @param validationPairs pairs (balanced) used for validation loss and threshold calibration
 * @param maxDuration stop after this much training time (the current epoch is cut short)
 * @param out directory receiving {@code best/}, {@code final/} and {@code loss.png}
 * @param resume checkpoint to warm-start from
 */
public record SiameseTrainingConfig(
        ModelSpec spec,
        LossKind loss,
        Distance distance,
        float margin,
        int epochs,
        int batchSize,
        float learningRate,
        long seed,
        int validationPairs,
        Optional<Duration> maxDuration,
        Path out,
        Optional<Path> resume) {

    /** The seed's settings for a given network. */
    public static SiameseTrainingConfig defaults(ModelSpec spec, Path out) {
        return new SiameseTrainingConfig(spec, LossKind.CONTRASTIVE, Distance.EUCLIDEAN, LossKind.CONTRASTIVE.defaultMargin(),
                10, 64, 5e-4f, 42, 2000, Optional.empty(), out, Optional.empty());
    }

    /** Validates ranges. */
    public SiameseTrainingConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1");
        }
        if (batchSize < 2) {
            throw new IllegalArgumentException("batch size must be >= 2 (BatchNorm needs a batch)");
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive");
        }
        if (validationPairs < 20) {
            throw new IllegalArgumentException("validation needs at least 20 pairs");
        }
    }

    /** A copy with another epoch count. */
    public SiameseTrainingConfig withEpochs(int n) {
        return new SiameseTrainingConfig(spec, loss, distance, margin, n, batchSize, learningRate, seed,
                validationPairs, maxDuration, out, resume);
    }
}
