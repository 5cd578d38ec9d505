package io.siamese.encoder.eval;

/**
 * Chooses a decision threshold on labelled validation pairs.
 *
 * <p>Same conventions as {@link VerificationMetrics}: label 0 = same, 1 = different, and a pair
 * is judged SAME when {@code distance <= threshold}.
 */
public final class ThresholdCalibration {

    private ThresholdCalibration() {
    }

    /**
     * Finds the threshold with the highest accuracy, in O(n log n).
     *
     * <p>Only the position of the threshold relative to the sorted distances matters, so the
     * candidates are: below every distance (all judged DIFFERENT), the midpoint between each
     * pair of consecutive distinct distances, and the largest distance (all judged SAME).
     * Midpoints keep the chosen threshold as far as possible from the validation points that
     * bound it, which generalises better than sitting right on one of them. When several
     * candidates reach the best accuracy the smallest wins, because in verification a false
     * accept usually costs more than a false reject and it makes the result deterministic.
     *
     * @param distances pair distances, finite
     * @param labels    0 = same, 1 = different; one class alone is allowed
     * @return the accuracy-maximising threshold
     * @throws IllegalArgumentException on null, empty, mismatched, non-finite or non-0/1 input
     */
    public static double maxAccuracy(double[] distances, int[] labels) {
        SortedPairs sorted = SortedPairs.of(distances, labels, false);
        int n = sorted.size();
        // Threshold below everything: every different pair is right, every same pair wrong.
        int correct = sorted.differentCount;
        int bestCorrect = correct;
        double bestThreshold = Math.nextDown(sorted.distances[0]);
        int start = 0;
        while (start < n) {
            int end = sorted.endOfTieGroup(start);
            // Moving the threshold past this group accepts it: same pairs become right,
            // different pairs become wrong.
            for (int i = start; i < end; i++) {
                correct += sorted.labels[i] == SortedPairs.SAME ? 1 : -1;
            }
            if (correct > bestCorrect) {
                bestCorrect = correct;
                double here = sorted.distances[start];
                bestThreshold = end < n ? midpoint(here, sorted.distances[end]) : here;
            }
            start = end;
        }
        return bestThreshold;
    }

    /** Midpoint that cannot overflow for huge distances. */
    private static double midpoint(double low, double high) {
        return low + (high - low) / 2.0;
    }
}
