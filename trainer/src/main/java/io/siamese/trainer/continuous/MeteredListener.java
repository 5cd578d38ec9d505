package io.siamese.trainer.continuous;

import io.siamese.encoder.eval.VerificationMetrics;
import io.siamese.trainer.train.EpochResult;
import io.siamese.trainer.train.PairTrainingResult;
import java.util.Map;

/** Passes a round's events on to the trainer's listener and keeps the live gauges (loss, holdout) current. */
final class MeteredListener implements TrainerListener {

    private final TrainerListener delegate;
    private final TrainerMetrics metrics;

    MeteredListener(TrainerListener delegate, TrainerMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public void onEpochStart(int epoch, int epochs, int steps) {
        delegate.onEpochStart(epoch, epochs, steps);
    }

    @Override
    public void onStep(int epoch, int step, int examples, double loss) {
        metrics.set("siamese.trainer.loss", Map.of(), loss);
        delegate.onStep(epoch, step, examples, loss);
    }

    @Override
    public void onEpochEnd(EpochResult result) {
        delegate.onEpochEnd(result);
    }

    @Override
    public void roundStarted(long round, String reason, String baseVersion, int trainPairs, int validationPairs,
            int holdoutPairs) {
        delegate.roundStarted(round, reason, baseVersion, trainPairs, validationPairs, holdoutPairs);
    }

    @Override
    public void roundTrained(PairTrainingResult result) {
        delegate.roundTrained(result);
    }

    @Override
    public void evaluated(VerificationMetrics serving, VerificationMetrics candidate) {
        record("serving", serving);
        record("candidate", candidate);
        delegate.evaluated(serving, candidate);
    }

    private void record(String model, VerificationMetrics m) {
        Map<String, String> tags = Map.of("model", model);
        metrics.set("siamese.trainer.holdout.accuracy", tags, m.accuracy());
        metrics.set("siamese.trainer.holdout.auc", tags, m.auc());
        metrics.set("siamese.trainer.holdout.eer", tags, m.eer());
    }
}
