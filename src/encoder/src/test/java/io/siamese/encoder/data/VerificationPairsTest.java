package io.siamese.encoder.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerificationPairsTest {

    private final InMemoryImages images = InMemoryImages.interleaved(5, 200);

    private static void assertLabelsMatchClasses(LabelledImages images, List<Pair> pairs) {
        for (Pair pair : pairs) {
            boolean same = images.label(pair.left()) == images.label(pair.right());
            assertEquals(same, pair.sameClass(), pair.toString());
            if (same) {
                assertNotEquals(pair.left(), pair.right(), "self pair " + pair);
            }
        }
    }

    @Test
    void shouldBalanceSameAndDifferentPairsExactly() {
        List<Pair> pairs = VerificationPairs.balanced(images, 1000, 1);
        assertEquals(1000, pairs.size());
        assertEquals(500, pairs.stream().filter(Pair::sameClass).count());
        for (int i = 0; i < pairs.size(); i++) {
            assertEquals(i % 2 == 0, pairs.get(i).sameClass(), "position " + i);
        }
        assertLabelsMatchClasses(images, pairs);
    }

    @Test
    void shouldBuildTheSameBalancedListForTheSameSeed() {
        assertEquals(VerificationPairs.balanced(images, 100, 7), VerificationPairs.balanced(images, 100, 7));
        assertNotEquals(VerificationPairs.balanced(images, 100, 7), VerificationPairs.balanced(images, 100, 8));
    }

    @Test
    void shouldGiveOddCountOneExtraSameClassPair() {
        List<Pair> pairs = VerificationPairs.balanced(images, 7, 1);
        assertEquals(7, pairs.size());
        assertEquals(4, pairs.stream().filter(Pair::sameClass).count());
        assertThrows(IllegalArgumentException.class, () -> VerificationPairs.balanced(images, -2, 1));
    }

    @Test
    void shouldRejectDatasetWhereNoSameClassPairExists() {
        assertThrows(IllegalArgumentException.class,
                () -> VerificationPairs.balanced(InMemoryImages.withClassSizes(1, 1, 1), 4, 1));
    }
}
