package io.siamese.service.stream;

import io.siamese.encoder.image.Preprocessing;
import io.siamese.service.model.BatchEncoder;
import io.siamese.service.model.BatchScores;
import io.siamese.service.model.ServedModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A model stand-in: the distance of a pair is the difference of the two images' mean gray levels;
 * it records every batch it scores and can be told to fail.
 */
final class FakeEncoder implements BatchEncoder {

    static final ServedModel MODEL = new ServedModel("fake-v1", "fake", "euclidean", 0.1,
            new Preprocessing(8, 8, false), "/nowhere");

    final List<Integer> batchSizes = new ArrayList<>();
    boolean fail;

    @Override
    public BatchScores score(float[][] left, float[][] right) {
        if (fail) {
            throw new IllegalStateException("simulated native failure");
        }
        batchSizes.add(left.length);
        double[] d = new double[left.length];
        float[][] l = new float[left.length][];
        float[][] r = new float[left.length][];
        for (int i = 0; i < d.length; i++) {
            l[i] = new float[] {mean(left[i])};
            r[i] = new float[] {mean(right[i])};
            d[i] = Math.abs(l[i][0] - r[i][0]);
        }
        return new BatchScores(MODEL, d, l, r, 1_000_000);
    }

    @Override
    public ServedModel current() {
        return MODEL;
    }

    private static float mean(float[] v) {
        double s = 0;
        for (float f : v) {
            s += f;
        }
        return (float) (s / v.length);
    }
}
