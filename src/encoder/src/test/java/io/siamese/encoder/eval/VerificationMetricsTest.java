package io.siamese.encoder.eval;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VerificationMetricsTest {

    private static final double EPS = 1e-12;

    @Test
    void shouldScorePerfectSeparationAsFlawless() {
        double[] distances = {0.1, 0.2, 0.8, 0.9};
        int[] labels = {0, 0, 1, 1};

        VerificationMetrics m = VerificationMetrics.compute(distances, labels, 0.5);

        assertAll(
                () -> assertEquals(4, m.pairs()),
                () -> assertEquals(1.0, m.auc(), EPS),
                () -> assertEquals(0.0, m.eer(), EPS),
                () -> assertEquals(0.5, m.eerThreshold(), EPS, "middle of the gap between classes"),
                () -> assertEquals(1.0, m.accuracy(), EPS),
                () -> assertEquals(2, m.truePositives()),
                () -> assertEquals(2, m.trueNegatives()),
                () -> assertEquals(0, m.falsePositives()),
                () -> assertEquals(0, m.falseNegatives()));
    }

    @Test
    void shouldScoreFullyInvertedDistancesAsAucZero() {
        VerificationMetrics m = VerificationMetrics.compute(
                new double[] {0.1, 0.2, 0.8, 0.9}, new int[] {1, 1, 0, 0}, 0.5);

        assertEquals(0.0, m.auc(), EPS);
        assertEquals(1.0, m.eer(), EPS);
        assertEquals(0.0, m.accuracy(), EPS);
    }

    @Test
    void shouldCountAllTiesAsHalfAndGiveAucOneHalf() {
        VerificationMetrics m = VerificationMetrics.compute(
                new double[] {0.5, 0.5, 0.5, 0.5}, new int[] {0, 1, 0, 1}, 0.5);

        assertEquals(0.5, m.auc(), EPS);
        assertEquals(0.5, m.eer(), EPS, "halfway between accepting nothing and accepting all");
        assertEquals(0.5, m.eerThreshold(), EPS);
    }

    @Test
    void shouldMatchHandComputedAucEerAndAccuracy() {
        // same: 0.1, 0.4, 0.35; different: 0.8, 0.3, 0.9.
        // 0.8 and 0.9 beat all 3 same pairs, 0.3 beats only 0.1: AUC = (3 + 3 + 1) / 9.
        // Threshold 0.375 rejects same 0.4 (FRR 1/3) and accepts different 0.3 (FAR 1/3).
        double[] distances = {0.1, 0.4, 0.35, 0.8, 0.3, 0.9};
        int[] labels = {0, 0, 0, 1, 1, 1};

        VerificationMetrics m = VerificationMetrics.compute(distances, labels, 0.5);

        assertEquals(7.0 / 9.0, m.auc(), EPS);
        assertEquals(1.0 / 3.0, m.eer(), EPS);
        assertEquals(0.375, m.eerThreshold(), EPS);
        assertEquals(5.0 / 6.0, m.accuracy(), EPS);
        assertEquals(1, m.falsePositives());
        assertEquals(1.0 / 3.0, m.falseAcceptRate(), EPS);
        assertEquals(0.0, m.falseRejectRate(), EPS);
    }

    @Test
    void shouldFindEerWhereErrorRatesCross() {
        // Symmetric: one same pair (0.6) above one different pair (0.4); each side errs once in 4.
        double[] distances = {0.1, 0.2, 0.3, 0.6, 0.4, 0.7, 0.8, 0.9};
        int[] labels = {0, 0, 0, 0, 1, 1, 1, 1};

        VerificationMetrics m = VerificationMetrics.compute(distances, labels, 0.5);

        assertEquals(0.25, m.eer(), EPS);
        assertEquals(0.5, m.eerThreshold(), EPS);
        assertEquals(m.falseAcceptRate(), m.falseRejectRate(), EPS);
    }

    @Test
    void shouldInterpolateEerBetweenNeighbouringOperatingPoints() {
        // At 0.2: FAR 0, FRR 1/3. At 0.25: FAR 1/2, FRR 1/3. FAR - FRR goes -1/3 -> +1/6,
        // crossing two thirds of the way: EER = 1/3 at threshold 0.2 + (2/3) * 0.05.
        double[] distances = {0.1, 0.2, 0.3, 0.25, 0.4};
        int[] labels = {0, 0, 0, 1, 1};

        VerificationMetrics m = VerificationMetrics.compute(distances, labels, 0.3);

        assertEquals(1.0 / 3.0, m.eer(), EPS);
        assertEquals(0.2 + 0.05 * 2.0 / 3.0, m.eerThreshold(), 1e-9);
    }

    @Test
    void shouldAgreeWithBruteForceAucOnRandomTiedData() {
        Random random = new Random(42);
        int n = 400;
        double[] distances = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3 == 0 ? 1 : 0;
            // Rounded to 0.05 so that many ties occur; different pairs sit a bit farther.
            distances[i] = Math.round((random.nextDouble() + labels[i] * 0.4) * 20) / 20.0;
        }
        double wins = 0;
        int comparisons = 0;
        for (int s = 0; s < n; s++) {
            for (int d = 0; d < n; d++) {
                if (labels[s] == 0 && labels[d] == 1) {
                    comparisons++;
                    wins += distances[d] > distances[s] ? 1 : distances[d] == distances[s] ? 0.5 : 0;
                }
            }
        }

        VerificationMetrics m = VerificationMetrics.compute(distances, labels, 0.6);

        assertEquals(wins / comparisons, m.auc(), 1e-12);
        assertTrue(m.eer() > 0 && m.eer() < 0.5);
    }

    @Test
    void shouldHandleLargeInputsQuickly() {
        Random random = new Random(7);
        int n = 200_000;
        double[] distances = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextBoolean() ? 1 : 0;
            distances[i] = random.nextGaussian() + labels[i] * 2;
        }
        long start = System.nanoTime();
        VerificationMetrics m = VerificationMetrics.compute(distances, labels, 1.0);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(m.auc() > 0.85 && m.auc() < 0.95, "AUC of two unit Gaussians 2 apart is ~0.92");
        assertTrue(millis < 3000, "took " + millis + " ms; expected O(n log n)");
    }

    @Test
    void shouldRejectMismatchedLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VerificationMetrics.compute(new double[] {0.1, 0.2}, new int[] {0}, 0.5));
        assertTrue(e.getMessage().contains("length"), e.getMessage());
    }

    @Test
    void shouldRejectLabelsOtherThanZeroOrOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VerificationMetrics.compute(new double[] {0.1, 0.2}, new int[] {0, 2}, 0.5));
        assertTrue(e.getMessage().contains("label at index 1"), e.getMessage());
    }

    @Test
    void shouldRejectInputWithOnlyOneClass() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VerificationMetrics.compute(new double[] {0.1, 0.2}, new int[] {0, 0}, 0.5));
        assertTrue(e.getMessage().contains("both"), e.getMessage());
    }

    @Test
    void shouldRejectEmptyNullAndNonFiniteInput() {
        assertThrows(IllegalArgumentException.class,
                () -> VerificationMetrics.compute(new double[0], new int[0], 0.5));
        assertThrows(IllegalArgumentException.class,
                () -> VerificationMetrics.compute(null, new int[] {0}, 0.5));
        assertThrows(IllegalArgumentException.class,
                () -> VerificationMetrics.compute(new double[] {Double.NaN, 0.2}, new int[] {0, 1}, 0.5));
        assertThrows(IllegalArgumentException.class,
                () -> VerificationMetrics.compute(new double[] {0.1, 0.2}, new int[] {0, 1}, Double.NaN));
    }
}
