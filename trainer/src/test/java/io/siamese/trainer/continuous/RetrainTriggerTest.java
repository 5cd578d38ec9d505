package io.siamese.trainer.continuous;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RetrainTriggerTest {

    private final AtomicLong now = new AtomicLong(1_000_000);

    private RetrainTrigger trigger(long newLabels) {
        return new RetrainTrigger(500, Duration.ofMinutes(10), now::get, newLabels, now.get());
    }

    @Test
    void isDueOnceNLabelsHaveArrived() {
        RetrainTrigger t = trigger(0);
        t.labelsArrived(499);
        assertEquals(Optional.empty(), t.due());

        t.labelsArrived(1);

        assertTrue(t.due().orElseThrow().startsWith("500 new labels"), t.due().toString());
    }

    @Test
    void isDueAfterTMinutesWhenSomethingIsNew() {
        RetrainTrigger t = trigger(0);
        t.labelsArrived(3);
        now.addAndGet(Duration.ofMinutes(10).toMillis() - 1);
        assertEquals(Optional.empty(), t.due());

        now.addAndGet(1);

        assertTrue(t.due().orElseThrow().contains("10.0 min since the last round with 3 new labels"), t.due().toString());
    }

    @Test
    void timeAloneNeverTriggersARound() {
        RetrainTrigger t = trigger(0);
        now.addAndGet(Duration.ofHours(5).toMillis());

        assertEquals(Optional.empty(), t.due());
    }

    @Test
    void aFinishedRoundStartsTheCountAndTheClockAfreshFromItsEnd() {
        RetrainTrigger t = trigger(0);
        t.labelsArrived(600);
        now.addAndGet(Duration.ofMinutes(15).toMillis()); // a round longer than the interval

        t.roundFinished();
        long ended = now.get();
        t.labelsArrived(2);

        assertEquals(2, t.newLabels());
        assertEquals(ended, t.lastRoundAtMillis());
        assertEquals(Optional.empty(), t.due(), "a long round is not followed at once by one on 2 labels");
        now.set(ended + Duration.ofMinutes(10).toMillis());
        assertTrue(t.due().isPresent(), "the time rule counts from the round's end");
    }

    @Test
    void continuesFromRestoredProgress() {
        RetrainTrigger restored = trigger(450);

        restored.labelsArrived(50);

        assertTrue(restored.due().isPresent());
    }
}
