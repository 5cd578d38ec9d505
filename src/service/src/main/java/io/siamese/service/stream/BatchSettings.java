package io.siamese.service.stream;

import java.time.Duration;

/**
 * Micro-batch settings of the processor.
 *
 * @param maxSize pairs per batch at most
 * @param maxLinger longest wait of a batch's oldest pair
 * @param outputTopic topic results go to (for result keys' subjects)
 * @param decodeThreads threads decoding a flushed batch's images (1 = the stream thread alone)
 * @param clock where arrival times and the linger's "now" come from
 * @param pipelined whether a batch is scored on an inference thread while the stream thread goes on
 * @param eagerCommit whether forwarding a lingered batch's results requests a commit at once
 * @param eagerCommitMinGap least time between two such commits (a commit owed inside it is made later)
 * @param inferenceThreads forward passes at once when pipelined (batches in flight per set of batches)
 * @param acrossPartitions whether a stream thread's tasks fill one set of batches (else one set per task)
 */
public record BatchSettings(int maxSize, Duration maxLinger, String outputTopic, int decodeThreads, Clock clock,
        boolean pipelined, boolean eagerCommit, Duration eagerCommitMinGap, int inferenceThreads,
        boolean acrossPartitions) {

    /** Where the processor reads the time. */
    public enum Clock {
        /**
         * The system clock (the service). Kafka Streams' {@code currentSystemTimeMs()} is read once per
         * poll-loop iteration, so after a 30 ms forward pass every pair processed next would look 30 ms
         * old and the linger would flush half-empty batches.
         */
        SYSTEM,
        /** Kafka Streams' cached wall-clock time: what {@code TopologyTestDriver} tests advance by hand. */
        STREAM
    }

    /** Decoding with one thread per core, on the stream's clock, scoring on the stream thread (topology tests). */
    public BatchSettings(int maxSize, Duration maxLinger, String outputTopic) {
        this(maxSize, maxLinger, outputTopic, 0, Clock.STREAM, false, false, Duration.ZERO, 1);
    }

    /** Batches per stream task (each partition batched on its own). */
    public BatchSettings(int maxSize, Duration maxLinger, String outputTopic, int decodeThreads, Clock clock,
            boolean pipelined, boolean eagerCommit, Duration eagerCommitMinGap, int inferenceThreads) {
        this(maxSize, maxLinger, outputTopic, decodeThreads, clock, pipelined, eagerCommit, eagerCommitMinGap,
                inferenceThreads, false);
    }

    /** Validates. */
    public BatchSettings {
        if (maxSize < 1) {
            throw new IllegalArgumentException("siamese.batch.max-size must be >= 1, got " + maxSize);
        }
        if (decodeThreads < 0) {
            throw new IllegalArgumentException("siamese.batch.decode-threads must be >= 0 (0 = one per core), got "
                    + decodeThreads);
        }
        if (decodeThreads == 0) {
            decodeThreads = Runtime.getRuntime().availableProcessors();
        }
        if (inferenceThreads < 1) {
            throw new IllegalArgumentException("siamese.batch.inference-threads must be >= 1, got " + inferenceThreads);
        }
        if (eagerCommitMinGap.isNegative()) {
            throw new IllegalArgumentException("siamese.batch.eager-commit-min-gap must not be negative");
        }
        if (maxLinger.isNegative()) {
            throw new IllegalArgumentException("siamese.batch.max-linger must not be negative");
        }
    }

    /** Linger in milliseconds. */
    long maxLingerMillis() {
        return maxLinger.toMillis();
    }

    /** How often the wall-clock punctuator checks the linger: often enough to keep it within ~1 ms. */
    Duration tick() {
        return Duration.ofMillis(Math.max(1, Math.min(5, maxLingerMillis() / 2)));
    }
}
