package io.siamese.encoder.eval;

/**
 * Pair-verification quality of a distance function on labelled pairs.
 *
 * <p>Conventions: a pair has a distance (larger = more different) and a label, 0 = same and
 * 1 = different. At a threshold {@code t} a pair is judged SAME when {@code distance <= t},
 * else DIFFERENT. "Positive" means SAME, so a true positive is a same pair judged SAME and a
 * false positive (a false accept) is a different pair judged SAME.
 *
 * @param pairs          number of pairs evaluated
 * @param accuracy       share of pairs judged correctly at {@code threshold}
 * @param auc            ROC area: probability that a random different pair is farther apart
 *                       than a random same pair, ties counting one half
 * @param eer            equal error rate, where false accept rate = false reject rate
 * @param eerThreshold   the threshold at which the EER is reached
 * @param threshold      the threshold the confusion counts and accuracy refer to
 * @param truePositives  same pairs judged SAME
 * @param falsePositives different pairs judged SAME (false accepts)
 * @param trueNegatives  different pairs judged DIFFERENT
 * @param falseNegatives same pairs judged DIFFERENT (false rejects)
 */
public record VerificationMetrics(
        int pairs,
        double accuracy,
        double auc,
        double eer,
        double eerThreshold,
        double threshold,
        int truePositives,
        int falsePositives,
        int trueNegatives,
        int falseNegatives) {

    /**
     * Computes all metrics in O(n log n).
     *
     * @param distances pair distances, finite
     * @param labels    0 = same, 1 = different; both must occur
     * @param threshold decision threshold for accuracy and the confusion counts; not NaN
     * @return the metrics
     * @throws IllegalArgumentException when lengths differ, the input is empty, a distance is
     *                                  not finite, a label is not 0/1, only one class occurs,
     *                                  or the threshold is NaN
     */
    public static VerificationMetrics compute(double[] distances, int[] labels, double threshold) {
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("threshold must not be NaN");
        }
        SortedPairs sorted = SortedPairs.of(distances, labels, true);
        int tp = 0;
        int fp = 0;
        int tn = 0;
        int fn = 0;
        for (int i = 0; i < distances.length; i++) {
            boolean judgedSame = distances[i] <= threshold;
            boolean same = labels[i] == SortedPairs.SAME;
            if (same) {
                if (judgedSame) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (judgedSame) {
                fp++;
            } else {
                tn++;
            }
        }
        EqualErrorRate eer = EqualErrorRate.of(sorted);
        double accuracy = (double) (tp + tn) / distances.length;
        return new VerificationMetrics(distances.length, accuracy, auc(sorted),
                eer.rate(), eer.threshold(), threshold, tp, fp, tn, fn);
    }

    /** Share of different pairs wrongly judged SAME at {@link #threshold()}. */
    public double falseAcceptRate() {
        return (double) falsePositives / (falsePositives + trueNegatives);
    }

    /** Share of same pairs wrongly judged DIFFERENT at {@link #threshold()}. */
    public double falseRejectRate() {
        return (double) falseNegatives / (falseNegatives + truePositives);
    }

    /**
     * Mann-Whitney U statistic normalised to [0, 1].
     *
     * <p>Walking groups of tied distances in ascending order, each different pair in a group
     * beats every same pair seen in earlier groups and ties with the same pairs in its own
     * group. Counting in doubled integers keeps the one-half for ties exact.
     */
    static double auc(SortedPairs sorted) {
        long sameBefore = 0;
        long twiceWins = 0;
        int start = 0;
        while (start < sorted.size()) {
            int end = sorted.endOfTieGroup(start);
            long sameHere = sorted.weightIn(start, end, SortedPairs.SAME);
            long differentHere = sorted.weightIn(start, end, SortedPairs.DIFFERENT);
            twiceWins += 2 * differentHere * sameBefore + differentHere * sameHere;
            sameBefore += sameHere;
            start = end;
        }
        return twiceWins / (2.0 * sorted.sameCount * sorted.differentCount);
    }
}
