package io.siamese.trainer.train;

import io.siamese.encoder.Distance;
import io.siamese.encoder.loss.LossKind;
import io.siamese.encoder.model.ModelSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One training run's settings. Defaults ({@link #defaults}) are the seed's: Adam, learning rate
 * 5e-4, batch 64, contrastive loss with margin 2.0, euclidean distance, random pairs, no
 * augmentation, a fixed rate ({@link TrainingRecipe#SEED}).
 *
 * @param spec network to build (ignored when resuming: the checkpoint's spec is used)
 * @param loss training objective
 * @param distance distance the loss and the threshold use
 * @param margin loss margin
 * @param epochs epochs to run, 0 for no epoch cap; one epoch is as many pairs as there are training images
 * @param batchSize pairs (or triplets) per step
 * @param learningRate Adam learning rate (the peak, when the recipe schedules it)
 * @param seed seeds weights, sampling and the validation split
 * @param validationPairs pairs (balanced) used for validation loss and threshold calibration
 * @param maxDuration stop after this much training time (the current epoch is cut short)
 * @param out directory receiving {@code best/}, {@code final/} and {@code loss.png}
 * @param resume checkpoint to warm-start from
 * @param recipe mining, augmentation and learning-rate schedule
 * @param maxSteps stop after this many optimiser steps, 0 for no step cap
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
        Optional<Path> resume,
        TrainingRecipe recipe,
        long maxSteps) {

    /** The seed's settings for a given network. */
    public static SiameseTrainingConfig defaults(ModelSpec spec, Path out) {
        return new SiameseTrainingConfig(spec, LossKind.CONTRASTIVE, Distance.EUCLIDEAN, LossKind.CONTRASTIVE.defaultMargin(),
                10, 64, 5e-4f, 42, 2000, Optional.empty(), out, Optional.empty());
    }

    /** Settings with the seed's recipe and no step cap. */
    public SiameseTrainingConfig(ModelSpec spec, LossKind loss, Distance distance, float margin, int epochs,
            int batchSize, float learningRate, long seed, int validationPairs, Optional<Duration> maxDuration,
            Path out, Optional<Path> resume) {
        this(spec, loss, distance, margin, epochs, batchSize, learningRate, seed, validationPairs, maxDuration, out,
                resume, TrainingRecipe.SEED, 0);
    }

    /** Validates ranges. */
    public SiameseTrainingConfig {
        if (epochs < 0 || maxSteps < 0) {
            throw new IllegalArgumentException("epochs and steps must be >= 0 (0: no cap)");
        }
        if (epochs == 0 && maxSteps == 0 && maxDuration.isEmpty()) {
            throw new IllegalArgumentException("training needs an end: a time budget, epochs or steps");
        }
        if (recipe.mining() != io.siamese.encoder.loss.Mining.NONE && spec.mode() != io.siamese.encoder.model.Mode.SIAMESE) {
            throw new IllegalArgumentException("batch-hard mining compares images of one batch through one tower:"
                    + " it needs shared weights (mode siamese), not " + spec.mode().id());
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
}
