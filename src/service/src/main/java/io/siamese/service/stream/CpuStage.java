package io.siamese.service.stream;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * The stages of a pair's way through the service whose CPU time is counted
 * ({@code siamese_stage_cpu_seconds_total{stage}}), so that the cost beside the forward pass is
 * visible: {@code bench stream} divides it by the pairs of its timed part. Each stage is timed on
 * the thread that runs it, with that thread's CPU clock, not the wall clock: a stage that waits
 * costs nothing here.
 */
public enum CpuStage {

    /** Reading the Avro record of a pair (registry lookups cached), on the stream thread. */
    AVRO_DECODE,

    /** Decoding and preprocessing both images of a pair, on the decode threads (the stream thread for small batches). */
    IMAGE_DECODE,

    /** The forward pass and the distances of a batch, on an inference thread or the stream thread. */
    FORWARD,

    /** Building, encoding and handing the results of a batch to the producer, on the stream thread. */
    RESULTS;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** The label value, e.g. {@code avro_decode}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** CPU time of the calling thread so far, in nanoseconds (0 where the JVM cannot tell). */
    static long threadCpuNanos() {
        long nanos = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
        return Math.max(nanos, 0);
    }
}
