package io.siamese.trainer.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.siamese.encoder.data.LabelledImages;
import java.util.SplittableRandom;

/** Builds the {@code (n,1,H,W)} input tensors of a batch from dataset indices or from image tensors. */
final class BatchTensors {

    private BatchTensors() {}

    /**
     * @param manager the batch's scoped manager: the tensors die with it
     * @param data images
     * @param indices {@code indices[side][i]}
     * @param inputSize square model input size
     */
    static NDList of(NDManager manager, LabelledImages data, int[][] indices, int inputSize) {
        return of(manager, data, indices, inputSize, Augmentation.NONE, null);
    }

    /**
     * As {@link #of(NDManager, LabelledImages, int[][], int)}, each image changed by {@code augmentation}.
     *
     * @param random the run's random source for the augmentation (unused when it is {@link Augmentation#NONE})
     */
    static NDList of(NDManager manager, LabelledImages data, int[][] indices, int inputSize,
            Augmentation augmentation, SplittableRandom random) {
        int pixels = inputSize * inputSize;
        NDList list = new NDList(indices.length);
        for (int[] side : indices) {
            float[] flat = new float[side.length * pixels];
            for (int i = 0; i < side.length; i++) {
                System.arraycopy(augmentation.apply(data.tensor(side[i]), inputSize, random), 0, flat, i * pixels, pixels);
            }
            list.add(manager.create(flat, new Shape(side.length, 1, inputSize, inputSize)));
        }
        return list;
    }

    /**
     * @param manager the batch's scoped manager: the tensors die with it
     * @param sides {@code sides[side][i]}: preprocessed images, {@code inputSize * inputSize} floats each
     * @param inputSize square model input size
     */
    static NDList of(NDManager manager, float[][][] sides, int inputSize) {
        int pixels = inputSize * inputSize;
        NDList list = new NDList(sides.length);
        for (float[][] side : sides) {
            float[] flat = new float[side.length * pixels];
            for (int i = 0; i < side.length; i++) {
                System.arraycopy(side[i], 0, flat, i * pixels, pixels);
            }
            list.add(manager.create(flat, new Shape(side.length, 1, inputSize, inputSize)));
        }
        return list;
    }
}
