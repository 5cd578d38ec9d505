package io.siamese.trainer.continuous;

import io.siamese.encoder.model.SiameseModel;
import io.siamese.trainer.train.LabelledPairTensors;
import io.siamese.trainer.train.PairTraining;
import io.siamese.trainer.train.PairTrainingConfig;
import io.siamese.trainer.train.PairTrainingResult;
import io.siamese.trainer.train.SiameseTrainingListener;
import java.util.function.BooleanSupplier;

/**
 * How a round turns the warm-start model into a candidate. The seam is narrow on purpose: tests substitute a
 * deliberately bad trainer (labels flipped) to check that the promotion gate refuses what it should.
 */
@FunctionalInterface
public interface CandidateTrainer {

    /**
     * Trains {@code candidate} in place.
     *
     * @param candidate a copy of the serving model, loaded from its checkpoint
     * @param pairs the round's training pairs (never holdout or validation pairs)
     * @param listener progress
     * @param stop true asks to end early
     * @return what was done
     */
    PairTrainingResult train(SiameseModel candidate, LabelledPairTensors pairs, SiameseTrainingListener listener,
            BooleanSupplier stop);

    /** Fine-tuning with {@link PairTraining}: Adam, the configured loss, epochs and step bound. */
    static CandidateTrainer fineTuning(PairTraining training, PairTrainingConfig config) {
        return (candidate, pairs, listener, stop) -> training.train(candidate, pairs, config, listener, stop);
    }
}
