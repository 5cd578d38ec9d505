package io.siamese.service.stream;

/**
 * When the processor asks Kafka Streams for a commit ahead of {@code commit.interval.ms}: after the
 * results of a batch flushed by the linger (the encoder is keeping up, so a reader should see them
 * now), but at most once per {@code minGapMillis}. Under {@code exactly_once_v2} every commit is a
 * transaction (flush, offsets, markers): a stream thread that commits after each small batch spends
 * most of its time committing, and the pairs arriving meanwhile wait. A commit owed inside the gap
 * is made on a later tick, so no result waits longer than the gap for it.
 *
 * <p>Only the stream thread uses this object.
 */
final class EagerCommits {

    private final boolean enabled;
    private final long minGapMillis;
    private final Runnable commit;
    private long lastMillis = Long.MIN_VALUE / 2;
    private boolean owed;

    /**
     * @param enabled whether lingered batches are committed early at all
     * @param minGapMillis least time between two early commits
     * @param commit requests the commit ({@code context::commit})
     */
    EagerCommits(boolean enabled, long minGapMillis, Runnable commit) {
        this.enabled = enabled;
        this.minGapMillis = minGapMillis;
        this.commit = commit;
    }

    /** The results of a batch flushed by the linger were forwarded: they are owed a commit. */
    void lingeredBatchForwarded(long nowMillis) {
        if (enabled) {
            owed = true;
            maybeCommit(nowMillis);
        }
    }

    /** Requests the commit owed, if any, once the gap since the last one has passed. */
    void maybeCommit(long nowMillis) {
        if (owed && nowMillis - lastMillis >= minGapMillis) {
            commit.run();
            lastMillis = nowMillis;
            owed = false;
        }
    }
}
