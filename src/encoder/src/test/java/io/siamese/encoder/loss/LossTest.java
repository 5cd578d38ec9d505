package io.siamese.encoder.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.siamese.encoder.Distance;
import org.junit.jupiter.api.Test;

class LossTest {

    @Test
    void shouldMatchHandComputedContrastiveLoss() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Pair 1: same (Y=0), d = 5 -> 25. Pair 2: different (Y=1), d = 1 -> (2 - 1)^2 = 1.
            // Pair 3: different, d = 5 -> beyond the margin -> 0. Mean = 26 / 3.
            NDList predictions = new NDList(
                    m.create(new float[][] {{1, 2}, {0, 0}, {0, 0}}),
                    m.create(new float[][] {{4, 6}, {1, 0}, {3, 4}}));
            NDList labels = new NDList(m.create(new float[] {0, 1, 1}));
            float loss = new ContrastiveLoss().evaluate(labels, predictions).getFloat();
            assertEquals(26f / 3f, loss, 1e-4f);
        }
    }

    @Test
    void shouldUseTheConfiguredMarginAndDistance() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList predictions = new NDList(m.create(new float[][] {{0, 0}}), m.create(new float[][] {{3, 4}}));
            NDList different = new NDList(m.create(new float[] {1}));
            // margin 10 on euclidean distance 5: (10 - 5)^2 = 25
            assertEquals(25f, new ContrastiveLoss(10f, Distance.EUCLIDEAN).evaluate(different, predictions).getFloat(), 1e-4f);
            // exponential distance 1 - e^-5; same pair: d^2
            NDList same = new NDList(m.create(new float[] {0}));
            double d = 1 - Math.exp(-5);
            assertEquals((float) (d * d), new ContrastiveLoss(2f, Distance.EXPONENTIAL).evaluate(same, predictions).getFloat(), 1e-5f);
        }
    }

    @Test
    void shouldMatchHandComputedTripletLoss() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Triplet 1: d(a,p)=1, d(a,n)=5 -> max(0, 1 - 5 + 1) = 0. Triplet 2: d(a,p)=5, d(a,n)=1 -> 5.
            NDList predictions = new NDList(
                    m.create(new float[][] {{0, 0}, {0, 0}}),
                    m.create(new float[][] {{1, 0}, {3, 4}}),
                    m.create(new float[][] {{3, 4}, {0, 1}}));
            float loss = new TripletLoss(1f, Distance.EUCLIDEAN).evaluate(new NDList(), predictions).getFloat();
            assertEquals(2.5f, loss, 1e-4f);
        }
    }

    @Test
    void shouldDefaultToMargin1ForContrastiveLossOnCosineDistanceOnly() {
        assertEquals(1.0f, LossKind.CONTRASTIVE.defaultMargin(Distance.COSINE));
        assertEquals(2.0f, LossKind.CONTRASTIVE.defaultMargin(Distance.EUCLIDEAN));
        assertEquals(1.0f, LossKind.TRIPLET.defaultMargin(Distance.COSINE));
    }

    @Test
    void shouldRejectNonPositiveMargins() {
        assertThrows(IllegalArgumentException.class, () -> new ContrastiveLoss(0f, Distance.EUCLIDEAN));
        assertThrows(IllegalArgumentException.class, () -> new TripletLoss(-1f, Distance.EUCLIDEAN));
    }

    @Test
    void shouldDefaultToTheSeedsMargins() {
        assertEquals(2.0f, LossKind.CONTRASTIVE.defaultMargin());
        assertEquals(1.0f, LossKind.TRIPLET.defaultMargin());
        assertEquals(LossKind.TRIPLET, LossKind.parse("triplet"));
    }
}
