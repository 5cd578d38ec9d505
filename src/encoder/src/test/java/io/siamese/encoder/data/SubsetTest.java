package io.siamese.encoder.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SubsetTest {

    private final InMemoryImages base = InMemoryImages.withClassSizes(3, 3);

    @Test
    void shouldViewBaseImagesInTheGivenOrder() {
        int[] indices = {5, 0, 3};
        Subset subset = new Subset(base, indices);
        indices[0] = 1; // the subset keeps its own copy
        assertEquals(3, subset.size());
        assertEquals(5, subset.baseIndex(0));
        assertEquals(1, subset.label(0));
        assertArrayEquals(new float[] {3}, subset.tensor(2));
        assertEquals(2, subset.numClasses());
        assertEquals("class-1", subset.className(1));
        assertEquals("3 of in-memory (6 images, 2 classes)", subset.description());
        assertArrayEquals(new int[] {1}, subset.indicesOfClass(0));
    }

    @Test
    void shouldRejectIndexOutsideBase() {
        assertThrows(IndexOutOfBoundsException.class, () -> new Subset(base, new int[] {6}));
    }
}
