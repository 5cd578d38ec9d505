package io.siamese.service.live;

import java.util.Arrays;

/**
 * The last {@code capacity} values of a stream of longs (latencies, batch sizes), for "recent"
 * percentiles and distributions. Adding is O(1) under a short lock; reading copies.
 */
final class RecentValues {

    private final long[] ring;
    private long added;

    RecentValues(int capacity) {
        this.ring = new long[capacity];
    }

    /** Adds a value, overwriting the oldest once full. */
    synchronized void add(long value) {
        ring[(int) (added % ring.length)] = value;
        added++;
    }

    /** Values added since creation (not only those still held). */
    synchronized long total() {
        return added;
    }

    /** The values held, sorted ascending. */
    long[] sorted() {
        long[] copy;
        synchronized (this) {
            copy = Arrays.copyOf(ring, (int) Math.min(added, ring.length));
        }
        Arrays.sort(copy);
        return copy;
    }

    /**
     * The nearest-rank percentile of sorted values: the smallest value with at least {@code p}
     * percent of the values at or below it; 0 when empty.
     */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }
}
