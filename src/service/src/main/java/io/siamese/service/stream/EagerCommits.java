package io.siamese.service.stream;

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
 * <p>One per {@link StreamThreadBatches} (per stream thread when batches span partitions, else per task);
 * only its stream thread uses it.
 */
final class EagerCommits {

    private final boolean enabled;
    private final long minGapMillis;
    private long lastMillis = Long.MIN_VALUE / 2;
    private Runnable owed;

    /**
     * @param enabled whether lingered batches are committed early at all
     * @param minGapMillis least time between two early commits of the thread
     */
    EagerCommits(boolean enabled, long minGapMillis) {
        this.enabled = enabled;
        this.minGapMillis = minGapMillis;
    }

    /**
     * A task forwarded the results of a batch flushed by the linger: they are owed a commit.
     *
     * @param commit requests the commit from that task ({@code context::commit}), which has work to commit
     */
    void lingeredBatchForwarded(long nowMillis, Runnable commit) {
        if (enabled) {
            owed = commit;
            maybeCommit(nowMillis);
        }
    }

    /** Requests the commit owed, if any, once the gap since the thread's last one has passed. */
    void maybeCommit(long nowMillis) {
        if (owed != null && nowMillis - lastMillis >= minGapMillis) {
            owed.run();
            lastMillis = nowMillis;
            owed = null;
        }
    }
}
