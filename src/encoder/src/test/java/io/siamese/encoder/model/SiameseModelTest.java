package io.siamese.encoder.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SiameseModelTest {

    static float[][] randomImages(int n, int size, long seed) {
        Random r = new Random(seed);
        float[][] out = new float[n][size * size];
        for (float[] img : out) {
            for (int i = 0; i < img.length; i++) {
                img[i] = r.nextFloat();
            }
        }
        return out;
    }

    @Test
    void shouldBuildTheSeedNetworkWithItsParameterCount() {
        try (SiameseModel m = SiameseModel.create(ModelSpec.defaults(Architecture.SEED), Device.cpu(), 1)) {
            // conv 40 + 296 + 584, BatchNorm 2 x (4 + 8 + 8) learned + as many running statistics,
            // linear 80000*500+500, 500*500+500, 500*5+5.
            long expected = 40 + 296 + 584 + 4 * (4 + 8 + 8) + 40_000_500 + 250_500 + 2_505;
            assertEquals(expected, m.parameterCount());
            try (Embedder e = m.newEmbedder()) {
                float[][] emb = e.embed(randomImages(3, 100, 1));
                assertEquals(3, emb.length);
                assertEquals(5, emb[0].length);
            }
        }
    }

    @Test
    void shouldGiveIdenticalEmbeddingsForIdenticalInputsInSiameseMode() {
        ModelSpec spec = ModelSpec.defaults(Architecture.COMPACT);
        try (SiameseModel m = SiameseModel.create(spec, Device.cpu(), 3); Embedder e = m.newEmbedder()) {
            float[][] images = randomImages(4, spec.inputSize(), 2);
            float[][][] pairs = e.embedPairs(images, images);
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(pairs[0][i], pairs[1][i], 1e-6f);
            }
            // Concatenated inference equals one-side inference.
            assertArrayEquals(e.embed(images)[2], pairs[1][2], 1e-5f);
        }
    }

    @Test
    void shouldKeepSeparateWeightsInPseudoMode() {
        ModelSpec siamese = ModelSpec.defaults(Architecture.COMPACT);
        ModelSpec pseudo = new ModelSpec(Architecture.COMPACT, Mode.PSEUDO, 32, 16, false);
        try (SiameseModel s = SiameseModel.create(siamese, Device.cpu(), 3);
                SiameseModel p = SiameseModel.create(pseudo, Device.cpu(), 3);
                Embedder e = p.newEmbedder()) {
            assertEquals(2 * s.parameterCount(), p.parameterCount());
            float[][] images = randomImages(2, 32, 5);
            float[][][] pairs = e.embedPairs(images, images);
            assertFalse(Arrays.equals(pairs[0][0], pairs[1][0]), "two towers must give different embeddings");
        }
    }

    @Test
    void shouldRejectImagesOfTheWrongSize() {
        try (SiameseModel m = SiameseModel.create(ModelSpec.defaults(Architecture.COMPACT), Device.cpu(), 1);
                Embedder e = m.newEmbedder()) {
            Exception ex = assertThrows(RuntimeException.class, () -> e.embed(new float[][] {new float[10]}));
            assertEquals(true, String.valueOf(ex.getMessage()).contains("expects 1024"), ex.getMessage());
        }
    }

    @Test
    void shouldBeReproducibleForTheSameSeed() {
        ModelSpec spec = ModelSpec.defaults(Architecture.COMPACT);
        float[][] images = randomImages(2, 32, 9);
        float[] a;
        float[] b;
        float[] c;
        try (SiameseModel m = SiameseModel.create(spec, Device.cpu(), 11); Embedder e = m.newEmbedder()) {
            a = e.embed(images)[0];
        }
        try (SiameseModel m = SiameseModel.create(spec, Device.cpu(), 11); Embedder e = m.newEmbedder()) {
            b = e.embed(images)[0];
        }
        try (SiameseModel m = SiameseModel.create(spec, Device.cpu(), 12); Embedder e = m.newEmbedder()) {
            c = e.embed(images)[0];
        }
        assertArrayEquals(a, b, 0f);
        assertFalse(Arrays.equals(a, c));
    }
}
