package io.siamese.encoder.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TowerGraphTest {

    /** Trained-looking BatchNorm statistics, so that folding them into the convolutions is tested. */
    private static void randomiseBatchNorms(SiameseModel model, long seed) {
        Random random = new Random(seed);
        for (var entry : model.block().getParameters()) {
            Parameter p = entry.getValue();
            if (p.getType() == Parameter.Type.GAMMA || p.getType() == Parameter.Type.BETA
                    || p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR) {
                float[] values = new float[(int) p.getArray().size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = p.getType() == Parameter.Type.RUNNING_VAR || p.getType() == Parameter.Type.GAMMA
                            ? 0.5f + random.nextFloat()
                            : random.nextFloat() - 0.5f;
                }
                p.getArray().set(FloatBuffer.wrap(values));
            }
        }
    }

    private static float[][] images(int n, int pixels, long seed) {
        Random random = new Random(seed);
        float[][] images = new float[n][pixels];
        for (float[] image : images) {
            for (int i = 0; i < pixels; i++) {
                image[i] = random.nextFloat();
            }
        }
        return images;
    }

    /** Largest difference relative to the largest magnitude of the reference embeddings. */
    private static double relativeError(float[][][] expected, float[][][] actual) {
        double maxDiff = 0;
        double maxAbs = 1e-6;
        for (int s = 0; s < expected.length; s++) {
            assertEquals(expected[s].length, actual[s].length, "embeddings on side " + s);
            for (int i = 0; i < expected[s].length; i++) {
                for (int d = 0; d < expected[s][i].length; d++) {
                    maxDiff = Math.max(maxDiff, Math.abs(expected[s][i][d] - actual[s][i][d]));
                    maxAbs = Math.max(maxAbs, Math.abs(expected[s][i][d]));
                }
            }
        }
        return maxDiff / maxAbs;
    }

    @ParameterizedTest
    @CsvSource({
        "compact, siamese, fp32, 1e-4", "compact, pseudo, fp32, 1e-4", "seed, siamese, fp32, 1e-4",
        "compact, siamese, bf16, 0.05", "seed, pseudo, bf16, 0.05",
        "seed, siamese, int8, 0.05", "seed, pseudo, int8, 0.05", "compact, siamese, int8, 1e-4"
    })
    void shouldComputeWhatTheBlocksCompute(String arch, String mode, String precision, double tolerance) {
        Architecture a = Architecture.parse(arch);
        ModelSpec spec = new ModelSpec(a, Mode.parse(mode), a.defaultInputSize(), a.defaultEmbeddingDim(), false);
        try (SiameseModel model = SiameseModel.create(spec, Device.cpu(), 3)) {
            randomiseBatchNorms(model, 4);
            float[][] left = images(5, spec.pixels(), 5);
            float[][] right = images(5, spec.pixels(), 6);
            float[][][] expected;
            try (Embedder blocks = model.newBlockEmbedder()) {
                expected = blocks.embedPairs(left, right);
            }
            try (Embedder graphs = model.newEmbedder(InferencePrecision.parse(precision))) {
                float[][][] actual = graphs.embedPairs(left, right);
                double error = relativeError(expected, actual);
                assertTrue(error < tolerance, "relative error " + error + " for " + arch + " " + mode + " " + precision);
                // The graph keeps its prepared weights: a second call gives the same result.
                assertEquals(0.0, relativeError(actual, graphs.embedPairs(left, right)));
            }
        }
    }

    @org.junit.jupiter.api.Test
    void shouldRunTheSeedNetworksFirstLinearLayerInInt8() {
        ModelSpec spec = ModelSpec.defaults(Architecture.SEED);
        try (SiameseModel model = SiameseModel.create(spec, Device.cpu(), 3)) {
            randomiseBatchNorms(model, 4);
            float[][] images = images(4, spec.pixels(), 5);
            float[][][] fp32;
            float[][][] int8;
            try (Embedder e = model.newEmbedder(InferencePrecision.FP32)) {
                fp32 = new float[][][] {e.embed(images)};
            }
            try (Embedder e = model.newEmbedder(InferencePrecision.INT8)) {
                int8 = new float[][][] {e.embed(images)};
            }
            double error = relativeError(fp32, int8);
            // Quantised, so not bit-equal to FP32 (an FP32 graph would be), yet close to it.
            assertTrue(error > 1e-5 && error < 0.05, "relative error of int8 against fp32: " + error);
        }
    }

    @ParameterizedTest
    @CsvSource({"compact", "seed"})
    void shouldSnapshotTheWeightsWhenTheEmbedderIsMade(String arch) {
        ModelSpec spec = ModelSpec.defaults(Architecture.parse(arch));
        try (SiameseModel model = SiameseModel.create(spec, Device.cpu(), 3)) {
            float[][] one = images(1, spec.pixels(), 7);
            try (Embedder before = model.newEmbedder(InferencePrecision.FP32)) {
                float[][] first = before.embed(one);
                randomiseBatchNorms(model, 9);
                assertEquals(0.0, relativeError(new float[][][] {first}, new float[][][] {before.embed(one)}),
                        "an embedder made before a change keeps its weights");
                try (Embedder after = model.newEmbedder(InferencePrecision.FP32)) {
                    assertTrue(relativeError(new float[][][] {first}, new float[][][] {after.embed(one)}) > 1e-3,
                            "an embedder made after it sees the new weights");
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"compact"})
    void shouldRefuseImagesOfTheWrongSize(String arch) {
        ModelSpec spec = ModelSpec.defaults(Architecture.parse(arch));
        try (SiameseModel model = SiameseModel.create(spec, Device.cpu(), 3);
                Embedder graphs = model.newEmbedder(InferencePrecision.FP32)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> graphs.embed(new float[][] {new float[spec.pixels() - 1]}));
            assertTrue(e.getMessage().contains("expects " + spec.pixels()), e.getMessage());
        }
    }

    @org.junit.jupiter.api.Test
    void shouldFallBackToTheBlocksOnlyWherePyTorchRefusesTheGraph() {
        ModelSpec spec = ModelSpec.defaults(Architecture.COMPACT);
        try (SiameseModel model = SiameseModel.create(spec, Device.cpu(), 3)) {
            float[][] one = images(2, spec.pixels(), 8);
            float[][][] expected;
            try (Embedder blocks = model.newBlockEmbedder()) {
                expected = new float[][][] {blocks.embed(one)};
            }
            try (Embedder fallback = model.graphsOrBlocks(() -> {
                throw new ai.djl.engine.EngineException("Could not run 'aten::to_mkldnn' with arguments from the"
                        + " 'CPU' backend");
            })) {
                assertEquals(0.0, relativeError(expected, new float[][][] {fallback.embed(one)}),
                        "the fallback runs the blocks");
            }
            assertThrows(IllegalStateException.class, () -> model.graphsOrBlocks(() -> {
                throw new IllegalStateException("parameter weight has no array");
            }), "a network without weights is not PyTorch refusing the graph");
        }
    }
}
