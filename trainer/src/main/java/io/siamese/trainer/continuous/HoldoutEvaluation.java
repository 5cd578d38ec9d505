package io.siamese.trainer.continuous;

import io.siamese.encoder.Distance;
import io.siamese.encoder.eval.ThresholdCalibration;
import io.siamese.encoder.eval.VerificationMetrics;
import io.siamese.encoder.model.Embedder;
import io.siamese.encoder.model.SiameseModel;
import io.siamese.trainer.train.LabelledPairTensors;

/**
 * Scores labelled pairs with a model the way the service does (inference mode, one embedder, both sides of a
 * batch in one call) and turns the distances into verification metrics with {@link VerificationMetrics} and
 * thresholds with {@link ThresholdCalibration}.
 */
final class HoldoutEvaluation {

    private static final int BATCH = 256;

    private HoldoutEvaluation() {}

    /**
     * Distances of every pair under {@code model}.
     *
     * @param model the network (not modified)
     * @param distance the distance its threshold refers to
     * @param pairs the pairs
     * @return one distance per pair
     */
    static double[] distances(SiameseModel model, Distance distance, LabelledPairTensors pairs) {
        double[] out = new double[pairs.size()];
        // One embedder for this call and this thread: predictors are not thread-safe.
        try (Embedder embedder = model.newEmbedder()) {
            for (int from = 0; from < pairs.size(); from += BATCH) {
                int n = Math.min(BATCH, pairs.size() - from);
                float[][] left = java.util.Arrays.copyOfRange(pairs.left(), from, from + n);
                float[][] right = java.util.Arrays.copyOfRange(pairs.right(), from, from + n);
                float[][][] emb = embedder.embedPairs(left, right);
                for (int i = 0; i < n; i++) {
                    out[from + i] = distance.compute(emb[0][i], emb[1][i]);
                }
            }
        }
        return out;
    }

    /**
     * Metrics of a model on pairs at a given threshold.
     *
     * @param threshold distance at or below which a pair is judged SAME
     */
    static VerificationMetrics metrics(SiameseModel model, Distance distance, double threshold,
            LabelledPairTensors pairs) {
        return VerificationMetrics.compute(distances(model, distance, pairs), pairs.labels(), threshold);
    }

    /** The accuracy-maximising threshold of a model on (validation) pairs. */
    static double calibrate(SiameseModel model, Distance distance, LabelledPairTensors pairs) {
        return ThresholdCalibration.maxAccuracy(distances(model, distance, pairs), pairs.labels());
    }
}
