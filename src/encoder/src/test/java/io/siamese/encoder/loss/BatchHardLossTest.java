package io.siamese.encoder.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.siamese.encoder.Distance;
import org.junit.jupiter.api.Test;

class BatchHardLossTest {

    // Points on a line: class 0 at 0 and 3, class 1 at 1 and 10.
    // Hardest positive / negative per anchor: 0 -> 3 / 1, 3 -> 3 / 2, 1 -> 9 / 1, 10 -> 9 / 7.
    private static final float[][] POINTS = {{0, 0}, {3, 0}, {1, 0}, {10, 0}};
    private static final float[] CLASSES = {0, 0, 1, 1};

    @Test
    void shouldPairEachAnchorWithItsFarthestPositiveAndNearestNegativeInContrastiveLoss() {
        try (NDManager m = NDManager.newBaseManager()) {
            // (9 + 1) + (9 + 0) + (81 + 1) + (81 + 0) over 4 anchors, margin 2
            float loss = new BatchHardContrastiveLoss(2f, Distance.EUCLIDEAN)
                    .evaluate(new NDList(m.create(CLASSES)), new NDList(m.create(POINTS))).getFloat();
            assertEquals(182f / 4f, loss, 1e-3f);
        }
    }

    @Test
    void shouldPairEachAnchorWithItsFarthestPositiveAndNearestNegativeInTripletLoss() {
        try (NDManager m = NDManager.newBaseManager()) {
            // (3 - 1 + 1) + (3 - 2 + 1) + (9 - 1 + 1) + (9 - 7 + 1) over 4 anchors, margin 1
            float loss = new BatchHardTripletLoss(1f, Distance.EUCLIDEAN)
                    .evaluate(new NDList(m.create(CLASSES)), new NDList(m.create(POINTS))).getFloat();
            assertEquals(17f / 4f, loss, 1e-3f);
        }
    }

    @Test
    void shouldPassFiniteGradientsEvenThoughEachImageIsAtDistanceZeroFromItself() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray embeddings = m.create(POINTS);
            embeddings.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(new BatchHardContrastiveLoss(2f, Distance.EUCLIDEAN)
                        .evaluate(new NDList(m.create(CLASSES)), new NDList(embeddings)));
            }
            float[] gradient = embeddings.getGradient().toFloatArray();
            for (float g : gradient) {
                assertTrue(Float.isFinite(g), "gradient " + java.util.Arrays.toString(gradient));
            }
            // The anchor at 10 is pulled toward its positive at 1: a positive x-gradient.
            assertTrue(gradient[6] > 0, java.util.Arrays.toString(gradient));
        }
    }

    @Test
    void shouldComputeEveryPairwiseDistanceAsTheRowWiseDistanceDoes() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[][] e = {{1, 2, 0}, {-1, 0.5f, 3}, {0.2f, 0.1f, -4}};
            for (Distance distance : Distance.values()) {
                float[][] all = toMatrix(distance.pairwise(m.create(e)));
                for (int i = 0; i < e.length; i++) {
                    for (int j = 0; j < e.length; j++) {
                        assertEquals(distance.compute(e[i], e[j]), all[i][j], 1e-4, distance + " " + i + "," + j);
                    }
                }
            }
        }
    }

    @Test
    void shouldChooseTheLossThatMatchesTheMining() {
        assertInstanceOf(ContrastiveLoss.class, Mining.NONE.trainingLoss(LossKind.CONTRASTIVE, 2f, Distance.EUCLIDEAN));
        assertInstanceOf(BatchHardContrastiveLoss.class,
                Mining.BATCH_HARD.trainingLoss(LossKind.CONTRASTIVE, 2f, Distance.EUCLIDEAN));
        assertInstanceOf(BatchHardTripletLoss.class, Mining.BATCH_HARD.trainingLoss(LossKind.TRIPLET, 1f, Distance.COSINE));
        assertEquals(Mining.BATCH_HARD, Mining.parse("Batch-Hard"));
        assertThrows(IllegalArgumentException.class, () -> Mining.parse("semi"));
    }

    private static float[][] toMatrix(NDArray a) {
        int n = (int) a.getShape().get(0);
        float[] flat = a.toFloatArray();
        float[][] out = new float[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * n, out[i], 0, n);
        }
        return out;
    }
}
