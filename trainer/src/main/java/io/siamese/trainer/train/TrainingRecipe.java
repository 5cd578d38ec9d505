package io.siamese.trainer.train;

import io.siamese.encoder.loss.Mining;

/**
 * How training draws and changes its examples and moves its learning rate, beyond the seed's
 * settings in {@link SiameseTrainingConfig}. {@link #SEED} is the seed's recipe: random pairs, no
 * augmentation, a fixed rate.
 *
 * @param mining random examples, or batch-hard mining from P x K batches
 * @param augmentation random changes to each training image
 * @param warmupFraction share of the run spent warming the rate up
 * @param cosine whether the rate decays to zero along a half cosine after the warm-up
 */
public record TrainingRecipe(Mining mining, Augmentation augmentation, double warmupFraction, boolean cosine) {

    /** The seed's: random pairs, no augmentation, a fixed learning rate. */
    public static final TrainingRecipe SEED = new TrainingRecipe(Mining.NONE, Augmentation.NONE, 0, false);

    /** The learning-rate schedule this recipe gives a peak rate. */
    public LearningRateSchedule schedule(float peak) {
        return new LearningRateSchedule(peak, warmupFraction, cosine);
    }

    /** One line for logs and manifests. */
    public String describe(float peak) {
        return "mining " + mining.id() + ", augment " + augmentation.id() + ", " + schedule(peak).describe();
    }
}
