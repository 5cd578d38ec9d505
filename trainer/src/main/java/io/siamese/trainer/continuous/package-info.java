/**
 * Continuous training from the {@code labelled-pairs} stream: a bounded, class-balanced pair store on disk, a
 * fixed holdout slice, retraining rounds triggered by label count or time, a promotion gate comparing the
 * candidate with the serving model on the holdout, and promotion through the checkpoint store and the
 * {@code model-checkpoints} topic. {@link io.siamese.trainer.continuous.ContinuousTrainer} ties them together.
 */
package io.siamese.trainer.continuous;
