package io.siamese.encoder.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Verification figures with percentile-bootstrap 95% intervals: accuracy at a given threshold,
 * ROC AUC, EER and the true-accept rate at fixed false-accept rates.
 *
 * <p>The intervals come from {@link PairBootstrap}: they show how much a figure moves when the
 * scored pairs are redrawn, so two models whose intervals overlap widely are not shown apart.
 *
 * @param metrics the point figures and confusion counts at the threshold
 * @param accuracy accuracy at the threshold
 * @param auc ROC area
 * @param eer equal error rate
 * @param tarAtFar true-accept rate at each of {@link #FALSE_ACCEPT_RATES}
 * @param resamples bootstrap resamples behind the intervals
 * @param seed bootstrap seed
 */
public record VerificationReport(VerificationMetrics metrics, Estimate accuracy, Estimate auc, Estimate eer,
        List<TarAtFar> tarAtFar, int resamples, long seed) {

    /** The false-accept rates a true-accept rate is reported at. */
    public static final double[] FALSE_ACCEPT_RATES = {1e-2, 1e-3};

    /** Bootstrap resamples by default. */
    public static final int RESAMPLES = 1000;

    /** Bootstrap seed by default, fixed so that intervals are reproducible. */
    public static final long SEED = 20_240_515L;

    /**
     * A figure and its 95% interval; NaN throughout when the data cannot resolve it.
     *
     * @param value the point estimate on all scored pairs
     * @param low 2.5th bootstrap percentile
     * @param high 97.5th bootstrap percentile
     */
    public record Estimate(double value, double low, double high) {

        static final Estimate UNAVAILABLE = new Estimate(Double.NaN, Double.NaN, Double.NaN);

        /** Whether the data resolved this figure. */
        public boolean available() {
            return !Double.isNaN(value);
        }
    }

    /**
     * @param far the false-accept rate
     * @param tar the true-accept rate there, unavailable with fewer than {@code 1/far} different pairs
     */
    public record TarAtFar(double far, Estimate tar) {}

    /** Computes the report with {@link #RESAMPLES} resamples and {@link #SEED}. */
    public static VerificationReport compute(double[] distances, int[] labels, double threshold) {
        return compute(distances, labels, threshold, RESAMPLES, SEED);
    }

    /**
     * @param distances pair distances, finite
     * @param labels 0 same, 1 different; both must occur
     * @param threshold the decision threshold of the accuracy
     * @param resamples bootstrap resamples, at least 1
     * @param seed bootstrap seed
     * @return the report
     */
    public static VerificationReport compute(double[] distances, int[] labels, double threshold,
            int resamples, long seed) {
        VerificationMetrics metrics = VerificationMetrics.compute(distances, labels, threshold);
        SortedPairs sorted = SortedPairs.of(distances, labels, true);
        double[][] samples = new PairBootstrap(sorted, threshold, FALSE_ACCEPT_RATES).run(resamples, seed);
        List<TarAtFar> tars = new ArrayList<>();
        for (int f = 0; f < FALSE_ACCEPT_RATES.length; f++) {
            double far = FALSE_ACCEPT_RATES[f];
            tars.add(new TarAtFar(far, TrueAcceptRate.resolvable(sorted.differentCount, far)
                    ? estimate(TrueAcceptRate.at(sorted, far), samples[PairBootstrap.FIRST_TAR + f])
                    : Estimate.UNAVAILABLE));
        }
        return new VerificationReport(metrics,
                estimate(metrics.accuracy(), samples[PairBootstrap.ACCURACY]),
                estimate(metrics.auc(), samples[PairBootstrap.AUC]),
                estimate(metrics.eer(), samples[PairBootstrap.EER]),
                List.copyOf(tars), resamples, seed);
    }

    private static Estimate estimate(double value, double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return new Estimate(value, percentile(sorted, 0.025), percentile(sorted, 0.975));
    }

    /** Linear interpolation between the closest ranks. */
    static double percentile(double[] sorted, double q) {
        double rank = q * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}
