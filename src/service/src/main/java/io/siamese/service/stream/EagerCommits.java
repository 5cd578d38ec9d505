package io.siamese.service.stream;

import java.util.function.LongSupplier;

/**
 * When a stream thread asks Kafka Streams for a commit ahead of {@code commit.interval.ms}: after the
 * results of a batch flushed by the linger (the encoder is keeping up, so a reader should see them
 * now), but at most once per {@code minGapMillis} for the whole thread. Under {@code exactly_once_v2}
 * every commit is a transaction (flush, offsets, markers) and a commit requested by any task commits
 * all the thread's tasks: a gap per task would multiply the transactions by the partitions the thread
 * holds, and a stream thread that commits after each small batch spends its time committing while the
 * pairs arriving meanwhile wait. A commit owed inside the gap is made on a later tick, so no result
 * waits longer than the gap for it.
 *
 * <p>Kafka Streams commits at the end of a pass of its poll loop, after every task has processed and
 * punctuated, so results forwarded while a commit asked for is still to come are in that commit; and
 * a commit owed is no longer owed once the thread has committed since the results were forwarded.
 * Asking again in either case would cost the next pass a transaction of its own for nothing. Both are
 * told by the thread's commit count ({@link ThreadCommits}); without one, every forward is owed a commit.
 *
 * <p>The count also times a commit: from the request until the count moves. The gap grows to twice that,
 * so that a thread whose commits are slow (a cold JVM, a loaded broker: 70-230 ms each where a warm one
 * takes a few) spends at most half its time committing and reads on, instead of committing every pass of
 * its poll loop for a handful of pairs and falling behind by seconds.
 *
 * <p>One per {@link StreamThreadBatches} (per stream thread when batches span partitions, else per task);
 * only its stream thread uses it.
 */
final class EagerCommits {

    private final boolean enabled;
    private final long minGapMillis;
    private LongSupplier threadCommits;
    private long lastMillis = Long.MIN_VALUE / 2;
    private long requestedAt = -1;
    private long requestedMillis = -1;
    private long commitMillis;
    private Runnable owed;
    private long owedAt;

    /**
     * @param enabled whether lingered batches are committed early at all
     * @param minGapMillis least time between two early commits of the thread
     */
    EagerCommits(boolean enabled, long minGapMillis) {
        this.enabled = enabled;
        this.minGapMillis = minGapMillis;
    }

    /** Counts the thread's commits with {@code commits} ({@link ThreadCommits#of}); null keeps the count unknown. */
    void countCommits(LongSupplier commits) {
        if (commits != null) {
            threadCommits = commits;
        }
    }

    /**
     * A task forwarded the results of a batch flushed by the linger: they are owed a commit, unless one
     * asked for is still to come.
     *
     * @param commit requests the commit from that task ({@code context::commit}), which has work to commit
     */
    void lingeredBatchForwarded(long nowMillis, Runnable commit) {
        if (!enabled || (threadCommits != null && requestedAt == threadCommits.getAsLong())) {
            return;
        }
        owed = commit;
        owedAt = threadCommits == null ? 0 : threadCommits.getAsLong();
        maybeCommit(nowMillis);
    }

    /**
     * Requests the commit owed, if any and not made since, once the gap since the thread's last request has
     * passed: {@code minGapMillis}, or twice the time the last requested commit took if that is longer.
     */
    void maybeCommit(long nowMillis) {
        long commits = threadCommits == null ? 0 : threadCommits.getAsLong();
        if (requestedMillis >= 0 && threadCommits != null && commits != requestedAt) {
            commitMillis = nowMillis - requestedMillis; // the requested commit is done: its cost, as seen here
            requestedMillis = -1;
        }
        if (owed != null && threadCommits != null && commits != owedAt) {
            owed = null; // the thread has committed since: the results are visible
        }
        if (owed != null && nowMillis - lastMillis >= gapMillis()) {
            owed.run();
            lastMillis = nowMillis;
            requestedAt = owedAt;
            requestedMillis = threadCommits == null ? -1 : nowMillis;
            owed = null;
        }
    }

    /** The least time between two requests now: the configured gap, or twice the last commit's cost. */
    long gapMillis() {
        return Math.max(minGapMillis, 2 * commitMillis);
    }
}
