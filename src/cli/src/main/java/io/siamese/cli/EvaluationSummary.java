package io.siamese.cli;

import io.siamese.encoder.eval.EvaluationPairs;
import io.siamese.encoder.eval.VerificationReport;
import io.siamese.encoder.eval.VerificationReport.Estimate;
import io.siamese.encoder.eval.VerificationReport.TarAtFar;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code siamese evaluate} says about the pairs it scored and the figures with their 95%
 * intervals, for people and as JSON keys. A reader must be able to tell how much evidence stands
 * behind a figure: how many images, classes and pairs, and whether the pairs were all there are.
 */
final class EvaluationSummary {

    private EvaluationSummary() {
    }

    /** The human lines: pairs scored, then one line per figure with its interval. */
    static void print(PrintStream out, EvaluationPairs pairs, VerificationReport report, Integer requested) {
        out.printf("pairs %d: %d same, %d different; %s; %d images, %d classes%n", pairs.size(),
                pairs.sameCount(), pairs.differentCount(), provenance(pairs), pairs.images(), pairs.classes());
        if (requested != null && requested > pairs.size()) {
            out.printf("asked for %d pairs, but only %d distinct pairs exist: scored all of them%n",
                    requested, pairs.size());
        }
        out.printf("accuracy %s at threshold %.4f%n", format(report.accuracy()), report.metrics().threshold());
        out.printf("AUC      %s%n", format(report.auc()));
        out.printf("EER      %s%n", format(report.eer()));
        for (TarAtFar point : report.tarAtFar()) {
            out.printf("TAR at FAR %s  %s%n", farName(point.far()), point.tar().available() ? format(point.tar())
                    : "n/a (needs at least " + Math.round(Math.ceil(1 / point.far())) + " different pairs)");
        }
        out.printf("[low, high]: 95%% percentile bootstrap over pairs, %d resamples, seed %d%n",
                report.resamples(), report.seed());
    }

    /** Adds the new keys; the existing ones (pairs, accuracy, auc, eer, ...) are the caller's. */
    static void putJson(Map<String, Object> json, EvaluationPairs pairs, VerificationReport report, Integer requested) {
        json.put("pairs_requested", requested);
        json.put("pair_protocol", pairs.kind().name().toLowerCase(Locale.ROOT));
        json.put("same_pairs", pairs.sameCount());
        json.put("different_pairs", pairs.differentCount());
        json.put("distinct_pairs", pairs.distinctPairs());
        json.put("distinct_pairs_available", pairs.available());
        json.put("images", pairs.images());
        json.put("classes", pairs.classes());
        json.put("accuracy_ci95", interval(report.accuracy()));
        json.put("auc_ci95", interval(report.auc()));
        json.put("eer_ci95", interval(report.eer()));
        List<Map<String, Object>> tars = new ArrayList<>();
        for (TarAtFar point : report.tarAtFar()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("far", point.far());
            entry.put("tar", point.tar().value());
            entry.put("ci95", interval(point.tar()));
            tars.add(entry);
        }
        json.put("tar_at_far", tars);
        json.put("bootstrap_resamples", report.resamples());
        json.put("bootstrap_seed", report.seed());
    }

    private static String provenance(EvaluationPairs pairs) {
        return switch (pairs.kind()) {
            case ALL_DISTINCT -> "all distinct pairs";
            case DISTINCT_SAMPLE -> String.format("seeded sample of the %d distinct pairs, none twice", pairs.available());
            case FIXED_DRAW -> String.format("fixed seeded draw with replacement, %d distinct", pairs.distinctPairs());
        };
    }

    private static String format(Estimate e) {
        return String.format("%.4f [%.4f, %.4f]", e.value(), e.low(), e.high());
    }

    private static List<Double> interval(Estimate e) {
        return e.available() ? List.of(e.low(), e.high()) : null;
    }

    private static String farName(double far) {
        return String.format(Locale.ROOT, "%.0e", far).replace("e-0", "e-");
    }
}
