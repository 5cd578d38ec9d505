package io.siamese.encoder.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.siamese.encoder.image.Preprocessing;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdxDatasetTest {

    private final byte[] pixels = IdxFiles.pixels(4, 28 * 28);
    private final IdxReader.Images images = new IdxReader.Images(4, 28, 28, pixels);
    private final Preprocessing upscale = new Preprocessing(40, 40, true);

    @Test
    void shouldPreprocessEachImageFromItsRawPixels() {
        var dataset = new IdxDataset(images, new int[] {2, 0, 1, 2}, List.of("a", "b", "c"), upscale, "tiny");
        for (int i = 0; i < 4; i++) {
            byte[] own = Arrays.copyOfRange(pixels, i * 784, (i + 1) * 784);
            assertArrayEquals(Preprocessing.fromGray8(own, 28, 28, upscale), dataset.tensor(i));
            assertArrayEquals(own, dataset.pixels(i));
        }
        assertEquals(1600, dataset.tensor(0).length);
    }

    @Test
    void shouldDescribeItselfWithCounts() {
        var dataset = new IdxDataset(images, new int[] {2, 0, 1, 2}, List.of("a", "b", "c"), upscale, "tiny test");
        assertEquals("tiny test (4 images, 3 classes)", dataset.description());
        assertEquals("c", dataset.className(dataset.label(0)));
        assertArrayEquals(new int[] {0, 3}, dataset.indicesOfClass(2));
    }

    @Test
    void shouldNumberClassesWhenNoNamesAreGiven() {
        var dataset = new IdxDataset(images, new int[] {4, 0, 1, 2}, List.of(), upscale, "numbered");
        assertEquals(5, dataset.numClasses());
        assertEquals("4", dataset.className(4));
    }

    @Test
    void shouldRejectMismatchedLabelCountOrUnnamedLabel() {
        assertThrows(IllegalArgumentException.class,
                () -> new IdxDataset(images, new int[] {0, 1}, List.of(), upscale, "x"));
        assertThrows(IllegalArgumentException.class,
                () -> new IdxDataset(images, new int[] {0, 1, 2, 3}, List.of("a", "b"), upscale, "x"));
    }
}
