package io.siamese.cli;

import io.siamese.cli.charts.HistogramChart;
import io.siamese.encoder.checkpoint.Checkpoint;
import io.siamese.encoder.checkpoint.Checkpoints;
import io.siamese.encoder.data.Datasets;
import io.siamese.encoder.data.LabelledImages;
import io.siamese.encoder.data.Split;
import io.siamese.encoder.eval.EvaluationPairs;
import io.siamese.encoder.eval.ExampleScorer;
import io.siamese.encoder.eval.Histogram;
import io.siamese.encoder.eval.VerificationMetrics;
import io.siamese.encoder.eval.VerificationReport;
import io.siamese.encoder.model.Embedder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code siamese evaluate}: verification accuracy, ROC AUC and EER of a checkpoint. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Score same/different pairs and report accuracy at the checkpoint's threshold, ROC AUC, EER and",
            "the true-accept rate at FAR 1e-2 and 1e-3, each with a bootstrap 95% interval.",
            "fashion-mnist: the fixed 10,000 balanced pairs from the 10k test images. A folder: every distinct pair",
            "of distinct images, or a seeded sample of 200,000 distinct pairs when there are more.",
            "Writes a PNG of the same/different distance histograms."
        })
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", description = "Checkpoint directory. Default: the shipped models/default.")
    Path model;

    @Option(names = "--data", defaultValue = "fashion-mnist",
            description = "fashion-mnist (test split) or a folder of class folders. Default: ${DEFAULT-VALUE}.")
    String data;

    @Option(names = "--pairs", description = "Score this many distinct pairs (balanced where possible, never one twice) instead of the protocol's.")
    Integer pairs;

    @Mixin
    PrecisionOption precision;

    @Option(names = "--histogram", defaultValue = "distances.png",
            description = "Where to write the histogram PNG. Default: ${DEFAULT-VALUE}.")
    Path histogram;

    @Mixin
    CommonOptions common;

    /**
     * The fixed Fashion-MNIST draw is scored pair by pair exactly as its published figures were;
     * distinct pairs share images, so each image is embedded once.
     */
    private double[] score(LabelledImages images, EvaluationPairs protocol, Checkpoint ckpt, Embedder embedder) {
        boolean fixed = protocol.kind() == EvaluationPairs.Kind.FIXED_DRAW;
        int steps = fixed ? protocol.size() : protocol.images();
        ExampleScorer scorer = new ExampleScorer(embedder, 128);
        try (TerminalProgress bar = TerminalProgress.forTerminal("evaluate", steps, fixed ? "pairs" : "images", common.json)) {
            int[] last = {0};
            IntConsumer progress = done -> {
                bar.step(done - last[0]);
                last[0] = done;
            };
            return fixed
                    ? scorer.score(images, protocol.indices(), protocol.labels(), ckpt.distance(), progress).distances()
                    : scorer.pairDistances(images, protocol.indices(), ckpt.distance(), progress);
        }
    }

    @Override
    public Integer call() {
        Path dir = model != null ? model : CommonOptions.defaultModel();
        long started = System.nanoTime();
        try (Checkpoint ckpt = Checkpoints.load(dir, common.device()); Embedder embedder = ckpt.model().newEmbedder(precision.precision())) {
            LabelledImages images = Datasets.open(data, Split.TEST, ckpt.model().preprocessing());
            EvaluationPairs protocol = EvaluationPairs.forDataset(data, images, pairs);
            double[] distances = score(images, protocol, ckpt, embedder);
            VerificationReport report = VerificationReport.compute(distances, protocol.labels(), ckpt.threshold());
            HistogramChart.write(histogram, "Distances on " + images.description(),
                    Histogram.of(distances, protocol.labels(), 50), ckpt.threshold());
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("model %s (%s) on %s%n", ckpt.version(), ckpt.manifest().architecture(), images.description());
            EvaluationSummary.print(System.out, protocol, report, pairs);
            System.out.printf("histogram: %s  (%.1f s)%n", histogram, seconds);
            if (common.json) {
                Map<String, Object> json = new LinkedHashMap<>();
                VerificationMetrics m = report.metrics();
                json.put("pairs", m.pairs());
                json.put("accuracy", m.accuracy());
                json.put("auc", m.auc());
                json.put("eer", m.eer());
                json.put("threshold", ckpt.threshold());
                json.put("model_version", ckpt.version());
                json.put("architecture", ckpt.manifest().architecture());
                json.put("histogram", histogram.toString());
                json.put("seconds", seconds);
                EvaluationSummary.putJson(json, protocol, report, pairs);
                JsonResult.print(System.out, json);
            }
        }
        return 0;
    }
}
