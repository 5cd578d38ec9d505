package io.siamese.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;

/** One optimiser step on a batch that is already on the device; shared by offline and pair training. */
final class OptimizerStep {

    private OptimizerStep() {}

    /**
     * Forward, loss, backward and (when the loss is positive) an Adam update.
     *
     * @param trainer the DJL trainer
     * @param loss the loss the trainer was configured with
     * @param inputs one tensor per side, in the batch's scoped manager
     * @param labels per-example labels (0 same, 1 different; ignored by triplet loss)
     * @return the batch's loss
     */
    static double apply(Trainer trainer, Loss loss, NDList inputs, NDArray labels) {
        double value;
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDList predictions = trainer.forward(inputs);
            NDArray l = loss.evaluate(new NDList(labels), predictions);
            collector.backward(l);
            value = l.getFloat();
        }
        // A batch whose loss is exactly 0 (every triplet already beyond the margin) carries no
        // gradient; DJL rejects an all-zero first step, and skipping it changes nothing else.
        if (value > 0) {
            trainer.step();
        }
        return value;
    }
}
