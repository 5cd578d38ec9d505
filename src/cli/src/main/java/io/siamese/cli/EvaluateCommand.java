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
import io.siamese.encoder.eval.ScoredExamples;
import io.siamese.encoder.eval.VerificationMetrics;
import io.siamese.encoder.model.Embedder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code siamese evaluate}: verification accuracy, ROC AUC and EER of a checkpoint. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Score balanced same/different pairs and report accuracy at the checkpoint's threshold, ROC AUC and EER.",
            "fashion-mnist: 10,000 pairs from the 10k test images, fixed seed. A folder: every image once.",
            "Writes a PNG of the same/different distance histograms."
        })
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", description = "Checkpoint directory. Default: the shipped models/default.")
    Path model;

    @Option(names = "--data", defaultValue = "fashion-mnist",
            description = "fashion-mnist (test split) or a folder of class folders. Default: ${DEFAULT-VALUE}.")
    String data;

    @Option(names = "--pairs", description = "Score this many balanced pairs instead of the protocol's.")
    Integer pairs;

    @Option(names = "--histogram", defaultValue = "distances.png",
            description = "Where to write the histogram PNG. Default: ${DEFAULT-VALUE}.")
    Path histogram;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Path dir = model != null ? model : CommonOptions.defaultModel();
        long started = System.nanoTime();
        try (Checkpoint ckpt = Checkpoints.load(dir, common.device()); Embedder embedder = ckpt.model().newEmbedder()) {
            LabelledImages images = Datasets.open(data, Split.TEST, ckpt.model().preprocessing());
            EvaluationPairs protocol = EvaluationPairs.forDataset(data, images, pairs);
            ScoredExamples scored;
            try (TerminalProgress bar = TerminalProgress.forTerminal("evaluate", protocol.size(), "pairs", common.json)) {
                int[] last = {0};
                scored = new ExampleScorer(embedder, 128).score(images, protocol.indices(), protocol.labels(),
                        ckpt.distance(), done -> {
                            bar.step(done - last[0]);
                            last[0] = done;
                        });
            }
            VerificationMetrics m = VerificationMetrics.compute(scored.distances(), scored.labels(), ckpt.threshold());
            HistogramChart.write(histogram, "Distances on " + images.description(),
                    Histogram.of(scored.distances(), scored.labels(), 50), ckpt.threshold());
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("model %s (%s) on %s%n", ckpt.version(), ckpt.manifest().architecture(), images.description());
            System.out.printf("pairs %d  accuracy %.4f at threshold %.4f  AUC %.4f  EER %.4f%n",
                    m.pairs(), m.accuracy(), ckpt.threshold(), m.auc(), m.eer());
            System.out.printf("histogram: %s  (%.1f s)%n", histogram, seconds);
            if (common.json) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("pairs", m.pairs());
                json.put("accuracy", m.accuracy());
                json.put("auc", m.auc());
                json.put("eer", m.eer());
                json.put("threshold", ckpt.threshold());
                json.put("model_version", ckpt.version());
                json.put("architecture", ckpt.manifest().architecture());
                json.put("histogram", histogram.toString());
                json.put("seconds", seconds);
                JsonResult.print(System.out, json);
            }
        }
        return 0;
    }
}
