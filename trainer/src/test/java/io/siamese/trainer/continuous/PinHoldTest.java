package io.siamese.trainer.continuous;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

class PinHoldTest {

    /** Answers each read with the next scripted answer: a version, none, or a failure. */
    private final Deque<Supplier<Optional<String>>> answers = new ArrayDeque<>();
    private final List<String> reports = new ArrayList<>();
    private final PinHold hold = new PinHold(() -> answers.remove().get(), reports::add);

    private void pinned(String version) {
        answers.add(() -> Optional.of(version));
    }

    private void unpinned() {
        answers.add(Optional::empty);
    }

    private void unreadable(RuntimeException e) {
        answers.add(() -> {
            throw e;
        });
    }

    @Test
    void shouldLetTheRoundRunWhenNothingIsPinned() {
        unpinned();

        assertFalse(hold.holdsRound());
        assertEquals(List.of(), reports);
    }

    @Test
    void shouldHoldRoundsWhilePinnedAndReportThePinOnce() {
        pinned("m-1");
        pinned("m-1");
        pinned("m-2");

        assertTrue(hold.holdsRound());
        assertTrue(hold.holdsRound());
        assertTrue(hold.holdsRound());

        assertEquals(2, reports.size(), reports.toString());
        assertTrue(reports.get(0).contains("pinned m-1"), reports.get(0));
        assertTrue(reports.get(1).contains("pinned m-2"), reports.get(1));
    }

    @Test
    void shouldHoldTheRoundWhileThePinCannotBeReadAndReportWhy() {
        unreadable(new KafkaException("broker down"));
        unreadable(new KafkaException("broker down"));
        unreadable(new IllegalStateException("could not read model-checkpoints to its end in 10 s"));

        assertTrue(hold.holdsRound());
        assertTrue(hold.holdsRound());
        assertTrue(hold.holdsRound());

        assertEquals(2, reports.size(), reports.toString());
        assertTrue(reports.get(0).startsWith("cannot read the operator's pin from model-checkpoints (broker down)"),
                reports.get(0));
        assertTrue(reports.get(1).contains("to its end in 10 s"), reports.get(1));
    }

    @Test
    void shouldRunTheRoundOnceThePinIsReadableAgainAndAbsent() {
        unreadable(new KafkaException("broker down"));
        unpinned();

        assertTrue(hold.holdsRound());
        assertFalse(hold.holdsRound());
    }

    @Test
    void shouldReportTheSamePinAgainWhenItReturnsAfterAnUnpin() {
        pinned("m-1");
        unpinned();
        pinned("m-1");

        assertTrue(hold.holdsRound());
        assertFalse(hold.holdsRound());
        assertTrue(hold.holdsRound());

        assertEquals(2, reports.size(), reports.toString());
    }
}
