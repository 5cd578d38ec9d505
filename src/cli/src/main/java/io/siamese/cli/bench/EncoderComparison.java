package io.siamese.cli.bench;

import io.siamese.encoder.model.Architecture;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * DJL's encoder against the PyTorch baseline in alternating rounds (DJL, PyTorch, DJL, PyTorch, ...),
 * so that a slow minute of a shared machine falls on both sides rather than on one. Each round
 * measures every batch size on both sides; the ratio is taken within a round, then summarised
 * over the rounds as a median and a range.
 */
public final class EncoderComparison {

    /**
     * One round's figures.
     *
     * @param djl DJL images/s per batch size
     * @param pytorch the baseline's, empty when no baseline was asked for
     */
    public record Round(Map<Integer, Double> djl, Optional<PyTorchBaseline.Result> pytorch) {

        /** DJL over PyTorch at {@code batch} in this round. */
        double ratio(int batch) {
            return djl.get(batch) / pytorch.orElseThrow().forward().get(batch);
        }
    }

    /** All rounds, in the order they ran. */
    public record Result(List<Round> rounds) {

        /** DJL images/s at {@code batch} over the rounds. */
        public Spread djl(int batch) {
            return Spread.of(rounds.stream().map(r -> r.djl().get(batch)).toList());
        }

        /** The baseline's images/s at {@code batch} over the rounds. */
        public Spread pytorch(int batch) {
            return Spread.of(rounds.stream().map(r -> r.pytorch().orElseThrow().forward().get(batch)).toList());
        }

        /** DJL over the baseline at {@code batch}, each ratio within one round. */
        public Spread ratio(int batch) {
            return Spread.of(rounds.stream().map(r -> r.ratio(batch)).toList());
        }

        /** Whether the rounds include the baseline. */
        public boolean hasBaseline() {
            return rounds.get(0).pytorch().isPresent();
        }

        /** The baseline's configuration as the last round reported it. */
        public Optional<PyTorchBaseline.Result> baselineConfiguration() {
            return rounds.get(rounds.size() - 1).pytorch();
        }
    }

    private final EncoderBenchmark djl;
    private final Optional<PyTorchBaseline> baseline;
    private final Architecture architecture;
    private final double seconds;
    private final int threads;

    /**
     * @param djl the DJL side
     * @param baseline the PyTorch side, if any
     * @param architecture the network both build
     * @param seconds measuring time per batch size and side
     * @param threads the baseline's intra-op threads (DJL's are set when its engine starts)
     */
    public EncoderComparison(EncoderBenchmark djl, Optional<PyTorchBaseline> baseline, Architecture architecture,
            double seconds, int threads) {
        this.djl = djl;
        this.baseline = baseline;
        this.architecture = architecture;
        this.seconds = seconds;
        this.threads = threads;
    }

    /**
     * Runs the rounds.
     *
     * @param progress told when each side of a round is done ("round 2/3 PyTorch")
     */
    public Result run(int rounds, int[] batchSizes, Consumer<String> progress) throws IOException, InterruptedException {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
        }
        List<Round> out = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            Map<Integer, Double> d = djl.forward(batchSizes, bs -> {});
            progress.accept("round " + r + "/" + rounds + " DJL");
            Optional<PyTorchBaseline.Result> p = Optional.empty();
            if (baseline.isPresent()) {
                p = Optional.of(baseline.get().run(architecture, batchSizes, seconds, threads));
                progress.accept("round " + r + "/" + rounds + " PyTorch");
            }
            out.add(new Round(d, p));
        }
        return new Result(List.copyOf(out));
    }
}
