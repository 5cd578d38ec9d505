package io.siamese.encoder.eval;

/**
 * The operating point where the false accept rate equals the false reject rate.
 *
 * <p>False accept rate (FAR): share of different pairs judged SAME ({@code distance <= t}).
 * False reject rate (FRR): share of same pairs judged DIFFERENT ({@code distance > t}).
 * As the threshold rises FAR only grows and FRR only shrinks, so they cross exactly once.
 *
 * @param rate      the common error rate at the crossing, in [0, 1]
 * @param threshold the distance threshold at the crossing
 */
record EqualErrorRate(double rate, double threshold) {

    /**
     * Sweeps every distinct distance as a threshold and locates the FAR/FRR crossing.
     *
     * <p>When some threshold gives FAR == FRR exactly, that rate is returned and the threshold
     * is placed midway to the next distinct distance, because every threshold in that gap
     * gives the same rates and the middle of the gap is the least brittle choice. Otherwise
     * the two neighbouring operating points straddling the crossing are linearly interpolated,
     * both in rate and in threshold.
     */
    static EqualErrorRate of(SortedPairs pairs) {
        long same = pairs.sameCount;
        long different = pairs.differentCount;
        int n = pairs.size();
        // Integer counts keep the FAR == FRR test exact: FAR - FRR has the sign of
        // accepted*same - rejected*different, with no rounding.
        long accepted = 0;
        long rejected = same;
        double previousFar = 0.0;
        double previousThreshold = pairs.distances[0];
        long previousGap = -same * different;
        int start = 0;
        while (start < n) {
            int end = pairs.endOfTieGroup(start);
            for (int i = start; i < end; i++) {
                if (pairs.labels[i] == SortedPairs.SAME) {
                    rejected -= pairs.weight(i);
                } else {
                    accepted += pairs.weight(i);
                }
            }
            double threshold = pairs.distances[start];
            double far = (double) accepted / different;
            long gap = accepted * same - rejected * different;
            if (gap == 0) {
                double upper = end < n ? pairs.distances[end] : threshold;
                return new EqualErrorRate(far, (threshold + upper) / 2.0);
            }
            if (gap > 0) {
                double fraction = (double) -previousGap / (double) (gap - previousGap);
                double rate = previousFar + fraction * (far - previousFar);
                double crossing = previousThreshold + fraction * (threshold - previousThreshold);
                return new EqualErrorRate(rate, crossing);
            }
            previousFar = far;
            previousThreshold = threshold;
            previousGap = gap;
            start = end;
        }
        // Unreachable with both classes present: after the last group FAR = 1 and FRR = 0.
        throw new IllegalStateException("FAR and FRR never crossed");
    }
}
