package io.siamese.trainer.train;

/** Progress callbacks from a training run (console progress bars, metrics). */
public interface SiameseTrainingListener {

    /** A listener that ignores everything. */
    SiameseTrainingListener NONE = new SiameseTrainingListener() {};

    /** An epoch starts; it will run {@code steps} optimiser steps. */
    default void onEpochStart(int epoch, int epochs, int steps) {}

    /** One optimiser step finished, with its batch's loss. */
    default void onStep(int epoch, int step, int examples, double loss) {}

    /** An epoch finished and was validated. */
    default void onEpochEnd(EpochResult result) {}
}
