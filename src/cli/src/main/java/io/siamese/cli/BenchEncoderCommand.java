package io.siamese.cli;

import io.siamese.cli.bench.EncoderBenchmark;
import io.siamese.cli.bench.PyTorchBaseline;
import io.siamese.encoder.model.Architecture;
import io.siamese.encoder.model.ModelSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code siamese bench encoder}: forward images/s per batch size and the training step time. */
@Command(name = "encoder", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Forward throughput (images/s) for batch sizes 1..256 and the 64-pair training step time.",
            "--baseline also runs the seed network in plain PyTorch (Debian python3-torch, glibc malloc)",
            "in the same run and prints both side by side."
        })
public final class BenchEncoderCommand implements Callable<Integer> {

    @Option(names = "--arch", defaultValue = "seed", description = "seed or compact. Default: ${DEFAULT-VALUE}.")
    String arch;

    @Option(names = "--batches", split = ",", defaultValue = "1,2,4,8,16,32,64,128,256",
            description = "Batch sizes. Default: ${DEFAULT-VALUE}.")
    int[] batches;

    @Option(names = "--seconds", defaultValue = "3", description = "Measuring time per batch size. Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--train-steps", defaultValue = "5", description = "Training steps timed. Default: ${DEFAULT-VALUE}.")
    int trainSteps;

    @Option(names = "--baseline", description = "Also measure plain PyTorch (seed architecture only).")
    boolean baseline;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Architecture architecture = Architecture.parse(arch);
        ModelSpec spec = ModelSpec.defaults(architecture);
        EncoderBenchmark bench = new EncoderBenchmark(spec, common.device(), seconds);
        Map<Integer, Double> forward;
        try (TerminalProgress bar = TerminalProgress.forTerminal("bench " + arch, batches.length, "batch sizes", common.json)) {
            forward = bench.forward(batches, bs -> bar.step(1));
        }
        double stepMs = trainSteps > 0 ? bench.trainStepMillis(64, trainSteps) : Double.NaN;
        Optional<PyTorchBaseline.Result> base = Optional.empty();
        if (baseline) {
            if (architecture != Architecture.SEED) {
                throw new IllegalArgumentException("--baseline measures the seed network; use --arch seed");
            }
            base = PyTorchBaseline.run(CommonOptions.home().resolve("bench/pytorch_seed.py"), batches, seconds, trainSteps);
        }
        print(architecture, forward, stepMs, base);
        if (common.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("arch", architecture.id());
            json.put("input_size", spec.inputSize());
            json.put("threads", Runtime.getRuntime().availableProcessors());
            json.put("allocator", allocator());
            Map<String, Double> f = new LinkedHashMap<>();
            forward.forEach((k, v) -> f.put(String.valueOf(k), v));
            json.put("forward", f);
            json.put("train_step_ms", stepMs);
            base.ifPresent(b -> {
                Map<String, Object> bj = new LinkedHashMap<>();
                Map<String, Double> bf = new LinkedHashMap<>();
                b.forward().forEach((k, v) -> bf.put(String.valueOf(k), v));
                bj.put("torch", b.version());
                bj.put("forward", bf);
                bj.put("train_step_ms", b.trainStepMillis());
                json.put("pytorch_baseline", bj);
            });
            JsonResult.print(System.out, json);
        }
        return 0;
    }

    private void print(Architecture a, Map<Integer, Double> forward, double stepMs, Optional<PyTorchBaseline.Result> base) {
        System.out.printf("encoder %s, input %dx%d, %d threads, allocator %s%n", a.id(),
                ModelSpec.defaults(a).inputSize(), ModelSpec.defaults(a).inputSize(),
                Runtime.getRuntime().availableProcessors(), allocator());
        if (base.isPresent()) {
            System.out.printf("%6s %14s %18s %8s%n", "batch", "DJL img/s", "PyTorch " + base.get().version(), "ratio");
        } else {
            System.out.printf("%6s %14s%n", "batch", "DJL img/s");
        }
        forward.forEach((bs, v) -> {
            if (base.isPresent() && base.get().forward().containsKey(bs)) {
                double p = base.get().forward().get(bs);
                System.out.printf("%6d %14.1f %18.1f %7.2fx%n", bs, v, p, v / p);
            } else {
                System.out.printf("%6d %14.1f%n", bs, v);
            }
        });
        if (!Double.isNaN(stepMs)) {
            System.out.printf("training step (64 pairs): %.0f ms%s%n", stepMs,
                    base.map(b -> String.format("   PyTorch: %.0f ms", b.trainStepMillis())).orElse(""));
        }
    }

    private static String allocator() {
        String preload = System.getenv("LD_PRELOAD");
        return preload != null && preload.contains("tcmalloc") ? "tcmalloc" : "glibc";
    }
}
