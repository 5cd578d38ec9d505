package io.siamese.encoder.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PairSamplerTest {

    private final InMemoryImages tenClasses = InMemoryImages.interleaved(10, 1000);

    private static void assertAboutHalfSame(List<Pair> pairs) {
        long same = pairs.stream().filter(Pair::sameClass).count();
        double fraction = (double) same / pairs.size();
        assertTrue(fraction >= 0.47 && fraction <= 0.53, "same-class fraction " + fraction);
    }

    @Test
    void shouldDrawAboutHalfSameClassPairs() {
        assertAboutHalfSame(new PairSampler(tenClasses, 1).sample(10_000));
    }

    @Test
    void shouldDrawAboutHalfSameClassPairsEvenWhenClassesAreImbalanced() {
        assertAboutHalfSame(new PairSampler(InMemoryImages.withClassSizes(1000, 10, 3), 2).sample(10_000));
    }

    @Test
    void shouldLabelPairsByWhetherTheirClassesMatch() {
        for (Pair pair : new PairSampler(tenClasses, 3).sample(10_000)) {
            boolean same = tenClasses.label(pair.left()) == tenClasses.label(pair.right());
            assertEquals(same ? Pair.SAME : Pair.DIFFERENT, pair.label(), pair.toString());
        }
    }

    @Test
    void shouldReproducePairsWithTheSameSeed() {
        assertEquals(new PairSampler(tenClasses, 42).sample(500), new PairSampler(tenClasses, 42).sample(500));
    }

    @Test
    void shouldDrawDifferentPairsWithAnotherSeed() {
        assertNotEquals(new PairSampler(tenClasses, 42).sample(500), new PairSampler(tenClasses, 43).sample(500));
    }

    @Test
    void shouldContinueTheSameSequenceWhetherDrawnOneByOneOrInBulk() {
        PairSampler oneByOne = new PairSampler(tenClasses, 5);
        List<Pair> bulk = new PairSampler(tenClasses, 5).sample(20);
        for (Pair expected : bulk) {
            assertEquals(expected, oneByOne.next());
        }
    }

    @Test
    void shouldPickFirstImagesFromTheWholeDataset() {
        boolean[] seen = new boolean[tenClasses.size()];
        for (Pair pair : new PairSampler(tenClasses, 6).sample(20_000)) {
            seen[pair.left()] = true;
        }
        for (int i = 0; i < seen.length; i++) {
            assertTrue(seen[i], "image " + i + " never drawn first");
        }
    }

    @Test
    void shouldRejectDatasetWithOneClass() {
        assertThrows(IllegalArgumentException.class,
                () -> new PairSampler(InMemoryImages.withClassSizes(5, 0), 1));
    }

    @Test
    void shouldRejectInvalidPairLabel() {
        assertThrows(IllegalArgumentException.class, () -> new Pair(0, 1, 2));
    }
}
