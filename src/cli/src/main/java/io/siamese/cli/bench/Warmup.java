package io.siamese.cli.bench;

/**
 * When a benchmark's clock starts. The JIT compiler of a fresh service JVM takes a large share of
 * a small machine's CPU for tens of seconds, so a figure timed too early measures the compiler,
 * not the service. The clock starts after at least {@code minPairs} results, once the service's
 * JIT used less than {@code jitShare} of a core over the last few seconds
 * ({@code jvm_compilation_time_ms_total}), and after {@code maxPairs} results whatever the JIT does.
 *
 * @param minPairs results before the clock may start
 * @param maxPairs results after which the clock starts anyway
 * @param jitShare share of one core (0.05 = 5%) under which the JIT counts as settled
 */
public record Warmup(int minPairs, int maxPairs, double jitShare) {

    /** Validates. */
    public Warmup {
        if (minPairs < 0 || maxPairs < minPairs) {
            throw new IllegalArgumentException("warm-up: need 0 <= min <= max pairs, got " + minPairs + " and " + maxPairs);
        }
    }
}
