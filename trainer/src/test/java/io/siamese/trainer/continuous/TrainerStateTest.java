package io.siamese.trainer.continuous;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerStateTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileIsAFreshStateStartingItsClockNow() {
        TrainerState s = TrainerState.load(dir.resolve("state.json"), 1234);

        assertEquals(0, s.pairsSeen());
        assertEquals(1234, s.lastRoundAtMillis());
        assertTrue(Double.isNaN(s.lastLoss()));
    }

    @Test
    void countersSurviveASaveAndALoad() {
        Path file = dir.resolve("w").resolve("state.json");
        TrainerState s = TrainerState.fresh(5).withIngested(10, 2, 1, 8).withTrigger(8, 7)
                .withRound(true, "m-2", 0.25, 640).withRound(false, "m-2", 0.2, 320);

        s.save(file);
        TrainerState fresh = TrainerState.fresh(5);
        fresh.save(dir.resolve("nan.json"));

        assertEquals(s, TrainerState.load(file, 99));
        assertEquals(2, s.rounds());
        assertEquals(1, s.promotions());
        assertEquals(1, s.rejections());
        assertEquals(960, s.pairsTrained());
        assertTrue(Double.isNaN(TrainerState.load(dir.resolve("nan.json"), 0).lastLoss()), "NaN round-trips");
    }
}
