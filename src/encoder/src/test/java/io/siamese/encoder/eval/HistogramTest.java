package io.siamese.encoder.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HistogramTest {

    @Test
    void shouldCountEachClassIntoSharedEqualWidthBins() {
        double[] distances = {0.0, 0.1, 0.3, 0.5, 0.6, 1.0};
        int[] labels = {0, 0, 0, 1, 1, 1};

        Histogram h = Histogram.of(distances, labels, 4);

        assertEquals(0.0, h.min());
        assertEquals(1.0, h.max());
        assertEquals(0.25, h.binWidth(), 1e-12);
        assertArrayEquals(new int[] {2, 1, 0, 0}, h.sameCounts());
        assertArrayEquals(new int[] {0, 0, 2, 1}, h.differentCounts(), "max lands in the last bin");
        assertEquals(0.5, h.binStart(2), 1e-12);
    }

    @Test
    void shouldPutEverythingInFirstBinWhenAllDistancesAreEqual() {
        Histogram h = Histogram.of(new double[] {0.7, 0.7, 0.7}, new int[] {0, 1, 1}, 3);

        assertArrayEquals(new int[] {1, 0, 0}, h.sameCounts());
        assertArrayEquals(new int[] {2, 0, 0}, h.differentCounts());
    }

    @Test
    void shouldNotLetCallersMutateTheCounts() {
        int[] same = {1, 2};
        Histogram h = new Histogram(0, 1, same, new int[] {0, 0});
        same[0] = 99;
        h.sameCounts()[1] = 99;

        assertArrayEquals(new int[] {1, 2}, h.sameCounts());
    }

    @Test
    void shouldCompareByValue() {
        Histogram a = Histogram.of(new double[] {0.1, 0.9}, new int[] {0, 1}, 2);
        Histogram b = Histogram.of(new double[] {0.9, 0.1}, new int[] {1, 0}, 2);

        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, Histogram.of(new double[] {0.1, 0.9}, new int[] {1, 0}, 2));
    }

    @Test
    void shouldRejectInvalidInput() {
        assertThrows(IllegalArgumentException.class,
                () -> Histogram.of(new double[] {0.1}, new int[] {0}, 0));
        assertThrows(IllegalArgumentException.class,
                () -> Histogram.of(new double[] {0.1}, new int[] {3}, 2));
        assertThrows(IllegalArgumentException.class,
                () -> new Histogram(1, 0, new int[] {1}, new int[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> new Histogram(0, 1, new int[] {1}, new int[] {1, 2}));
    }
}
