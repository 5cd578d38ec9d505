package io.siamese.encoder.eval;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Thread-safe latency histogram in milliseconds with fixed log-linear buckets.
 *
 * <p>Like HdrHistogram but without the dependency: values below {@value #EXACT_LIMIT} ms get
 * their own bucket; above that each power-of-two range is split into {@value #SUB_BUCKETS}
 * equal buckets, so any reported percentile is within about 3% of the true value while
 * memory stays fixed (under 16 KiB) no matter how many values are recorded. Recording is
 * lock-free, so it can sit on a streaming hot path.
 */
public final class LatencyRecorder {

    /** Values below this are counted exactly. */
    static final int EXACT_LIMIT = 64;
    /** Buckets per power-of-two range above {@link #EXACT_LIMIT}. */
    static final int SUB_BUCKETS = 32;
    /** Highest set bit of {@link #EXACT_LIMIT}, where the log-linear groups start. */
    private static final int FIRST_GROUP_BIT = 6;
    /** Bit positions 6..62 cover every non-negative long. */
    private static final int BUCKETS = EXACT_LIMIT + (63 - FIRST_GROUP_BIT) * SUB_BUCKETS;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong sum = new AtomicLong();
    private final AtomicLong min = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong max = new AtomicLong(Long.MIN_VALUE);

    /**
     * Summary of the recorded latencies.
     *
     * @param count number of values
     * @param min   smallest value, 0 when empty
     * @param max   largest value, 0 when empty
     * @param mean  arithmetic mean, 0 when empty
     * @param p50   median
     * @param p90   90th percentile
     * @param p99   99th percentile
     * @param p999  99.9th percentile
     */
    public record Snapshot(long count, long min, long max, double mean,
                           long p50, long p90, long p99, long p999) {
    }

    /** Creates an empty recorder. */
    public LatencyRecorder() {
    }

    /**
     * Records one latency.
     *
     * @param millis the latency; negative values (clock steps) are recorded as 0
     */
    public void record(long millis) {
        long value = Math.max(0, millis);
        // min and max first: a reader that sees the bucket count can then rely on them
        // when capping a percentile.
        min.accumulateAndGet(value, Math::min);
        max.accumulateAndGet(value, Math::max);
        sum.addAndGet(value);
        counts.incrementAndGet(bucketOf(value));
        count.incrementAndGet();
    }

    /** Number of values recorded. */
    public long count() {
        return count.get();
    }

    /**
     * The value at or below which {@code p} percent of recorded values fall.
     *
     * <p>Reports the upper edge of the bucket holding that rank, capped at the largest value
     * seen, so a percentile is never understated: the safe side for latency targets.
     *
     * @param p percentile in [0, 100]
     * @return the percentile in milliseconds, or 0 when nothing has been recorded
     * @throws IllegalArgumentException when {@code p} is outside [0, 100]
     */
    public long percentile(double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], got " + p);
        }
        return percentile(copyCounts(), p);
    }

    /** Summarises the recorded values; percentiles come from one consistent copy of the buckets. */
    public Snapshot snapshot() {
        long[] copy = copyCounts();
        long n = count.get();
        if (n == 0) {
            return new Snapshot(0, 0, 0, 0.0, 0, 0, 0, 0);
        }
        return new Snapshot(n, min.get(), max.get(), (double) sum.get() / n,
                percentile(copy, 50), percentile(copy, 90), percentile(copy, 99), percentile(copy, 99.9));
    }

    private long[] copyCounts() {
        long[] copy = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            copy[i] = counts.get(i);
        }
        return copy;
    }

    private long percentile(long[] buckets, double p) {
        long total = 0;
        for (long c : buckets) {
            total += c;
        }
        if (total == 0) {
            return 0;
        }
        // Nearest-rank definition: the smallest value with at least p% of values at or below it.
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += buckets[i];
            if (seen >= rank) {
                return Math.max(min.get(), Math.min(max.get(), upperEdge(i)));
            }
        }
        return max.get();
    }

    /** Bucket index of a non-negative value. */
    static int bucketOf(long value) {
        if (value < EXACT_LIMIT) {
            return (int) value;
        }
        int topBit = 63 - Long.numberOfLeadingZeros(value);
        int shift = topBit - 5; // keep the top 6 bits: 32..63, i.e. one of 32 sub-buckets
        int sub = (int) (value >>> shift) - SUB_BUCKETS;
        return EXACT_LIMIT + (topBit - FIRST_GROUP_BIT) * SUB_BUCKETS + sub;
    }

    /** Largest value that maps to bucket {@code index}. */
    static long upperEdge(int index) {
        if (index < EXACT_LIMIT) {
            return index;
        }
        int group = (index - EXACT_LIMIT) / SUB_BUCKETS;
        int sub = SUB_BUCKETS + (index - EXACT_LIMIT) % SUB_BUCKETS;
        int shift = group + FIRST_GROUP_BIT - 5;
        long next = (long) (sub + 1) << shift;
        // The very last bucket ends at 2^63, which overflows to negative.
        return next <= 0 ? Long.MAX_VALUE : next - 1;
    }
}
