package io.siamese.cli;

import io.siamese.cli.bench.EncoderComparison;
import io.siamese.cli.bench.PyTorchBaseline;
import io.siamese.cli.bench.Spread;
import io.siamese.encoder.model.Architecture;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints {@code bench encoder}'s figures: the configuration of both sides first (a ratio means
 * nothing without them), then per batch size the median and range over the rounds.
 *
 * @param architecture the network
 * @param inputSize its input's side in pixels
 * @param threads intra-op threads on both sides
 * @param allocator the malloc both sides ran with
 * @param engine DJL's and its PyTorch's versions
 * @param seconds measuring time per batch size, side and round
 * @param batches the batch sizes, in order
 * @param result the rounds
 * @param trainStepMillis DJL's 64-pair training step, NaN when not measured
 */
record EncoderComparisonReport(Architecture architecture, int inputSize, int threads, String allocator, String engine,
        double seconds, int[] batches, EncoderComparison.Result result, double trainStepMillis) {

    void print(PrintStream out) {
        out.printf(Locale.ROOT, "encoder %s, input %dx%d, %s, %d intra-op threads, allocator %s, eval, no autograd%n",
                architecture.id(), inputSize, inputSize, engine, threads, allocator);
        result.baselineConfiguration().ifPresent(b -> out.printf(Locale.ROOT,
                "baseline: PyTorch %s (Debian python3-torch), BLAS %s (built with BLAS_INFO=%s), %d intra-op threads,"
                        + " allocator %s, eval, no_grad; per batch size the fastest of eager, frozen TorchScript and"
                        + " frozen + optimize_for_inference (oneDNN)%n",
                b.torchVersion(), blasNames(b.blas()), b.blasInfo(), b.threads(), allocator));
        out.printf(Locale.ROOT, "%d rounds%s, %.0f s per batch size and side; median [min..max] over the rounds%n",
                result.rounds().size(), result.hasBaseline() ? " alternating DJL, PyTorch" : "", seconds);
        if (result.hasBaseline()) {
            out.printf(Locale.ROOT, "%6s  %-24s %-24s %-10s %s%n", "batch", "DJL img/s", "PyTorch img/s", "fastest",
                    "DJL / PyTorch");
        } else {
            out.printf(Locale.ROOT, "%6s  %s%n", "batch", "DJL img/s");
        }
        for (int b : batches) {
            if (result.hasBaseline()) {
                out.printf(Locale.ROOT, "%6d  %-24s %-24s %-10s %sx%n", b, result.djl(b).format("%.0f"),
                        result.pytorch(b).format("%.0f"), result.baselineConfiguration().get().variant().get(b),
                        result.ratio(b).format("%.2f"));
            } else {
                out.printf(Locale.ROOT, "%6d  %s%n", b, result.djl(b).format("%.0f"));
            }
        }
        if (!Double.isNaN(trainStepMillis)) {
            out.printf(Locale.ROOT, "DJL training step (64 pairs): %.0f ms%n", trainStepMillis);
        }
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("arch", architecture.id());
        json.put("input_size", inputSize);
        json.put("threads", threads);
        json.put("allocator", allocator);
        json.put("engine", engine);
        json.put("rounds", result.rounds().size());
        Map<String, Object> perBatch = new LinkedHashMap<>();
        for (int b : batches) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("djl", spread(result.djl(b)));
            if (result.hasBaseline()) {
                row.put("pytorch", spread(result.pytorch(b)));
                row.put("ratio", spread(result.ratio(b)));
            }
            perBatch.put(String.valueOf(b), row);
        }
        json.put("forward", perBatch);
        json.put("train_step_ms", trainStepMillis);
        result.baselineConfiguration().ifPresent(b -> {
            Map<String, Object> base = new LinkedHashMap<>();
            base.put("torch", b.torchVersion());
            base.put("blas", b.blas());
            base.put("blas_info", b.blasInfo());
            base.put("threads", b.threads());
            Map<String, String> variants = new LinkedHashMap<>();
            b.variant().forEach((k, v) -> variants.put(String.valueOf(k), v));
            base.put("fastest", variants);
            json.put("pytorch_baseline", base);
        });
        return json;
    }

    private static Map<String, Object> spread(Spread s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", s.median());
        m.put("min", s.min());
        m.put("max", s.max());
        return m;
    }

    /** File names of the loaded BLAS libraries, without the paths. */
    private static String blasNames(String blas) {
        List<String> names = new ArrayList<>();
        for (String p : blas.split(",\\s*")) {
            names.add(Path.of(p).getFileName().toString());
        }
        return String.join(", ", names);
    }
}
