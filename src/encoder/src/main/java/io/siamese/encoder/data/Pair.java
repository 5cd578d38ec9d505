package io.siamese.encoder.data;

/**
 * Two image indices and whether they share a class, in the contrastive-loss convention.
 *
 * @param left the first image index
 * @param right the second image index
 * @param label {@link #SAME} (0) for the same class, {@link #DIFFERENT} (1) otherwise
 */
public record Pair(int left, int right, int label) {

    /** Label of a same-class pair. */
    public static final int SAME = 0;
    /** Label of a different-class pair. */
    public static final int DIFFERENT = 1;

    /**
     * Validates the pair.
     *
     * @param left the first image index
     * @param right the second image index
     * @param label {@link #SAME} or {@link #DIFFERENT}
     * @throws IllegalArgumentException for a negative index or a label other than 0 or 1
     */
    public Pair {
        if (left < 0 || right < 0) {
            throw new IllegalArgumentException("pair indices must not be negative: " + left + ", " + right);
        }
        if (label != SAME && label != DIFFERENT) {
            throw new IllegalArgumentException("pair label must be 0 (same) or 1 (different), got " + label);
        }
    }

    /**
     * Whether the two images share a class.
     *
     * @return {@code label == SAME}
     */
    public boolean sameClass() {
        return label == SAME;
    }
}
