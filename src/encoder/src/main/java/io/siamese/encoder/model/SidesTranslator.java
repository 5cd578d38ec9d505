package io.siamese.encoder.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/**
 * Turns {@code sides[k][n][pixels]} preprocessed images into one {@code (n,1,H,W)} tensor per side
 * and the network's {@code (n,D)} outputs back into {@code float[k][n][D]}. The arrays live in the
 * predictor's per-call manager, which DJL closes after each call: no native memory outlives a batch.
 */
final class SidesTranslator implements NoBatchifyTranslator<float[][][], float[][][]> {

    private final int inputSize;

    SidesTranslator(int inputSize) {
        this.inputSize = inputSize;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, float[][][] sides) {
        NDManager manager = ctx.getNDManager();
        NDList list = new NDList(sides.length);
        int pixels = inputSize * inputSize;
        for (float[][] side : sides) {
            float[] flat = new float[side.length * pixels];
            for (int i = 0; i < side.length; i++) {
                if (side[i].length != pixels) {
                    throw new IllegalArgumentException("image " + i + " has " + side[i].length
                            + " values, the model expects " + pixels + " (" + inputSize + "x" + inputSize + ")");
                }
                System.arraycopy(side[i], 0, flat, i * pixels, pixels);
            }
            list.add(manager.create(flat, new Shape(side.length, 1, inputSize, inputSize)));
        }
        return list;
    }

    @Override
    public float[][][] processOutput(TranslatorContext ctx, NDList list) {
        float[][][] out = new float[list.size()][][];
        for (int s = 0; s < list.size(); s++) {
            NDArray e = list.get(s);
            int n = (int) e.getShape().get(0);
            int d = (int) e.getShape().get(1);
            float[] flat = e.toFloatArray();
            out[s] = new float[n][d];
            for (int i = 0; i < n; i++) {
                System.arraycopy(flat, i * d, out[s][i], 0, d);
            }
        }
        return out;
    }

    @Override
    public Batchifier getBatchifier() {
        return null;
    }
}
