package io.siamese.trainer.train;

import ai.djl.training.tracker.Tracker;
import java.util.function.DoubleSupplier;

/**
 * Feeds a {@link LearningRateSchedule} to DJL's optimiser. DJL asks for a rate by update count; the
 * schedule wants the fraction of the run done, which a time budget only knows at run time, so the
 * rate is read from a progress supplier instead.
 */
final class ScheduledRate implements Tracker {

    private final LearningRateSchedule schedule;
    private final DoubleSupplier progress;

    ScheduledRate(LearningRateSchedule schedule, DoubleSupplier progress) {
        this.schedule = schedule;
        this.progress = progress;
    }

    @Override
    public float getNewValue(int numUpdate) {
        return schedule.rate(progress.getAsDouble());
    }
}
