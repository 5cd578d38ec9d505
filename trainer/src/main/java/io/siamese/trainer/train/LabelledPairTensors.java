package io.siamese.trainer.train;

import io.siamese.encoder.data.Pair;
import java.util.Arrays;

/**
 * Explicitly labelled pairs as preprocessed images (what a stream of labels gives: no classes, only
 * "same" or "different" per pair). Images are {@code inputSize * inputSize} floats in [0,1], made by
 * the model's {@link io.siamese.encoder.image.Preprocessing}.
 *
 * @param left left images
 * @param right right images
 * @param labels {@link Pair#SAME} (0) or {@link Pair#DIFFERENT} (1) per pair
 */
public record LabelledPairTensors(float[][] left, float[][] right, int[] labels) {

    /** Validates that the three arrays line up and labels are 0 or 1. */
    public LabelledPairTensors {
        if (left.length != right.length || left.length != labels.length) {
            throw new IllegalArgumentException("pair arrays differ in length: " + left.length + ", "
                    + right.length + ", " + labels.length);
        }
        for (int label : labels) {
            if (label != Pair.SAME && label != Pair.DIFFERENT) {
                throw new IllegalArgumentException("pair label must be 0 or 1, got " + label);
            }
        }
    }

    /** Number of pairs. */
    public int size() {
        return labels.length;
    }

    /** Number of pairs labelled same. */
    public int sameCount() {
        return (int) Arrays.stream(labels).filter(l -> l == Pair.SAME).count();
    }

    /** Number of pairs labelled different. */
    public int differentCount() {
        return size() - sameCount();
    }

    /** Whether both labels occur (needed for calibration, AUC and EER). */
    public boolean hasBothLabels() {
        return sameCount() > 0 && differentCount() > 0;
    }

    /** The same images with every label inverted (tests build deliberately bad candidates with it). */
    public LabelledPairTensors withLabelsFlipped() {
        int[] flipped = new int[labels.length];
        for (int i = 0; i < flipped.length; i++) {
            flipped[i] = 1 - labels[i];
        }
        return new LabelledPairTensors(left, right, flipped);
    }
}
