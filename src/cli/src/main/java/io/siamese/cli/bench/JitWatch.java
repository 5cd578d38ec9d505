package io.siamese.cli.bench;

/**
 * Follows the share of a core a service's JIT compiler uses, from its Prometheus scrape
 * ({@code jvm_compilation_time_ms_total}), to tell when a warm-up has reached steady state.
 */
final class JitWatch {

    /** Shorter windows are too noisy: a single large method can take 100 ms to compile. */
    private static final long WINDOW_NANOS = 3_000_000_000L;

    private final String baseUrl;
    private ServiceProfile last;
    private long lastNanos;
    private double lastShare = Double.NaN;

    JitWatch(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * Whether the JIT used less than {@code share} of a core over the last window; scrapes at most
     * once per window, so calling it in a polling loop is cheap.
     */
    boolean settled(double share) {
        if (last != null && System.nanoTime() - lastNanos < WINDOW_NANOS) {
            return false;
        }
        return scrape() < share;
    }

    /** Scrapes now: the JIT's share of a core since the previous scrape (NaN the first time). */
    double scrape() {
        ServiceProfile now = ServiceProfile.scrape(baseUrl);
        long nanos = System.nanoTime();
        if (last != null) {
            Double share = now.since(last, (nanos - lastNanos) / 1e9).figures().get("jit_cores");
            lastShare = share == null ? 0 : share; // no compilation metric: nothing to wait for
        }
        last = now;
        lastNanos = nanos;
        return lastShare;
    }

    /** The latest scrape (null before the first). */
    ServiceProfile last() {
        return last;
    }

    /** The JIT's share of a core in the latest window (NaN before two scrapes). */
    double lastShare() {
        return lastShare;
    }
}
