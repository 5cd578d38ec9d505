package io.siamese.trainer.continuous;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HoldoutSplitTest {

    @Test
    void assignsTheSameIdToTheSameSliceEveryTime() {
        HoldoutSplit a = new HoldoutSplit(0.1, 0.1);
        HoldoutSplit b = new HoldoutSplit(0.1, 0.1);

        for (int i = 0; i < 1000; i++) {
            String id = "p-run-" + i;
            assertEquals(a.sliceOf(id), b.sliceOf(id), id);
            assertEquals(a.sliceOf(id), a.sliceOf(id), id);
        }
        // A fixed expectation: the rule must not change between releases, or restarts would move pairs.
        assertEquals(HoldoutSplit.bucket("p-run-0"), HoldoutSplit.bucket(new String("p-run-0")));
    }

    @Test
    void holdsOutAboutTheConfiguredFractions() {
        HoldoutSplit split = new HoldoutSplit(0.1, 0.2);
        Map<HoldoutSplit.Slice, Integer> counts = new EnumMap<>(HoldoutSplit.Slice.class);

        for (int i = 0; i < 20_000; i++) {
            counts.merge(split.sliceOf("pair-" + i), 1, Integer::sum);
        }

        assertTrue(Math.abs(counts.get(HoldoutSplit.Slice.HOLDOUT) - 2000) < 200, counts.toString());
        assertTrue(Math.abs(counts.get(HoldoutSplit.Slice.VALIDATION) - 4000) < 300, counts.toString());
    }

    @Test
    void aLargerHoldoutKeepsEveryPairThatWasHeldOutBefore() {
        HoldoutSplit small = new HoldoutSplit(0.05, 0.0);
        HoldoutSplit large = new HoldoutSplit(0.10, 0.0);

        for (int i = 0; i < 5000; i++) {
            String id = "k" + i;
            if (small.sliceOf(id) == HoldoutSplit.Slice.HOLDOUT) {
                assertEquals(HoldoutSplit.Slice.HOLDOUT, large.sliceOf(id), id);
            }
        }
    }

    @Test
    void rejectsFractionsThatLeaveNothingToTrainOn() {
        assertThrows(IllegalArgumentException.class, () -> new HoldoutSplit(0.6, 0.4));
        assertThrows(IllegalArgumentException.class, () -> new HoldoutSplit(-0.1, 0.1));
    }
}
