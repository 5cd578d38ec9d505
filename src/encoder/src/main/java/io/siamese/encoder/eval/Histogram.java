package io.siamese.encoder.eval;

import java.util.Arrays;

/**
 * Distance histograms of same and different pairs over shared, equal-width bins.
 *
 * <p>Bin {@code i} covers {@code [min + i*w, min + (i+1)*w)} with {@code w = binWidth()}; the
 * last bin also includes {@code max}. Both classes share the bins so they can be overlaid.
 *
 * @param min             lower edge of the first bin (smallest distance seen)
 * @param max             upper edge of the last bin (largest distance seen)
 * @param sameCounts      per-bin counts of pairs labelled 0 (same)
 * @param differentCounts per-bin counts of pairs labelled 1 (different)
 */
public record Histogram(double min, double max, int[] sameCounts, int[] differentCounts) {

    /**
     * Validates and defensively copies the counts, since arrays in records are mutable.
     *
     * @throws IllegalArgumentException when the bounds are not finite or ordered, or the count
     *                                  arrays are empty or of different lengths
     */
    public Histogram {
        if (!Double.isFinite(min) || !Double.isFinite(max) || max < min) {
            throw new IllegalArgumentException("invalid range [" + min + ", " + max + "]");
        }
        if (sameCounts == null || differentCounts == null || sameCounts.length == 0
                || sameCounts.length != differentCounts.length) {
            throw new IllegalArgumentException("count arrays must be non-empty and of equal length");
        }
        sameCounts = sameCounts.clone();
        differentCounts = differentCounts.clone();
    }

    /**
     * Bins labelled distances.
     *
     * @param distances pair distances, finite
     * @param labels    0 = same, 1 = different
     * @param bins      number of bins, at least 1
     * @return the histogram spanning the smallest to the largest distance
     * @throws IllegalArgumentException on invalid input or {@code bins < 1}
     */
    public static Histogram of(double[] distances, int[] labels, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1, got " + bins);
        }
        SortedPairs sorted = SortedPairs.of(distances, labels, false);
        double min = sorted.distances[0];
        double max = sorted.distances[sorted.size() - 1];
        int[] same = new int[bins];
        int[] different = new int[bins];
        double width = (max - min) / bins;
        for (int i = 0; i < sorted.size(); i++) {
            // With all distances equal the width is 0; everything then lands in bin 0.
            int bin = width > 0 ? (int) ((sorted.distances[i] - min) / width) : 0;
            bin = Math.min(bin, bins - 1); // max itself belongs to the last bin
            if (sorted.labels[i] == SortedPairs.SAME) {
                same[bin]++;
            } else {
                different[bin]++;
            }
        }
        return new Histogram(min, max, same, different);
    }

    /** Returns a copy of the per-bin counts of same pairs. */
    @Override
    public int[] sameCounts() {
        return sameCounts.clone();
    }

    /** Returns a copy of the per-bin counts of different pairs. */
    @Override
    public int[] differentCounts() {
        return differentCounts.clone();
    }

    /** Number of bins. */
    public int bins() {
        return sameCounts.length;
    }

    /** Width of every bin; 0 when all distances were equal. */
    public double binWidth() {
        return (max - min) / bins();
    }

    /** Lower edge of bin {@code index}. */
    public double binStart(int index) {
        return min + index * binWidth();
    }

    /** Compares bounds and counts by value, unlike the default record equality on arrays. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Histogram h
                && Double.compare(min, h.min) == 0 && Double.compare(max, h.max) == 0
                && Arrays.equals(sameCounts, h.sameCounts)
                && Arrays.equals(differentCounts, h.differentCounts);
    }

    /** Hash consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return 31 * (31 * Double.hashCode(min) + Double.hashCode(max))
                + 17 * Arrays.hashCode(sameCounts) + Arrays.hashCode(differentCounts);
    }

    /** Shows the counts, which the default record string would print as array references. */
    @Override
    public String toString() {
        return "Histogram[min=" + min + ", max=" + max + ", sameCounts=" + Arrays.toString(sameCounts)
                + ", differentCounts=" + Arrays.toString(differentCounts) + "]";
    }
}
