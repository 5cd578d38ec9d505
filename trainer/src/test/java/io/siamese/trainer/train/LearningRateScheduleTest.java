package io.siamese.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void shouldWarmUpLinearlyFromATenthOfThePeak() {
        LearningRateSchedule s = LearningRateSchedule.warmupCosine(1e-3f, 0.1);
        assertEquals(1e-4f, s.rate(0), 1e-9f);
        assertEquals(0.55e-3f, s.rate(0.05), 1e-8f);
        assertEquals(1e-3f, s.rate(0.1), 1e-8f);
    }

    @Test
    void shouldDecayAlongAHalfCosineToZeroAtTheEndOfTheRun() {
        LearningRateSchedule s = LearningRateSchedule.warmupCosine(1e-3f, 0.2);
        assertEquals(0.5e-3f, s.rate(0.6), 1e-8f);
        assertEquals(0f, s.rate(1.0), 1e-9f);
        assertEquals(0f, s.rate(1.7), 1e-9f, "progress beyond the end is clamped");
        assertTrue(s.rate(0.4) > s.rate(0.5) && s.rate(0.5) > s.rate(0.9));
    }

    @Test
    void shouldKeepAConstantRateThroughoutWhenNotScheduled() {
        LearningRateSchedule s = LearningRateSchedule.constant(5e-4f);
        assertEquals(5e-4f, s.rate(0));
        assertEquals(5e-4f, s.rate(0.99));
        assertEquals("constant 5.0E-4", s.describe());
    }

    @Test
    void shouldRejectAWarmUpThatNeverEnds() {
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.warmupCosine(1e-3f, 1.0));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.warmupCosine(0f, 0.1));
    }

    @Test
    void shouldMeasureProgressByTimeOrStepsWhicheverIsFurther() {
        AtomicLong now = new AtomicLong(1_000);
        TrainingBudget budget = new TrainingBudget(Optional.of(Duration.ofSeconds(100)), 2, 50, 0, now::get);
        assertEquals(0.25, budget.progress(25), 1e-9, "25 of 100 steps, no time spent");
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        assertEquals(0.6, budget.progress(25), 1e-9, "60 of 100 seconds");
        assertTrue(!budget.exhausted(99));
        assertTrue(budget.exhausted(100), "2 epochs of 50 steps");
        now.addAndGet(Duration.ofSeconds(40).toNanos());
        assertTrue(budget.exhausted(0), "the time budget is spent");
        assertEquals(1.0, budget.progress(0), 1e-9);
    }

    @Test
    void shouldEndAtTheStepCapWhenItComesBeforeTheEpochs() {
        TrainingBudget budget = new TrainingBudget(Optional.empty(), 10, 50, 20, System::nanoTime);
        assertEquals(0.5, budget.progress(10), 1e-9);
        assertTrue(budget.exhausted(20));
    }

    @Test
    void shouldRefuseARunWithoutAnEnd() {
        assertThrows(IllegalArgumentException.class, () -> new TrainingBudget(Optional.empty(), 0, 50, 0, System::nanoTime));
    }
}
