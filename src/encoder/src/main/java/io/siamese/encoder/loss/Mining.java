package io.siamese.encoder.loss;

import ai.djl.training.loss.Loss;
import io.siamese.encoder.Distance;
import java.util.Locale;

/** How training examples are chosen: drawn at random, or mined from a class-balanced batch. */
public enum Mining {
    /** The seed's way: random pairs (or triplets), each side encoded separately. */
    NONE,
    /** One P x K batch of images encoded once; each image's hardest positive and negative are used. */
    BATCH_HARD;

    /**
     * The training loss for this kind of mining.
     *
     * @param kind contrastive or triplet
     * @param margin the loss margin
     * @param distance the distance the loss uses
     */
    public Loss trainingLoss(LossKind kind, float margin, Distance distance) {
        if (this == NONE) {
            return kind.create(margin, distance);
        }
        return kind == LossKind.CONTRASTIVE
                ? new BatchHardContrastiveLoss(margin, distance)
                : new BatchHardTripletLoss(margin, distance);
    }

    /** The lower-case name used on the command line and in manifests. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@code none} or {@code batch-hard}. */
    public static Mining parse(String name) {
        for (Mining m : values()) {
            if (m.id().equalsIgnoreCase(name.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown mining '" + name + "'; known: none, batch-hard");
    }
}
