package io.siamese.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class DistanceTest {

    private static final float[] A = {1, 2, 2};
    private static final float[] B = {4, 6, 2};

    @Test
    void shouldComputeEuclideanDistance() {
        assertEquals(5.0, Distance.EUCLIDEAN.compute(A, B), 1e-9);
    }

    @Test
    void shouldComputeCosineDistanceAsOneMinusCosineSimilarity() {
        // a.b = 4 + 12 + 4 = 20; |a| = 3; |b| = sqrt(56)
        assertEquals(1 - 20 / (3 * Math.sqrt(56)), Distance.COSINE.compute(A, B), 1e-7);
        assertEquals(0.0, Distance.COSINE.compute(A, new float[] {2, 4, 4}), 1e-7);
        assertEquals(2.0, Distance.COSINE.compute(A, new float[] {-1, -2, -2}), 1e-7);
    }

    @Test
    void shouldComputeExponentialDistanceAsOneMinusExpOfMinusEuclidean() {
        assertEquals(1 - Math.exp(-5), Distance.EXPONENTIAL.compute(A, B), 1e-9);
        assertEquals(0.0, Distance.EXPONENTIAL.compute(A, A), 1e-9);
    }

    @Test
    void shouldAgreeBetweenNdArrayAndJavaImplementations() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[][] {A, {0, 0, 1}});
            NDArray b = m.create(new float[][] {B, {0, 1, 0}});
            for (Distance d : Distance.values()) {
                float[] nd = d.compute(a, b).toFloatArray();
                assertArrayEquals(new float[] {
                    (float) d.compute(A, B), (float) d.compute(new float[] {0, 0, 1}, new float[] {0, 1, 0})
                }, nd, 1e-5f, d.id());
            }
        }
    }

    @Test
    void shouldParseNamesCaseInsensitivelyAndRejectUnknownOnes() {
        assertEquals(Distance.COSINE, Distance.parse("Cosine"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Distance.parse("manhattan"));
        assertEquals("unknown distance 'manhattan'; known: [euclidean, cosine, exponential]", e.getMessage());
    }
}
