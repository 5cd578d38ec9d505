package io.siamese.encoder.eval;

import java.util.Arrays;

/**
 * Validated pair scores sorted by distance, shared by the metric and calibration code.
 *
 * <p>Sorting once and walking groups of tied distances is what keeps AUC, EER and threshold
 * calibration at O(n log n) with exact tie handling.
 */
final class SortedPairs {

    /** Label of a pair of images of the same identity or class. */
    static final int SAME = 0;
    /** Label of a pair of images of different identities or classes. */
    static final int DIFFERENT = 1;

    /** Distances in ascending order. */
    final double[] distances;
    /** Labels reordered together with {@link #distances}. */
    final int[] labels;
    /** How often each pair counts (a bootstrap resample), or null when each counts once. */
    private final int[] weights;
    /** Weight of the pairs labelled {@link #SAME}. */
    final int sameCount;
    /** Weight of the pairs labelled {@link #DIFFERENT}. */
    final int differentCount;

    private SortedPairs(double[] distances, int[] labels, int[] weights, int sameCount, int differentCount) {
        this.distances = distances;
        this.labels = labels;
        this.weights = weights;
        this.sameCount = sameCount;
        this.differentCount = differentCount;
    }

    /**
     * The same sorted pairs, each counted {@code counts[i]} times: a bootstrap resample without
     * sorting again.
     *
     * @param counts one non-negative count per sorted position
     */
    SortedPairs weighted(int[] counts) {
        int same = 0;
        int different = 0;
        for (int i = 0; i < counts.length; i++) {
            if (labels[i] == SAME) {
                same += counts[i];
            } else {
                different += counts[i];
            }
        }
        return new SortedPairs(distances, labels, counts, same, different);
    }

    /** Total weight of the pairs with {@code label} among sorted positions {@code [start, end)}. */
    long weightIn(int start, int end, int label) {
        long total = 0;
        for (int i = start; i < end; i++) {
            if (labels[i] == label) {
                total += weight(i);
            }
        }
        return total;
    }

    /** How many times the pair at sorted position {@code i} counts. */
    int weight(int i) {
        return weights == null ? 1 : weights[i];
    }

    /**
     * Validates the inputs and sorts them by distance.
     *
     * @param distances       pair distances, finite
     * @param labels          0 = same, 1 = different, one per distance
     * @param requireBothClasses whether rank metrics will be computed, which are undefined
     *                        unless both classes occur
     * @throws IllegalArgumentException on null, empty, mismatched, non-finite or unknown input
     */
    static SortedPairs of(double[] distances, int[] labels, boolean requireBothClasses) {
        validate(distances, labels, requireBothClasses);
        int n = distances.length;
        // Sort indices rather than a boxed pair list: small and allocation-light for 100k pairs.
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(distances[a], distances[b]));
        double[] sortedDistances = new double[n];
        int[] sortedLabels = new int[n];
        int same = 0;
        for (int i = 0; i < n; i++) {
            sortedDistances[i] = distances[order[i]];
            sortedLabels[i] = labels[order[i]];
            if (sortedLabels[i] == SAME) {
                same++;
            }
        }
        return new SortedPairs(sortedDistances, sortedLabels, null, same, n - same);
    }

    /** Number of pairs. */
    int size() {
        return distances.length;
    }

    /**
     * Index one past the end of the group of equal distances starting at {@code start}.
     * Tied distances must always move across a threshold together.
     */
    int endOfTieGroup(int start) {
        int end = start + 1;
        while (end < distances.length && distances[end] == distances[start]) {
            end++;
        }
        return end;
    }

    private static void validate(double[] distances, int[] labels, boolean requireBothClasses) {
        if (distances == null || labels == null) {
            throw new IllegalArgumentException("distances and labels must not be null");
        }
        if (distances.length != labels.length) {
            throw new IllegalArgumentException("distances and labels differ in length: "
                    + distances.length + " vs " + labels.length);
        }
        if (distances.length == 0) {
            throw new IllegalArgumentException("at least one pair is required");
        }
        boolean sawSame = false;
        boolean sawDifferent = false;
        for (int i = 0; i < labels.length; i++) {
            if (!Double.isFinite(distances[i])) {
                throw new IllegalArgumentException("distance at index " + i
                        + " is not finite: " + distances[i]);
            }
            if (labels[i] == SAME) {
                sawSame = true;
            } else if (labels[i] == DIFFERENT) {
                sawDifferent = true;
            } else {
                throw new IllegalArgumentException("label at index " + i + " is " + labels[i]
                        + "; expected 0 (same) or 1 (different)");
            }
        }
        if (requireBothClasses && !(sawSame && sawDifferent)) {
            throw new IllegalArgumentException("both same (0) and different (1) pairs are required; got only "
                    + (sawSame ? "same" : "different") + " pairs");
        }
    }
}
