package io.siamese.trainer.continuous;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Decides when a retraining round is due: when {@code everyLabels} new training labels have arrived since the
 * last round, or {@code every} has passed since it with at least one new label, whichever comes first. With
 * nothing new there is nothing to learn, so time alone never triggers a round. The clock is injected so the
 * rule can be tested without waiting.
 */
public final class RetrainTrigger {

    private final long everyLabels;
    private final Duration every;
    private final LongSupplier clockMillis;
    private long newLabels;
    private long lastRoundAtMillis;

    /**
     * @param everyLabels new labels that trigger a round; at least 1
     * @param every time that triggers a round when something new arrived; positive
     * @param clockMillis wall clock in epoch milliseconds, e.g. {@code System::currentTimeMillis}
     * @param newLabels labels that arrived since the last round (persisted across restarts)
     * @param lastRoundAtMillis when the last round ended, or when training began if none ran yet
     */
    public RetrainTrigger(long everyLabels, Duration every, LongSupplier clockMillis, long newLabels,
            long lastRoundAtMillis) {
        if (everyLabels < 1) {
            throw new IllegalArgumentException("--retrain-every must be >= 1, got " + everyLabels);
        }
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("--retrain-minutes must be positive, got " + every);
        }
        this.everyLabels = everyLabels;
        this.every = every;
        this.clockMillis = clockMillis;
        this.newLabels = newLabels;
        this.lastRoundAtMillis = lastRoundAtMillis;
    }

    /** Counts labels that reached the training store. */
    public synchronized void labelsArrived(long count) {
        newLabels += count;
    }

    /**
     * Whether a round is due now.
     *
     * @return why (e.g. "500 new labels"), or empty when none is due
     */
    public synchronized Optional<String> due() {
        if (newLabels >= everyLabels) {
            return Optional.of(newLabels + " new labels (--retrain-every " + everyLabels + ")");
        }
        long waited = clockMillis.getAsLong() - lastRoundAtMillis;
        if (newLabels > 0 && waited >= every.toMillis()) {
            return Optional.of(String.format(java.util.Locale.ROOT, "%.1f min since the last round with %d new labels"
                    + " (--retrain-minutes %s)", waited / 60_000.0, newLabels, minutes(every)));
        }
        return Optional.empty();
    }

    /**
     * A round ended (trained, or skipped for want of data): count afresh from now. The time rule counts from
     * the end, so a round that takes longer than the interval is not followed at once by another on a handful
     * of labels. Not called for a round cut short by a stop, so that it is due again at once after a restart.
     */
    public synchronized void roundFinished() {
        newLabels = 0;
        lastRoundAtMillis = clockMillis.getAsLong();
    }

    /** Labels since the last round. */
    public synchronized long newLabels() {
        return newLabels;
    }

    /** When the last round ended, epoch milliseconds. */
    public synchronized long lastRoundAtMillis() {
        return lastRoundAtMillis;
    }

    private static String minutes(Duration d) {
        double m = d.toMillis() / 60_000.0;
        return m == Math.rint(m) ? Long.toString((long) m) : Double.toString(m);
    }
}
