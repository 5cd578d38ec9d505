package io.siamese.service.live;

import java.util.ArrayList;
import java.util.List;

/** The last {@code capacity} pairs kept for the page, newest first. Thread-safe, fixed size. */
final class RecentPairs {

    private final PairView[] ring;
    private long added;

    RecentPairs(int capacity) {
        this.ring = new PairView[capacity];
    }

    /** Keeps a pair, dropping the oldest once full. */
    synchronized void add(PairView pair) {
        ring[(int) (added % ring.length)] = pair;
        added++;
    }

    /** The pairs held, newest first. */
    synchronized List<PairView> newestFirst() {
        int n = (int) Math.min(added, ring.length);
        List<PairView> out = new ArrayList<>(n);
        for (long i = added - 1; i >= added - n; i--) {
            out.add(ring[(int) (i % ring.length)]);
        }
        return out;
    }

    /** How many pairs can be held. */
    int capacity() {
        return ring.length;
    }
}
