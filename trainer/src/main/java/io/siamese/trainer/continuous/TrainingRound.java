package io.siamese.trainer.continuous;

import io.siamese.encoder.checkpoint.Checkpoint;
import io.siamese.encoder.checkpoint.Checkpoints;
import io.siamese.encoder.checkpoint.Manifest;
import io.siamese.encoder.eval.VerificationMetrics;
import io.siamese.schemas.Topics;
import io.siamese.trainer.train.LabelledPairTensors;
import io.siamese.trainer.train.PairTrainingResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One retraining round: score the serving model on the holdout, fine-tune a copy of it on the stored training
 * pairs, calibrate the copy's threshold on the stored validation pairs, score it on the same holdout, and let
 * the {@link PromotionGate} decide; a winner is stored and announced through the {@link CheckpointAnnouncer}.
 * Both models are the serving checkpoint loaded afresh, so a refused candidate leaves nothing behind.
 */
final class TrainingRound {

    /**
     * What a round did.
     *
     * @param outcome promoted, rejected, skipped or stopped
     * @param reason the gate's figures, or why it was skipped
     * @param servingDir the serving model's checkpoint afterwards
     * @param servingVersion its version
     * @param training what training did, null when skipped before training
     */
    record Result(Outcome outcome, String reason, Path servingDir, String servingVersion,
            PairTrainingResult training) {}

    /** How a round ended. */
    enum Outcome {
        /** The candidate won and was stored and announced. */
        PROMOTED,
        /** The gate refused the candidate. */
        REJECTED,
        /** Not enough data to train or compare. */
        SKIPPED,
        /** A stop request cut training short. */
        STOPPED
    }

    private final ContinuousOptions options;
    private final CandidateTrainer trainer;
    private final CheckpointAnnouncer announcer;
    private final TrainerListener listener;
    private final BooleanSupplier stop;

    TrainingRound(ContinuousOptions options, CandidateTrainer trainer, CheckpointAnnouncer announcer,
            TrainerListener listener, BooleanSupplier stop) {
        this.options = options;
        this.trainer = trainer;
        this.announcer = announcer;
        this.listener = listener;
        this.stop = stop;
    }

    /**
     * Runs the round.
     *
     * @param round round number, for messages
     * @param reason what triggered it
     * @param servingDir the serving model's checkpoint
     * @param stored the training store's pairs (training and validation slices)
     * @param holdout the holdout store's pairs
     */
    Result run(long round, String reason, Path servingDir, List<StoredPair> stored, List<StoredPair> holdout) {
        try (Checkpoint serving = Checkpoints.load(servingDir, options.device())) {
            String version = serving.version();
            PairDecoding decoding = new PairDecoding(serving.model().preprocessing());
            List<StoredPair> trainList = new ArrayList<>();
            List<StoredPair> validationList = new ArrayList<>();
            for (StoredPair p : stored) {
                (options.split().sliceOf(p.pairId()) == HoldoutSplit.Slice.VALIDATION ? validationList : trainList).add(p);
            }
            LabelledPairTensors train = decoding.decodeAll(trainList);
            LabelledPairTensors validation = decoding.decodeAll(validationList);
            LabelledPairTensors held = decoding.decodeAll(holdout);
            String shortage = shortage(train, validation, held);
            if (shortage != null) {
                return new Result(Outcome.SKIPPED, shortage, servingDir, version, null);
            }
            listener.roundStarted(round, reason, version, train.size(), validation.size(), held.size());
            VerificationMetrics before = HoldoutEvaluation.metrics(serving.model(), serving.distance(),
                    serving.threshold(), held);
            // The serving copy in memory becomes the candidate: trained in place, never saved unless promoted.
            PairTrainingResult trained = trainer.train(serving.model(), train, listener, stop);
            if (trained.stopped()) {
                return new Result(Outcome.STOPPED, "stopped during training", servingDir, version, trained);
            }
            listener.roundTrained(trained);
            double threshold = HoldoutEvaluation.calibrate(serving.model(), serving.distance(), validation);
            VerificationMetrics after = HoldoutEvaluation.metrics(serving.model(), serving.distance(), threshold, held);
            VerificationMetrics onValidation = HoldoutEvaluation.metrics(serving.model(), serving.distance(),
                    threshold, validation);
            listener.evaluated(before, after);
            PromotionGate.Decision decision = options.gate().decide(before, after);
            if (!decision.promote()) {
                return new Result(Outcome.REJECTED, decision.reason(), servingDir, version, trained);
            }
            Map<String, Double> metrics = metrics(before, after, onValidation, trained, train.size());
            Manifest manifest = CandidateManifests.of(serving.manifest(), options.loss().id(),
                    margin(serving.manifest()), threshold, summary(train.size(), trained), metrics, Instant.now());
            CheckpointAnnouncer.Promotion promotion = announcer.promote(serving.model(), manifest, metrics);
            String promoted = promotion.manifest().version();
            return new Result(Outcome.PROMOTED, decision.reason(), Path.of(promotion.location()), promoted, trained);
        }
    }

    private String shortage(LabelledPairTensors train, LabelledPairTensors validation, LabelledPairTensors held) {
        if (train.size() < options.minTrainingPairs() || !train.hasBothLabels()) {
            return "too few training pairs: " + train.size() + " (" + train.sameCount() + " same, "
                    + train.differentCount() + " different; --min-pairs " + options.minTrainingPairs() + ")";
        }
        if (!validation.hasBothLabels()) {
            return "the validation slice needs both labels to calibrate a threshold, has " + validation.sameCount()
                    + " same and " + validation.differentCount() + " different";
        }
        int least = Math.min(held.sameCount(), held.differentCount());
        if (least < options.minHoldoutPerLabel()) {
            return "too few holdout pairs to compare: " + held.sameCount() + " same, " + held.differentCount()
                    + " different (--min-holdout " + options.minHoldoutPerLabel() + " of each)";
        }
        return null;
    }

    private double margin(Manifest parent) {
        // Keep a warm-started model's margin when the loss stays the same; a new loss starts from its default.
        return parent.loss().equals(options.loss().id()) ? parent.margin() : options.loss().defaultMargin();
    }

    private Manifest.TrainingSummary summary(int pairs, PairTrainingResult trained) {
        return new Manifest.TrainingSummary(Topics.LABELLED_PAIRS + " stream (" + pairs + " stored training pairs)",
                2 * pairs, 0, trained.examples(), options.epochs(), options.batchSize(),
                Double.parseDouble(Float.toString(options.learningRate())), options.seed());
    }

    private static Map<String, Double> metrics(VerificationMetrics serving, VerificationMetrics candidate,
            VerificationMetrics validation, PairTrainingResult trained, int trainPairs) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("holdout_accuracy", candidate.accuracy());
        m.put("holdout_auc", candidate.auc());
        m.put("holdout_eer", candidate.eer());
        m.put("holdout_pairs", (double) candidate.pairs());
        m.put("serving_holdout_accuracy", serving.accuracy());
        m.put("serving_holdout_auc", serving.auc());
        m.put("validation_accuracy", validation.accuracy());
        m.put("validation_pairs", (double) validation.pairs());
        m.put("pairs_trained", (double) trained.examples());
        m.put("training_pairs", (double) trainPairs);
        m.put("train_loss", trained.lastLoss());
        return m;
    }
}
