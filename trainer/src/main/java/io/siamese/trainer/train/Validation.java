package io.siamese.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import io.siamese.encoder.Distance;
import io.siamese.encoder.data.LabelledImages;
import io.siamese.encoder.data.Pair;
import io.siamese.encoder.data.Triplet;
import io.siamese.encoder.data.TripletSampler;
import io.siamese.encoder.data.VerificationPairs;
import io.siamese.encoder.eval.ExampleScorer;
import io.siamese.encoder.eval.ScoredExamples;
import io.siamese.encoder.eval.ThresholdCalibration;
import io.siamese.encoder.eval.VerificationMetrics;
import io.siamese.encoder.loss.LossKind;
import io.siamese.encoder.model.Embedder;
import java.util.List;

/**
 * A fixed validation set, drawn once per run: balanced verification pairs (for the threshold and
 * the metrics) and, for triplet loss, triplets (for the loss). Each epoch is measured on the same
 * examples, so epochs compare fairly.
 */
final class Validation {

    private final LabelledImages data;
    private final LossKind lossKind;
    private final Distance distance;
    private final int[][] pairIndices;
    private final int[] pairLabels;
    private final int[][] tripletIndices;

    Validation(LabelledImages data, LossKind lossKind, Distance distance, int pairs, long seed) {
        this.data = data;
        this.lossKind = lossKind;
        this.distance = distance;
        List<Pair> drawn = VerificationPairs.balanced(data, pairs, seed);
        pairIndices = new int[2][drawn.size()];
        pairLabels = new int[drawn.size()];
        for (int i = 0; i < drawn.size(); i++) {
            pairIndices[0][i] = drawn.get(i).left();
            pairIndices[1][i] = drawn.get(i).right();
            pairLabels[i] = drawn.get(i).label();
        }
        if (lossKind == LossKind.TRIPLET) {
            TripletSampler sampler = new TripletSampler(data, seed);
            tripletIndices = new int[3][pairs];
            for (int i = 0; i < pairs; i++) {
                Triplet t = sampler.next();
                tripletIndices[0][i] = t.anchor();
                tripletIndices[1][i] = t.positive();
                tripletIndices[2][i] = t.negative();
            }
        } else {
            tripletIndices = null;
        }
    }

    /** Scores the validation set with the model behind {@code embedder}. */
    Report run(Embedder embedder, Loss loss, NDManager manager) {
        ExampleScorer scorer = new ExampleScorer(embedder, 256);
        ScoredExamples pairs = scorer.score(data, pairIndices, pairLabels, distance, done -> {});
        double threshold = ThresholdCalibration.maxAccuracy(pairs.distances(), pairs.labels());
        VerificationMetrics metrics = VerificationMetrics.compute(pairs.distances(), pairs.labels(), threshold);
        ScoredExamples forLoss = lossKind == LossKind.TRIPLET
                ? scorer.score(data, tripletIndices, new int[tripletIndices[0].length], distance, done -> {})
                : pairs;
        double lossValue;
        try (NDManager m = manager.newSubManager()) {
            NDList predictions = new NDList();
            for (float[][] side : forLoss.embeddings()) {
                predictions.add(m.create(side));
            }
            float[] labels = new float[forLoss.labels().length];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = forLoss.labels()[i];
            }
            NDArray value = loss.evaluate(new NDList(m.create(labels)), predictions);
            lossValue = value.getFloat();
        }
        return new Report(lossValue, threshold, metrics);
    }

    /**
     * @param loss validation loss
     * @param threshold accuracy-maximising threshold on the validation pairs
     * @param metrics verification metrics at that threshold
     */
    record Report(double loss, double threshold, VerificationMetrics metrics) {

        /**
         * Lower EER wins (it does not depend on the threshold), then higher accuracy, then lower loss.
         * The loss alone is a poor guide: it keeps falling while pairs near the threshold get mixed up.
         */
        boolean betterThan(Report other) {
            if (metrics.eer() != other.metrics.eer()) {
                return metrics.eer() < other.metrics.eer();
            }
            if (metrics.accuracy() != other.metrics.accuracy()) {
                return metrics.accuracy() > other.metrics.accuracy();
            }
            return loss < other.loss;
        }
    }
}
