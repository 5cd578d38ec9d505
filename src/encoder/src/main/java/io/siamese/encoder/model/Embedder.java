package io.siamese.encoder.model;

import ai.djl.inference.Predictor;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.translate.TranslateException;

/**
 * Computes embeddings with one DJL {@link Predictor}. Not thread-safe, like the predictor it
 * holds: give each thread its own ({@link SiameseModel#newEmbedder()}); they share the weights.
 */
public final class Embedder implements AutoCloseable {

    private final Predictor<float[][][], float[][][]> predictor;

    Embedder(Predictor<float[][][], float[][][]> predictor) {
        this.predictor = predictor;
    }

    /**
     * Encodes images with the left tower (the only tower in siamese mode).
     *
     * @param images preprocessed images, each {@code inputSize * inputSize} floats in [0,1]
     * @return one embedding per image
     */
    public float[][] embed(float[][] images) {
        return run(new float[][][] {images})[0];
    }

    /**
     * Encodes the two sides of a batch of pairs in one call: left images with the left tower,
     * right images with the right tower. In siamese mode both go through one forward pass.
     *
     * @return {@code [leftEmbeddings, rightEmbeddings]}
     */
    public float[][][] embedPairs(float[][] left, float[][] right) {
        if (left.length != right.length) {
            throw new IllegalArgumentException(
                    "pair batch sides differ: " + left.length + " vs " + right.length);
        }
        return run(new float[][][] {left, right});
    }

    /**
     * Encodes several sides at once: side 0 with the left tower, the others with the right tower
     * (triplets: anchor, positive, negative).
     */
    public float[][][] embedSides(float[][]... sides) {
        for (float[][] side : sides) {
            if (side.length != sides[0].length) {
                throw new IllegalArgumentException("sides differ in size");
            }
        }
        return run(sides);
    }

    private float[][][] run(float[][][] sides) {
        // PyTorch's grad mode is per thread and on by default; DJL turns it off only on the thread
        // that loaded the engine. Inference on any other thread would otherwise build autograd graphs.
        JniUtils.setGradMode(false);
        try {
            return predictor.predict(sides);
        } catch (TranslateException e) {
            throw new IllegalStateException("inference failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        predictor.close();
    }
}
