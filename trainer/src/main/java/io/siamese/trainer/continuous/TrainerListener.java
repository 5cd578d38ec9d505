package io.siamese.trainer.continuous;

import io.siamese.encoder.eval.VerificationMetrics;
import io.siamese.trainer.train.PairTrainingResult;
import io.siamese.trainer.train.SiameseTrainingListener;

/**
 * Events of a {@link ContinuousTrainer}, one call per event (the console prints one line for each, the tests
 * record them). The inherited {@link SiameseTrainingListener} callbacks report the steps of a round's training.
 */
public interface TrainerListener extends SiameseTrainingListener {

    /** A listener that ignores everything. */
    TrainerListener NONE = new TrainerListener() {};

    /** The trainer is consuming; {@code description} says from where, into what, from which model. */
    default void started(String description) {}

    /**
     * Pairs were consumed and stored (offsets committed).
     *
     * @param snapshot the counters afterwards
     * @param trainingPairs pairs in the training store
     * @param holdoutPairs pairs in the holdout store
     */
    default void ingested(TrainerState snapshot, int trainingPairs, int holdoutPairs) {}

    /** A record could not be used and was skipped (its offset is committed with the others). */
    default void pairSkipped(String pairId, String reason) {}

    /**
     * A round begins.
     *
     * @param round 1-based round number (over restarts)
     * @param reason what triggered it
     * @param baseVersion the serving model it warm-starts from
     * @param trainPairs pairs it trains on
     * @param validationPairs pairs it calibrates the threshold on
     * @param holdoutPairs pairs it compares on
     */
    default void roundStarted(long round, String reason, String baseVersion, int trainPairs, int validationPairs,
            int holdoutPairs) {}

    /** The candidate finished training. */
    default void roundTrained(PairTrainingResult result) {}

    /**
     * Both models were scored on the holdout.
     *
     * @param serving the serving model's metrics at its threshold
     * @param candidate the candidate's metrics at its calibrated threshold
     */
    default void evaluated(VerificationMetrics serving, VerificationMetrics candidate) {}

    /** The candidate was stored and announced; {@code why} gives the gate's figures. */
    default void promoted(String version, String parentVersion, String location, String why) {}

    /** The gate refused the candidate; {@code why} gives the figures. */
    default void rejected(String why) {}

    /** A round did not produce a candidate (too few pairs, one label missing, stopped). */
    default void roundSkipped(String why) {}
}
