package io.siamese.service.deploy;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Asks again until an answer satisfies a condition or a deadline passes, and returns the last answer either way,
 * so that the caller's assertion reports what was last seen. For what a test can only observe from outside (a
 * Prometheus evaluation, a scrape): there is no event to wait on, only an answer that changes.
 */
final class Poll {

    /** Between two questions: a Prometheus evaluation interval. */
    static final Duration INTERVAL = Duration.ofSeconds(1);

    private Poll() {}

    /** Calls {@code ask} every {@link #INTERVAL} until {@code done} holds or {@code within} has passed. */
    static <T> T until(Duration within, Supplier<T> ask, Predicate<T> done) {
        long deadline = System.nanoTime() + within.toNanos();
        T answer = ask.get();
        while (!done.test(answer) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(INTERVAL.toNanos());
            answer = ask.get();
        }
        return answer;
    }
}
