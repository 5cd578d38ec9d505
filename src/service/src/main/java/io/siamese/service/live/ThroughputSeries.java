package io.siamese.service.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Results per wall-clock second over the last {@value #SECONDS} seconds, with the mean and the
 * largest end-to-end latency of each second. Fixed memory: one slot per second, reused when the
 * clock comes round again.
 */
final class ThroughputSeries {

    /** Seconds of history kept. */
    static final int SECONDS = 120;
    /** Complete seconds the headline rate is averaged over: steady enough to read, quick to react. */
    static final int RATE_WINDOW = 5;

    private final long[] second = new long[SECONDS];
    private final long[] count = new long[SECONDS];
    private final long[] latencySum = new long[SECONDS];
    private final long[] latencyMax = new long[SECONDS];
    private long total;

    /** Counts one result at {@code nowMillis} with its end-to-end latency. */
    synchronized void add(long nowMillis, long latencyMillis) {
        long s = Math.floorDiv(nowMillis, 1000);
        int i = slot(s);
        if (second[i] != s) {
            second[i] = s;
            count[i] = 0;
            latencySum[i] = 0;
            latencyMax[i] = 0;
        }
        count[i]++;
        latencySum[i] += Math.max(0, latencyMillis);
        latencyMax[i] = Math.max(latencyMax[i], latencyMillis);
        total++;
    }

    /**
     * The series as of {@code nowMillis}: the rate over the last {@value #RATE_WINDOW} complete
     * seconds, the total, and one point per second, oldest first, the running second last.
     */
    synchronized Map<String, Object> snapshot(long nowMillis) {
        long now = Math.floorDiv(nowMillis, 1000);
        List<Map<String, Object>> points = new ArrayList<>(SECONDS);
        long recent = 0;
        for (long s = now - SECONDS + 1; s <= now; s++) {
            int i = slot(s);
            boolean live = second[i] == s;
            long n = live ? count[i] : 0;
            if (s < now && s >= now - RATE_WINDOW) {
                recent += n;
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("t", s * 1000);
            p.put("pairs", n);
            p.put("latencyMeanMs", n == 0 ? null : (double) latencySum[i] / n);
            p.put("latencyMaxMs", n == 0 ? null : latencyMax[i]);
            points.add(p);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pairsPerSecond", (double) recent / RATE_WINDOW);
        out.put("windowSeconds", RATE_WINDOW);
        out.put("total", total);
        out.put("series", points);
        return out;
    }

    private static int slot(long second) {
        return (int) Math.floorMod(second, (long) SECONDS);
    }
}
