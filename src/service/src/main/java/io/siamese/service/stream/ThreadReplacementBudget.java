package io.siamese.service.stream;

import java.util.ArrayDeque;

/**
 * At most {@code max} stream-thread replacements within a sliding window: enough to ride out a
 * transient failure, too few to spin on one that recurs (the same record, a topic gone).
 */
final class ThreadReplacementBudget {

    private final int max;
    private final long windowMillis;
    private final ArrayDeque<Long> taken = new ArrayDeque<>();

    /**
     * @param max replacements allowed within the window (0: none)
     * @param windowMillis the window's length
     */
    ThreadReplacementBudget(int max, long windowMillis) {
        if (max < 0 || windowMillis <= 0) {
            throw new IllegalArgumentException("need max >= 0 and a positive window, got " + max + " in " + windowMillis + " ms");
        }
        this.max = max;
        this.windowMillis = windowMillis;
    }

    /**
     * Takes one replacement if the window has one left.
     *
     * @param nowMillis the current time
     * @return whether a replacement was taken
     */
    synchronized boolean tryTake(long nowMillis) {
        while (!taken.isEmpty() && nowMillis - taken.peekFirst() >= windowMillis) {
            taken.pollFirst();
        }
        if (taken.size() >= max) {
            return false;
        }
        taken.addLast(nowMillis);
        return true;
    }

    /** Replacements allowed within the window. */
    int max() {
        return max;
    }
}
