package io.siamese.service.model;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * How the checkpoint follower is doing, for readiness, metrics and the log: following the topic, or
 * retrying since when and why. One log line per change of state, not one per retry. Meters:
 * {@code siamese.checkpoint.follower.up} (1 while following), {@code siamese.checkpoint.follower.failures}
 * (every failed attempt) and {@code siamese.checkpoint.records.skipped} (records that cannot be read).
 */
public final class FollowerHealth {

    private static final Logger LOG = Logger.getLogger(FollowerHealth.class);

    enum State { STARTING, FOLLOWING, RETRYING }

    private final Clock clock;
    private final Counter failures;
    private final Counter skipped;
    private volatile State state = State.STARTING;
    private volatile boolean caughtUp;
    private Instant since;
    private String problem;
    private String lastError;
    private int consecutiveFailures;
    private Duration nextRetry = Duration.ZERO;

    FollowerHealth(MeterRegistry meters, Clock clock) {
        this.clock = clock;
        this.since = clock.instant();
        this.failures = meters.counter("siamese.checkpoint.follower.failures");
        this.skipped = meters.counter("siamese.checkpoint.records.skipped");
        Gauge.builder("siamese.checkpoint.follower.up", this, h -> h.state == State.FOLLOWING ? 1 : 0)
                .description("1 while the checkpoint follower reads its topic, 0 while it retries").register(meters);
    }

    /** Connected and reading the topic. */
    synchronized void following(String topic) {
        if (state != State.FOLLOWING) {
            LOG.infof("checkpoint follower: reading %s%s", topic, state == State.RETRYING
                    ? " again after " + consecutiveFailures + " failed attempts since " + since : "");
            state = State.FOLLOWING;
            since = clock.instant();
        }
        consecutiveFailures = 0;
    }

    /**
     * An attempt failed; the follower retries after {@code retryIn}.
     *
     * @param what the problem in a few words (e.g. "broker unreachable")
     * @return consecutive failures so far, this one included
     */
    synchronized int failed(String what, RuntimeException error, Duration retryIn) {
        failures.increment();
        consecutiveFailures++;
        lastError = String.valueOf(error.getMessage());
        nextRetry = retryIn;
        if (state != State.RETRYING || !what.equals(problem)) {
            LOG.warnf("checkpoint follower: %s (%s); retrying with backoff", what, lastError);
            if (state != State.RETRYING) {
                since = clock.instant();
            }
            state = State.RETRYING;
            problem = what;
        }
        return consecutiveFailures;
    }

    /** A record that cannot be read was skipped. */
    void skipped(String where, String why) {
        skipped.increment();
        LOG.warnf("checkpoint follower: skipped the unreadable record at %s: %s", where, why);
    }

    /** The topic has been read up to where it ended when following began. */
    void caughtUp() {
        caughtUp = true;
    }

    /** Whether the topic was read to its end once: the newest accepted checkpoint is known. */
    public boolean isCaughtUp() {
        return caughtUp;
    }

    /** Whether the follower reads its topic now. */
    public boolean isFollowing() {
        return state == State.FOLLOWING;
    }

    /** What the follower is doing, in words, e.g. "broker unreachable since ..., retrying (3 failures, next in 4s): ...". */
    public synchronized String describe() {
        return switch (state) {
            case STARTING -> "starting";
            case FOLLOWING -> (caughtUp ? "following" : "reading the checkpoint topic") + " since " + since;
            case RETRYING -> problem + " since " + since + ", retrying (" + consecutiveFailures + " failures, next in "
                    + nextRetry.toMillis() / 1000.0 + " s): " + lastError;
        };
    }
}
