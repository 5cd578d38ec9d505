package io.siamese.service.model;

import java.time.Duration;

/**
 * Exponential delays between retries: {@code min}, then twice as long after each further failure, never
 * longer than {@code max}. Stateless: the caller counts its consecutive failures.
 *
 * @param min the delay after the first failure
 * @param max the longest delay
 */
record RetryBackoff(Duration min, Duration max) {

    /** One second doubling up to thirty: quick after a blip, gentle on a service that stays down. */
    static final RetryBackoff DEFAULT = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    /** The delay after {@code failures} consecutive failures (1 or more). */
    Duration delay(int failures) {
        int doublings = Math.min(Math.max(failures, 1) - 1, 30);
        long millis = min.toMillis() << doublings;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }
}
