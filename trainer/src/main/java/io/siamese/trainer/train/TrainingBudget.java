package io.siamese.trainer.train;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * When a run ends: after a time budget, a number of steps, or a number of epochs, whichever comes
 * first. Its {@link #progress} (0 to 1) drives the learning-rate schedule, so a schedule fits the run
 * whatever ends it.
 */
final class TrainingBudget {

    private final LongSupplier clock;
    private final long started;
    private final long nanos;
    private final long steps;

    /**
     * @param time wall-clock budget, if any
     * @param epochs epoch cap, 0 for none
     * @param stepsPerEpoch optimiser steps in one epoch
     * @param maxSteps step cap, 0 for none
     * @param clock nanosecond clock ({@code System::nanoTime} outside tests)
     */
    TrainingBudget(Optional<Duration> time, int epochs, int stepsPerEpoch, long maxSteps, LongSupplier clock) {
        long byEpochs = epochs > 0 ? (long) epochs * stepsPerEpoch : Long.MAX_VALUE;
        this.steps = Math.min(byEpochs, maxSteps > 0 ? maxSteps : Long.MAX_VALUE);
        this.nanos = time.map(Duration::toNanos).orElse(Long.MAX_VALUE);
        if (steps == Long.MAX_VALUE && nanos == Long.MAX_VALUE) {
            throw new IllegalArgumentException("training needs an end: a time budget, epochs or steps");
        }
        this.clock = clock;
        this.started = clock.getAsLong();
    }

    /** @return the share of the budget used after {@code stepsDone} steps, 0 to 1 */
    double progress(long stepsDone) {
        double byTime = nanos == Long.MAX_VALUE ? 0 : (clock.getAsLong() - started) / (double) nanos;
        double bySteps = steps == Long.MAX_VALUE ? 0 : stepsDone / (double) steps;
        return Math.min(1, Math.max(byTime, bySteps));
    }

    /** @return whether the run must stop before another step */
    boolean exhausted(long stepsDone) {
        return stepsDone >= steps || clock.getAsLong() - started >= nanos;
    }
}
