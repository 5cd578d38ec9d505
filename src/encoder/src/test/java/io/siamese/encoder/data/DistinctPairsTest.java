package io.siamese.encoder.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DistinctPairsTest {

    /** Checks labels, no self pairs and no pair twice; returns the number of same pairs. */
    private static long assertDistinctAndLabelled(LabelledImages images, List<Pair> pairs) {
        Set<Long> seen = new HashSet<>();
        for (Pair pair : pairs) {
            assertTrue(pair.left() < pair.right(), "ordered, no self pair: " + pair);
            assertEquals(images.label(pair.left()) == images.label(pair.right()), pair.sameClass(), pair.toString());
            assertTrue(seen.add((long) pair.left() << 32 | pair.right()), "pair twice: " + pair);
        }
        return pairs.stream().filter(Pair::sameClass).count();
    }

    @Test
    void shouldTakeEveryDistinctPairWhenTheyFitUnderTheCap() {
        InMemoryImages images = InMemoryImages.interleaved(3, 30);
        DistinctPairs all = DistinctPairs.choose(images, 200_000, 1);
        assertEquals(435, all.pairs().size(), "30 * 29 / 2");
        assertTrue(all.complete());
        assertEquals(3 * 45, all.sameAvailable(), "3 classes of 10: 3 * (10 * 9 / 2)");
        assertEquals(300, all.differentAvailable());
        assertEquals(135, assertDistinctAndLabelled(images, all.pairs()));
    }

    @Test
    void shouldCountPairsOfUnevenClassesIncludingSingletons() {
        InMemoryImages images = InMemoryImages.withClassSizes(1, 5, 1, 4, 0);
        DistinctPairs all = DistinctPairs.choose(images, 1_000, 1);
        assertEquals(10 + 6, all.sameAvailable());
        assertEquals(11 * 10 / 2 - 16, all.differentAvailable());
        assertEquals(16, assertDistinctAndLabelled(images, all.pairs()));
    }

    @Test
    void shouldSampleBalancedDistinctPairsAboveTheCap() {
        InMemoryImages images = InMemoryImages.interleaved(5, 400);
        DistinctPairs sample = DistinctPairs.choose(images, 2_000, 7);
        assertEquals(2_000, sample.pairs().size());
        assertFalse(sample.complete());
        assertEquals(1_000, assertDistinctAndLabelled(images, sample.pairs()), "half same");
        assertEquals(sample, DistinctPairs.choose(images, 2_000, 7), "deterministic for a seed");
        assertNotEquals(sample.pairs(), DistinctPairs.choose(images, 2_000, 8).pairs());
    }

    @Test
    void shouldFillWithDifferentPairsWhenSamePairsRunOut() {
        // 4 classes of 5 images: 40 same pairs exist, so 300 pairs are 40 same and 260 different.
        InMemoryImages images = InMemoryImages.withClassSizes(5, 5, 5, 5);
        DistinctPairs sample = DistinctPairs.choose(images, 180, 3);
        assertEquals(180, sample.pairs().size());
        assertEquals(40, assertDistinctAndLabelled(images, sample.pairs()));
    }

    @Test
    void shouldTakeAllPairsWhenMoreAreAskedForThanExist() {
        InMemoryImages images = InMemoryImages.withClassSizes(3, 3);
        DistinctPairs all = DistinctPairs.choose(images, 2_000, 3);
        assertEquals(15, all.pairs().size());
        assertTrue(all.complete());
    }

    @Test
    void shouldDrawEveryNumberAtMostOnce() {
        long[] drawn = DistinctPairs.sampleWithoutRepetition(1_000, 999, new SplittableRandom(5));
        assertEquals(999, drawn.length);
        for (int i = 1; i < drawn.length; i++) {
            assertTrue(drawn[i] > drawn[i - 1], "ascending and distinct at " + i);
        }
    }
}
