package io.siamese.encoder.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClassIndexTest {

    private final InMemoryImages images = new InMemoryImages(4, 2, 0, 2, 1, 0, 2);
    private final ClassIndex index = ClassIndex.of(images);

    @Test
    void shouldGroupIndicesByClassAscending() {
        assertArrayEquals(new int[] {1, 4}, index.indicesOf(0));
        assertArrayEquals(new int[] {3}, index.indicesOf(1));
        assertArrayEquals(new int[] {0, 2, 5}, index.indicesOf(2));
        assertArrayEquals(new int[0], index.indicesOf(3));
        assertEquals(3, index.nonEmptyClassCount());
        assertArrayEquals(images.indicesOfClass(2), index.indicesOf(2));
    }

    @Test
    void shouldDrawEveryOutsideImageAndNothingInside() {
        SplittableRandom random = new SplittableRandom(1);
        int[] hits = new int[images.size()];
        for (int i = 0; i < 3000; i++) {
            int drawn = index.randomNotOfClass(2, random);
            assertNotEquals(2, images.label(drawn));
            hits[drawn]++;
        }
        for (int i : new int[] {1, 3, 4}) {
            assertTrue(hits[i] > 800, "image " + i + " drawn " + hits[i] + " times of ~1000");
        }
    }

    @Test
    void shouldDrawOtherClassMembersUniformlyExceptTheExcluded() {
        SplittableRandom random = new SplittableRandom(2);
        int[] hits = new int[images.size()];
        for (int i = 0; i < 2000; i++) {
            hits[index.randomOfClassExcept(2, 2, random)]++;
        }
        assertEquals(0, hits[2]);
        assertEquals(2000, hits[0] + hits[5]);
        assertTrue(hits[0] > 850 && hits[5] > 850, hits[0] + " vs " + hits[5]);
    }

    @Test
    void shouldRejectLabelOutsideTheDeclaredClasses() {
        assertThrows(IllegalArgumentException.class, () -> ClassIndex.of(new InMemoryImages(2, 0, 2)));
    }
}
