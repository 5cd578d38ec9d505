package io.siamese.encoder.model;

import java.util.Optional;

/**
 * How a process splits its cores between forward passes that run at once. The service and the
 * stream benchmark both use this, so the benchmark's raw encoder runs the way the service does.
 *
 * <p>Why two passes by default: PyTorch's intra-op threads meet at a barrier after each operator,
 * so one pass spread over every core runs at the pace of its slowest thread, and on a machine that
 * also runs Kafka, decoding and a JIT compiler one of them is always late, and the others wait
 * for it while cores sit idle. Two passes with half the cores each have no barrier between them:
 * while one waits, the other runs. Measurements: docs/performance.md.
 */
public final class ForwardPasses {

    /** Forward passes at once unless configured otherwise. */
    public static final int DEFAULT_CONCURRENT = 2;

    /** The service property that sets the intra-op threads per pass (the benchmark reads it too). */
    public static final String THREADS_PROPERTY = "siamese.model.threads";

    /** DJL's system property for PyTorch's intra-op threads, read once, when the engine starts. */
    public static final String TORCH_THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

    private ForwardPasses() {}

    /**
     * @param pipelined whether batches are scored on inference threads (else one at a time, where they arrive)
     * @param inferenceThreads the inference threads when pipelined
     * @return forward passes that may run at once
     */
    public static int concurrentPasses(boolean pipelined, int inferenceThreads) {
        return pipelined ? inferenceThreads : 1;
    }

    /**
     * @param concurrentPasses forward passes that may run at once
     * @param cores cores of the machine
     * @return intra-op threads per pass: the cores shared between the passes, at least one
     */
    public static int intraOpThreads(int concurrentPasses, int cores) {
        if (concurrentPasses < 1) {
            throw new IllegalArgumentException("concurrent forward passes must be >= 1, got " + concurrentPasses);
        }
        return Math.max(1, cores / concurrentPasses);
    }

    /** {@link #intraOpThreads(int, int)} for this machine's cores. */
    public static int intraOpThreads(int concurrentPasses) {
        return intraOpThreads(concurrentPasses, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param configured intra-op threads set by {@value #THREADS_PROPERTY}, if set
     * @param concurrentPasses forward passes that may run at once
     * @return the configured threads, else this machine's cores shared between the passes
     * @throws IllegalArgumentException when the configured threads are below one
     */
    public static int intraOpThreads(Optional<Integer> configured, int concurrentPasses) {
        if (configured.isEmpty()) {
            return intraOpThreads(concurrentPasses);
        }
        int threads = configured.get();
        if (threads < 1) {
            throw new IllegalArgumentException(THREADS_PROPERTY + " must be >= 1, got " + threads);
        }
        return threads;
    }

    /**
     * Sets PyTorch's intra-op threads for this process; effective only before the engine starts
     * (the first model load).
     */
    public static void setIntraOpThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("intra-op threads must be >= 1, got " + threads);
        }
        System.setProperty(TORCH_THREADS_PROPERTY, Integer.toString(threads));
    }
}
