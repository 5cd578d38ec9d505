package io.siamese.cli;

import ai.djl.engine.Engine;
import io.siamese.cli.bench.EncoderBenchmark;
import io.siamese.cli.bench.EncoderComparison;
import io.siamese.cli.bench.PyTorchBaseline;
import io.siamese.encoder.model.Architecture;
import io.siamese.encoder.model.ForwardPasses;
import io.siamese.encoder.model.InferencePrecision;
import io.siamese.encoder.model.ModelSpec;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code siamese bench encoder}: forward images/s per batch size, against plain PyTorch if asked. */
@Command(name = "encoder", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Forward throughput (images/s) per batch size over several rounds (median and range), and the",
            "64-pair training step time. --baseline runs the same network in plain PyTorch (Debian's",
            "python3-torch, its fastest standard configuration, printed) alternately with DJL, round by round,",
            "and reports the ratio's median and range."
        })
public final class BenchEncoderCommand implements Callable<Integer> {

    @Option(names = "--arch", defaultValue = "compact", description = "seed or compact. Default: ${DEFAULT-VALUE}.")
    String arch;

    @Option(names = "--batches", split = ",", defaultValue = "1,64", description = "Batch sizes. Default: ${DEFAULT-VALUE}.")
    int[] batches;

    @Option(names = "--rounds", defaultValue = "3",
            description = "Rounds; with --baseline each runs DJL, then PyTorch. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--seconds", defaultValue = "2",
            description = "Measuring time per batch size, side and round. Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--threads", description = "Intra-op threads on both sides. Default: one per core.")
    Integer threads;

    @Mixin
    PrecisionOption precision;

    @Option(names = "--train-steps", defaultValue = "5",
            description = "DJL training steps timed (0: none). Default: ${DEFAULT-VALUE}.")
    int trainSteps;

    @Option(names = "--baseline", description = "Also measure plain PyTorch (needs: " + "apt-get install python3-torch"
            + " libopenblas0-pthread).")
    boolean baseline;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Architecture architecture = Architecture.parse(arch);
        ModelSpec spec = ModelSpec.defaults(architecture);
        int intraOp = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        ForwardPasses.setIntraOpThreads(intraOp);
        Optional<PyTorchBaseline> pytorch = baseline
                ? Optional.of(new PyTorchBaseline(PyTorchBaseline.DEBIAN_PYTHON,
                        CommonOptions.home().resolve("bench/pytorch_encoder.py")))
                : Optional.empty();
        InferencePrecision inferencePrecision = precision.precision();
        EncoderBenchmark djl = new EncoderBenchmark(spec, common.device(), seconds, inferencePrecision);
        EncoderComparison.Result result;
        int steps = rounds * (baseline ? 2 : 1);
        try (TerminalProgress bar = TerminalProgress.forTerminal("bench " + arch, steps, "sides", common.json)) {
            result = new EncoderComparison(djl, pytorch, architecture, seconds, intraOp)
                    .run(rounds, batches, side -> bar.step(1));
        }
        double stepMs = trainSteps > 0 ? djl.trainStepMillis(64, trainSteps) : Double.NaN;
        String engine = "DJL " + Engine.getDjlVersion() + " / PyTorch " + Engine.getEngine("PyTorch").getVersion()
                + (common.device().isGpu() ? ", blocks on the GPU" : ", TorchScript graph, " + inferencePrecision.resolve(architecture).id());
        EncoderComparisonReport report = new EncoderComparisonReport(architecture, spec.inputSize(), intraOp,
                allocator(), engine,
                seconds, batches, result, stepMs);
        report.print(System.out);
        if (common.json) {
            JsonResult.print(System.out, report.json());
        }
        return 0;
    }

    private static String allocator() {
        String preload = System.getenv("LD_PRELOAD");
        return preload != null && preload.contains("tcmalloc") ? "tcmalloc" : "glibc";
    }
}
