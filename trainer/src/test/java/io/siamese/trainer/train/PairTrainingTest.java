package io.siamese.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.siamese.encoder.Distance;
import io.siamese.encoder.data.Pair;
import io.siamese.encoder.data.PairSampler;
import io.siamese.encoder.data.SyntheticShapes;
import io.siamese.encoder.eval.VerificationMetrics;
import io.siamese.encoder.loss.LossKind;
import io.siamese.encoder.model.Architecture;
import io.siamese.encoder.model.Embedder;
import io.siamese.encoder.model.Mode;
import io.siamese.encoder.model.ModelSpec;
import io.siamese.encoder.model.SiameseModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairTrainingTest {

    private static final ModelSpec SMALL = new ModelSpec(Architecture.COMPACT, Mode.SIAMESE, 16, 8, false);

    /** Explicit pairs of synthetic images: what a label stream delivers, no classes attached. */
    static LabelledPairTensors pairs(int n, long seed) {
        SyntheticShapes images = new SyntheticShapes(4, 400, seed, SMALL.preprocessing());
        List<Pair> drawn = new PairSampler(images, seed).sample(n);
        float[][] left = new float[n][];
        float[][] right = new float[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            left[i] = images.tensor(drawn.get(i).left());
            right[i] = images.tensor(drawn.get(i).right());
            labels[i] = drawn.get(i).label();
        }
        return new LabelledPairTensors(left, right, labels);
    }

    private static double auc(SiameseModel model, LabelledPairTensors pairs) {
        try (Embedder embedder = model.newEmbedder()) {
            float[][][] e = embedder.embedPairs(pairs.left(), pairs.right());
            double[] d = new double[pairs.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = Distance.EUCLIDEAN.compute(e[0][i], e[1][i]);
            }
            return VerificationMetrics.compute(d, pairs.labels(), 1.0).auc();
        }
    }

    private static PairTrainingConfig config(LossKind loss, int epochs, int maxSteps) {
        return new PairTrainingConfig(loss, Distance.EUCLIDEAN, loss.defaultMargin(), epochs, 32, 2e-3f, 3, maxSteps);
    }

    @Test
    void fineTuningOnExplicitPairsSeparatesTheClassesAndLeavesTheModelUsable() {
        LabelledPairTensors train = pairs(480, 1);
        LabelledPairTensors test = pairs(200, 2);
        try (SiameseModel model = SiameseModel.create(SMALL, Device.cpu(), 7)) {
            double before = auc(model, test);

            PairTrainingResult r = new PairTraining(Device.cpu()).train(model, train, config(LossKind.CONTRASTIVE, 2, 0),
                    SiameseTrainingListener.NONE, () -> false);

            assertEquals(30, r.steps(), "2 epochs of 480/32 steps");
            assertEquals(960, r.examples());
            assertFalse(r.stopped());
            assertTrue(r.lastLoss() < r.firstLoss(), r.firstLoss() + " -> " + r.lastLoss());
            double after = auc(model, test); // the trainer is closed: the weights live on in the model
            assertTrue(after > 0.85 && after > before, "AUC " + before + " -> " + after);
        }
    }

    @Test
    void stopsEarlyOnRequestAndRespectsTheStepBound() {
        LabelledPairTensors train = pairs(128, 3);
        try (SiameseModel model = SiameseModel.create(SMALL, Device.cpu(), 7)) {
            PairTraining training = new PairTraining(Device.cpu());

            PairTrainingResult stopped = training.train(model, train, config(LossKind.CONTRASTIVE, 5, 0),
                    SiameseTrainingListener.NONE, () -> true);
            PairTrainingResult bounded = training.train(model, train, config(LossKind.TRIPLET, 5, 3),
                    SiameseTrainingListener.NONE, () -> false);

            assertTrue(stopped.stopped());
            assertEquals(0, stopped.steps());
            assertFalse(bounded.stopped());
            assertEquals(3, bounded.steps(), "--max-steps bounds a round across epochs");
        }
    }
}
