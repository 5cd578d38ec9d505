package io.siamese.encoder.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap over scored pairs, stratified by label: each resample draws as many same
 * pairs from the same pairs, and as many different pairs from the different pairs, as were scored,
 * with replacement. Stratifying keeps both classes in every resample, so rank figures stay defined.
 *
 * <p>Speed: the pairs are sorted once; a resample is only a count per sorted position, and every
 * figure is one linear walk over the counts. 1000 resamples of 10,000 pairs take a fraction of a
 * second.
 *
 * <p>Pairs that share an image are not independent, so on small test sets the intervals are if
 * anything too narrow: they bound the noise of the pair draw, not of the image draw.
 */
final class PairBootstrap {

    static final int ACCURACY = 0;
    static final int AUC = 1;
    static final int EER = 2;
    static final int FIRST_TAR = 3;

    private final SortedPairs sorted;
    private final double[] fars;
    /** Sorted positions with a distance at or below the threshold: the pairs judged SAME. */
    private final int acceptedUpTo;
    private final int[] samePositions;
    private final int[] differentPositions;

    PairBootstrap(SortedPairs sorted, double threshold, double[] fars) {
        this.sorted = sorted;
        this.fars = fars.clone();
        int cut = 0;
        while (cut < sorted.size() && sorted.distances[cut] <= threshold) {
            cut++;
        }
        this.acceptedUpTo = cut;
        this.samePositions = new int[sorted.sameCount];
        this.differentPositions = new int[sorted.differentCount];
        int same = 0;
        int different = 0;
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.labels[i] == SortedPairs.SAME) {
                samePositions[same++] = i;
            } else {
                differentPositions[different++] = i;
            }
        }
    }

    /**
     * @return {@code samples[figure][resample]}, figures indexed by the constants above
     */
    double[][] run(int resamples, long seed) {
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be at least 1, got " + resamples);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[][] samples = new double[FIRST_TAR + fars.length][resamples];
        int[] counts = new int[sorted.size()];
        for (int r = 0; r < resamples; r++) {
            Arrays.fill(counts, 0);
            draw(samePositions, counts, random);
            draw(differentPositions, counts, random);
            SortedPairs resample = sorted.weighted(counts);
            samples[ACCURACY][r] = accuracy(resample);
            samples[AUC][r] = VerificationMetrics.auc(resample);
            samples[EER][r] = EqualErrorRate.of(resample).rate();
            for (int f = 0; f < fars.length; f++) {
                samples[FIRST_TAR + f][r] = TrueAcceptRate.at(resample, fars[f]);
            }
        }
        return samples;
    }

    private static void draw(int[] positions, int[] counts, SplittableRandom random) {
        for (int k = 0; k < positions.length; k++) {
            counts[positions[random.nextInt(positions.length)]]++;
        }
    }

    private double accuracy(SortedPairs resample) {
        long correct = 0;
        for (int i = 0; i < resample.size(); i++) {
            boolean same = resample.labels[i] == SortedPairs.SAME;
            if (same == (i < acceptedUpTo)) {
                correct += resample.weight(i);
            }
        }
        return (double) correct / (resample.sameCount + resample.differentCount);
    }
}
