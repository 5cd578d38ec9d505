package io.siamese.encoder.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TripletSamplerTest {

    @Test
    void shouldKeepPositiveInClassAndNegativeOutside() {
        InMemoryImages images = InMemoryImages.interleaved(4, 300);
        for (Triplet t : new TripletSampler(images, 9).sample(5_000)) {
            assertEquals(images.label(t.anchor()), images.label(t.positive()), t.toString());
            assertNotEquals(t.anchor(), t.positive(), t.toString());
            assertNotEquals(images.label(t.anchor()), images.label(t.negative()), t.toString());
        }
    }

    @Test
    void shouldReuseTheAnchorAsPositiveOnlyForSingletonClasses() {
        InMemoryImages images = InMemoryImages.withClassSizes(1, 2, 50);
        for (Triplet t : new TripletSampler(images, 4).sample(5_000)) {
            boolean singleton = images.label(t.anchor()) == 0;
            assertEquals(singleton, t.anchor() == t.positive(), t.toString());
        }
    }

    @Test
    void shouldReproduceTripletsWithTheSameSeed() {
        InMemoryImages images = InMemoryImages.interleaved(3, 90);
        assertEquals(new TripletSampler(images, 8).sample(200), new TripletSampler(images, 8).sample(200));
        assertNotEquals(new TripletSampler(images, 8).sample(200), new TripletSampler(images, 9).sample(200));
    }

    @Test
    void shouldRejectDatasetWithOneClass() {
        assertThrows(IllegalArgumentException.class, () -> new TripletSampler(InMemoryImages.withClassSizes(7), 1));
    }
}
