package io.siamese.encoder.eval;

/**
 * Thread-safe running count of correct decisions, for streaming evaluation.
 *
 * <p>Both counters are guarded by one lock rather than two atomics so that a reader never sees
 * a correct count from one moment paired with a total from another (which could even yield an
 * accuracy above 1). Recording is a few nanoseconds of uncontended locking, far below the cost
 * of the inference that produced the decision.
 */
public final class RunningAccuracy {

    private long correct;
    private long total;

    /** Creates an empty counter. */
    public RunningAccuracy() {
    }

    /**
     * Records one decision.
     *
     * @param wasCorrect whether the decision matched the label
     */
    public synchronized void record(boolean wasCorrect) {
        total++;
        if (wasCorrect) {
            correct++;
        }
    }

    /**
     * Share of decisions that were correct.
     *
     * @return accuracy in [0, 1], or {@code NaN} when nothing has been recorded, so that
     *         "no data yet" is never mistaken for "always wrong"
     */
    public synchronized double accuracy() {
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    /** Number of decisions recorded so far. */
    public synchronized long total() {
        return total;
    }

    /** Number of correct decisions recorded so far. */
    public synchronized long correct() {
        return correct;
    }

    /** Shows counts and accuracy, e.g. for log lines. */
    @Override
    public synchronized String toString() {
        return "RunningAccuracy[correct=" + correct + ", total=" + total + "]";
    }
}
