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
        for (int s = 0; s < sides.length; s++) {
            float[] flat = FlatImages.concat(sides, s, s + 1, inputSize);
            list.add(manager.create(flat, new Shape(sides[s].length, 1, inputSize, inputSize)));
        }
        return list;
    }

    @Override
    public float[][][] processOutput(TranslatorContext ctx, NDList list) {
        float[][][] out = new float[list.size()][][];
        for (int s = 0; s < list.size(); s++) {
            NDArray e = list.get(s);
            out[s] = FlatImages.rows(e.toFloatArray(), (int) e.getShape().get(0), (int) e.getShape().get(1));
        }
        return out;
    }

    @Override
    public Batchifier getBatchifier() {
        return null;
    }
}
