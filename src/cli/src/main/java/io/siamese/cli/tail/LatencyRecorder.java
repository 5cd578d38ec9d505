package io.siamese.cli.tail;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Thread-safe latency histogram in milliseconds, on HdrHistogram.
 *
 * <p>Values from 0 to {@value #HIGHEST_TRACKABLE_MILLIS} ms (one hour) are kept with
 * {@value #SIGNIFICANT_DIGITS} significant digits: exact below 2048 ms and within 0.1% above,
 * in fixed memory however many values are recorded. Recording goes through an HdrHistogram
 * {@link Recorder}, which is wait-free, so it can sit on a streaming hot path while another
 * thread reads; a read folds what was recorded since the previous read into one cumulative
 * histogram, so every percentile of a {@link Snapshot} comes from the same consistent counts.
 *
 * <p>Out-of-range values never throw: a negative latency (a clock step between machines) is
 * recorded as 0 and one above an hour as an hour, so a stalled run still shows up at the top.
 */
public final class LatencyRecorder {

    /** Largest latency kept as such; larger ones are recorded as this value. */
    public static final long HIGHEST_TRACKABLE_MILLIS = 3_600_000L;
    /** Decimal digits of precision HdrHistogram keeps for every value. */
    static final int SIGNIFICANT_DIGITS = 3;

    private final Recorder recorder = new Recorder(HIGHEST_TRACKABLE_MILLIS, SIGNIFICANT_DIGITS);
    /** Everything recorded so far; guarded by {@code this}. */
    private final Histogram cumulative = new Histogram(HIGHEST_TRACKABLE_MILLIS, SIGNIFICANT_DIGITS);
    /** The recorder's previous interval histogram, reused to avoid an allocation per read. */
    private Histogram interval;

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
     * @param millis the latency; negative values are recorded as 0, values above
     *               {@link #HIGHEST_TRACKABLE_MILLIS} as that value
     */
    public void record(long millis) {
        recorder.recordValue(Math.min(Math.max(0, millis), HIGHEST_TRACKABLE_MILLIS));
    }

    /** Number of values recorded. */
    public synchronized long count() {
        return collect().getTotalCount();
    }

    /**
     * The value at or below which {@code p} percent of recorded values fall (nearest rank).
     *
     * <p>HdrHistogram reports the highest value equivalent to that rank's, so a percentile is
     * never understated, which is the safe side for latency targets.
     *
     * @param p percentile in [0, 100]
     * @return the percentile in milliseconds, or 0 when nothing has been recorded
     * @throws IllegalArgumentException when {@code p} is outside [0, 100]
     */
    public synchronized long percentile(double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], got " + p);
        }
        return collect().getValueAtPercentile(p);
    }

    /** Summarises the recorded values, all from the same counts. */
    public synchronized Snapshot snapshot() {
        Histogram h = collect();
        if (h.getTotalCount() == 0) {
            return new Snapshot(0, 0, 0, 0.0, 0, 0, 0, 0);
        }
        return new Snapshot(h.getTotalCount(), h.getMinValue(), h.getMaxValue(), h.getMean(),
                h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9));
    }

    /** Folds the values recorded since the last read into the cumulative histogram. */
    private Histogram collect() {
        interval = recorder.getIntervalHistogram(interval);
        cumulative.add(interval);
        return cumulative;
    }
}
