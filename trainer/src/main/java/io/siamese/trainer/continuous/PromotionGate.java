package io.siamese.trainer.continuous;

import io.siamese.encoder.eval.VerificationMetrics;
import java.util.Locale;

/**
 * Decides whether a candidate replaces the serving model, from both models' metrics on the same holdout
 * pairs: promote when the chosen metric of the candidate exceeds the serving model's by at least
 * {@code minImprovement} (absolute, e.g. 0.005 = half a percentage point of accuracy). Accuracy is measured
 * at each model's own threshold (the serving model's as served, the candidate's as calibrated), so it compares
 * the decisions each would publish; AUC compares the rankings, threshold aside.
 *
 * @param metric what must improve
 * @param minImprovement how much it must improve; may be 0 (any gain) or negative (accept small losses)
 */
public record PromotionGate(Metric metric, double minImprovement) {

    /** The metric the gate compares. */
    public enum Metric {
        /** Share of holdout pairs decided correctly at the model's threshold. */
        ACCURACY,
        /** Area under the ROC curve on the holdout pairs. */
        AUC;

        /** Parses {@code accuracy} or {@code auc}. */
        public static Metric parse(String name) {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        }

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The gate's verdict.
     *
     * @param promote whether to promote
     * @param reason the figures behind it, for people and logs
     */
    public record Decision(boolean promote, String reason) {}

    /** Validates the margin. */
    public PromotionGate {
        if (!Double.isFinite(minImprovement)) {
            throw new IllegalArgumentException("--min-improvement must be a finite number");
        }
    }

    /**
     * Compares the two models.
     *
     * @param serving the serving model's holdout metrics
     * @param candidate the candidate's holdout metrics, on the same pairs
     * @return the verdict and why
     */
    public Decision decide(VerificationMetrics serving, VerificationMetrics candidate) {
        double gain = value(candidate) - value(serving);
        // Accuracies are ratios of counts: 0.805 - 0.800 must count as 0.005, not 0.00499999.
        boolean promote = gain >= minImprovement - 1e-9;
        String reason = String.format(Locale.ROOT, "holdout %s %.4f vs serving %.4f: %+.4f %s %+.4f required"
                        + " (accuracy %.4f vs %.4f, AUC %.4f vs %.4f, EER %.4f vs %.4f on %d pairs)",
                metric.id(), value(candidate), value(serving), gain, promote ? ">=" : "<", minImprovement,
                candidate.accuracy(), serving.accuracy(), candidate.auc(), serving.auc(), candidate.eer(),
                serving.eer(), candidate.pairs());
        return new Decision(promote, reason);
    }

    private double value(VerificationMetrics m) {
        return metric == Metric.ACCURACY ? m.accuracy() : m.auc();
    }
}
