package io.siamese.encoder.eval;

/**
 * True-accept rate (share of same pairs judged SAME) at the loosest threshold whose false-accept
 * rate does not exceed a target: how many genuine matches a system accepts when it may let
 * through at most that share of impostors.
 */
final class TrueAcceptRate {

    private TrueAcceptRate() {
    }

    /**
     * Whether a false-accept rate can be resolved with this many different pairs: at least one
     * false accept must fit inside it, else the figure only says "no false accept seen".
     */
    static boolean resolvable(long differentPairs, double far) {
        return differentPairs >= Math.ceil(1.0 / far - 1e-9);
    }

    /**
     * Walks tied groups in ascending distance and accepts groups while the false accepts stay
     * within {@code far}; tied distances are accepted together or not at all.
     *
     * @param sorted scored pairs with both classes
     * @param far the target false-accept rate in (0, 1]
     * @return the true-accept rate in [0, 1]
     */
    static double at(SortedPairs sorted, double far) {
        long allowed = (long) Math.floor(far * sorted.differentCount + 1e-9);
        long acceptedSame = 0;
        long acceptedDifferent = 0;
        int start = 0;
        while (start < sorted.size()) {
            int end = sorted.endOfTieGroup(start);
            long sameHere = sorted.weightIn(start, end, SortedPairs.SAME);
            long differentHere = sorted.weightIn(start, end, SortedPairs.DIFFERENT);
            if (acceptedDifferent + differentHere > allowed) {
                break;
            }
            acceptedSame += sameHere;
            acceptedDifferent += differentHere;
            start = end;
        }
        return (double) acceptedSame / sorted.sameCount;
    }
}
