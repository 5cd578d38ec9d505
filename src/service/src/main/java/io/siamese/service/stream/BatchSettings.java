package io.siamese.service.stream;

import java.time.Duration;

/**
 * Micro-batch settings of the processor.
 *
 * @param maxSize pairs per batch at most
 * @param maxLinger longest wait of a batch's oldest pair
 * @param outputTopic topic results go to (for result keys' subjects)
 */
public record BatchSettings(int maxSize, Duration maxLinger, String outputTopic) {

    /** Validates. */
    public BatchSettings {
        if (maxSize < 1) {
            throw new IllegalArgumentException("siamese.batch.max-size must be >= 1, got " + maxSize);
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
