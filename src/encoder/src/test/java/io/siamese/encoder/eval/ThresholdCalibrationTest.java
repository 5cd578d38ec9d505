package io.siamese.encoder.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ThresholdCalibrationTest {

    private static final double EPS = 1e-12;

    @Test
    void shouldPlaceThresholdMidwayInTheGapOfPerfectlySeparatedClasses() {
        double threshold = ThresholdCalibration.maxAccuracy(
                new double[] {0.9, 0.1, 0.2, 0.8}, new int[] {1, 0, 0, 1});

        assertEquals(0.5, threshold, EPS);
    }

    @Test
    void shouldFindTheBestThresholdOnHandExample() {
        // Sorted: 0.1 S, 0.3 D, 0.35 S, 0.4 S, 0.8 D, 0.9 D. Accepting up to 0.4 gets 5 of 6
        // right (only different 0.3 is wrong); the gap above 0.4 ends at 0.8.
        double threshold = ThresholdCalibration.maxAccuracy(
                new double[] {0.1, 0.4, 0.35, 0.8, 0.3, 0.9}, new int[] {0, 0, 0, 1, 1, 1});

        assertEquals(0.6, threshold, EPS);
        assertEquals(5.0 / 6.0, VerificationMetrics.compute(
                new double[] {0.1, 0.4, 0.35, 0.8, 0.3, 0.9}, new int[] {0, 0, 0, 1, 1, 1}, threshold)
                .accuracy(), EPS);
    }

    @Test
    void shouldPreferTheSmallestThresholdWhenAccuraciesTie() {
        // Accepting only 0.1 and accepting everything both get 2 of 3 right.
        double threshold = ThresholdCalibration.maxAccuracy(
                new double[] {0.1, 0.5, 0.9}, new int[] {0, 1, 0});

        assertEquals(0.3, threshold, EPS);
    }

    @Test
    void shouldMoveTiedDistancesAcrossTheThresholdTogether() {
        double threshold = ThresholdCalibration.maxAccuracy(
                new double[] {0.2, 0.2, 0.2, 0.6}, new int[] {0, 0, 1, 1});

        assertEquals(0.4, threshold, EPS);
    }

    @Test
    void shouldRejectEverythingWhenThatIsMostAccurate() {
        double threshold = ThresholdCalibration.maxAccuracy(new double[] {0.3, 0.4}, new int[] {1, 1});

        assertTrue(threshold < 0.3, "threshold " + threshold + " must judge every pair different");
    }

    @Test
    void shouldReachTheBruteForceBestAccuracyOnRandomData() {
        Random random = new Random(3);
        int n = 300;
        double[] distances = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(2);
            distances[i] = Math.round((random.nextDouble() + labels[i] * 0.5) * 50) / 50.0;
        }
        double best = 0;
        for (double candidate : distances) {
            best = Math.max(best, accuracy(distances, labels, candidate));
        }

        double threshold = ThresholdCalibration.maxAccuracy(distances, labels);

        assertEquals(best, accuracy(distances, labels, threshold), EPS);
    }

    @Test
    void shouldRejectInvalidInput() {
        assertThrows(IllegalArgumentException.class,
                () -> ThresholdCalibration.maxAccuracy(new double[] {0.1}, new int[] {0, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> ThresholdCalibration.maxAccuracy(new double[] {0.1}, new int[] {-1}));
        assertThrows(IllegalArgumentException.class,
                () -> ThresholdCalibration.maxAccuracy(new double[0], new int[0]));
    }

    private static double accuracy(double[] distances, int[] labels, double threshold) {
        int correct = 0;
        for (int i = 0; i < distances.length; i++) {
            boolean judgedSame = distances[i] <= threshold;
            if (judgedSame == (labels[i] == 0)) {
                correct++;
            }
        }
        return (double) correct / distances.length;
    }
}
