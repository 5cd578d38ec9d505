package io.siamese.encoder.model;

import ai.djl.inference.Predictor;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.translate.TranslateException;
import java.util.Arrays;

/**
 * Computes embeddings: on the CPU with one {@link TowerGraph} per tower (a snapshot of the weights
 * when the embedder was made), on a GPU with a DJL {@link Predictor} over the network's blocks. Not
 * thread-safe: give each thread its own ({@link SiameseModel#newEmbedder()}).
 */
public final class Embedder implements AutoCloseable {

    private final Predictor<float[][][], float[][][]> predictor;
    private final TowerGraph left;
    private final TowerGraph right;
    private final int inputSize;

    /** Runs the network's blocks through a predictor. */
    Embedder(Predictor<float[][][], float[][][]> predictor) {
        this.predictor = predictor;
        this.left = null;
        this.right = null;
        this.inputSize = 0;
    }

    /** Runs graphs; {@code right == left} for shared weights. */
    Embedder(TowerGraph left, TowerGraph right, int inputSize) {
        this.predictor = null;
        this.left = left;
        this.right = right;
        this.inputSize = inputSize;
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
        if (predictor == null) {
            return runGraphs(sides);
        }
        try {
            return predictor.predict(sides);
        } catch (TranslateException e) {
            throw new IllegalStateException("inference failed: " + e.getMessage(), e);
        }
    }

    /** Shared weights: every side in one forward pass. Separate: the left tower, then the others in one. */
    private float[][][] runGraphs(float[][][] sides) {
        float[][][] out = new float[sides.length][][];
        if (left == right) {
            encode(left, sides, 0, sides.length, out);
        } else {
            encode(left, sides, 0, 1, out);
            encode(right, sides, 1, sides.length, out);
        }
        return out;
    }

    /** Encodes sides {@code from..to-1} in one call and splits the embeddings back per side. */
    private void encode(TowerGraph graph, float[][][] sides, int from, int to, float[][][] out) {
        float[] flat = FlatImages.concat(sides, from, to, inputSize);
        int n = flat.length / (inputSize * inputSize);
        float[][] all = n == 0 ? new float[0][] : graph.embed(flat, n);
        int row = 0;
        for (int s = from; s < to; s++) {
            out[s] = Arrays.copyOfRange(all, row, row + sides[s].length);
            row += sides[s].length;
        }
    }

    @Override
    public void close() {
        if (predictor != null) {
            predictor.close();
        }
        if (left != null) {
            left.close();
        }
        if (right != null && right != left) {
            right.close();
        }
    }
}
