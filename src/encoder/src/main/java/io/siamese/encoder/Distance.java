package io.siamese.encoder;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.Locale;

/**
 * How far apart two embeddings are. Every distance is a dissimilarity: 0 for identical embeddings,
 * larger for less alike inputs, so one decision rule serves all: {@code distance <= threshold}
 * means SAME.
 *
 * <ul>
 *   <li>{@link #EUCLIDEAN}: {@code ||a - b||_2}, in [0, inf). The seed's and the default.
 *   <li>{@link #COSINE}: {@code 1 - a.b / (|a| |b|)}, in [0, 2].
 *   <li>{@link #EXPONENTIAL}: {@code 1 - exp(-||a - b||_2)}, in [0, 1): the euclidean distance
 *       squashed so that scores are bounded; {@code exp(-||a - b||)} is the matching similarity.
 * </ul>
 */
public enum Distance {
    EUCLIDEAN {
        @Override
        public NDArray compute(NDArray a, NDArray b) {
            return euclidean(a, b);
        }

        @Override
        public double compute(float[] a, float[] b) {
            return Math.sqrt(squaredEuclidean(a, b));
        }

        @Override
        public NDArray pairwise(NDArray e) {
            return pairwiseEuclidean(e);
        }
    },
    COSINE {
        @Override
        public NDArray compute(NDArray a, NDArray b) {
            NDArray dot = a.mul(b).sum(new int[] {1});
            NDArray norms = a.norm(new int[] {1}).mul(b.norm(new int[] {1})).add(NORM_EPS);
            return dot.div(norms).neg().add(1f);
        }

        @Override
        public double compute(float[] a, float[] b) {
            double dot = 0;
            double na = 0;
            double nb = 0;
            for (int i = 0; i < a.length; i++) {
                dot += (double) a[i] * b[i];
                na += (double) a[i] * a[i];
                nb += (double) b[i] * b[i];
            }
            return 1.0 - dot / (Math.sqrt(na) * Math.sqrt(nb) + NORM_EPS);
        }

        @Override
        public NDArray pairwise(NDArray e) {
            NDArray unit = e.div(e.norm(new int[] {1}, true).add(NORM_EPS));
            return unit.matMul(unit.transpose()).neg().add(1f);
        }
    },
    EXPONENTIAL {
        @Override
        public NDArray compute(NDArray a, NDArray b) {
            return euclidean(a, b).neg().exp().neg().add(1f);
        }

        @Override
        public double compute(float[] a, float[] b) {
            return 1.0 - Math.exp(-Math.sqrt(squaredEuclidean(a, b)));
        }

        @Override
        public NDArray pairwise(NDArray e) {
            return pairwiseEuclidean(e).neg().exp().neg().add(1f);
        }
    };

    /** Keeps the square root differentiable at 0 (identical embeddings in a same-class pair). */
    private static final float SQRT_EPS = 1e-12f;

    /** Guards cosine against zero-length embeddings. */
    private static final float NORM_EPS = 1e-8f;

    /**
     * Row-wise distance of two {@code (N, D)} batches.
     *
     * @return an {@code (N)} array, in the arrays' manager
     */
    public abstract NDArray compute(NDArray a, NDArray b);

    /**
     * Every pair's distance within one {@code (N, D)} batch, for mining the hardest pairs of a batch.
     *
     * @return an {@code (N, N)} array whose row {@code i}, column {@code j} is the distance of
     *     embeddings {@code i} and {@code j}, in the array's manager
     */
    public abstract NDArray pairwise(NDArray embeddings);

    /** The distance of two embeddings held in Java arrays (same formula, double precision). */
    public abstract double compute(float[] a, float[] b);

    /** The lower-case name used on the command line, in manifests and in events. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a distance name, with a message listing the known ones. */
    public static Distance parse(String name) {
        for (Distance d : values()) {
            if (d.id().equalsIgnoreCase(name.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown distance '" + name + "'; known: "
                + Arrays.toString(Arrays.stream(values()).map(Distance::id).toArray()));
    }

    private static NDArray euclidean(NDArray a, NDArray b) {
        return a.sub(b).square().sum(new int[] {1}).add(SQRT_EPS).sqrt();
    }

    // |a|^2 + |b|^2 - 2ab can come out slightly negative by rounding: clamp before the root.
    private static NDArray pairwiseEuclidean(NDArray e) {
        NDArray squares = e.square().sum(new int[] {1}, true);
        NDArray squared = squares.add(squares.transpose()).sub(e.matMul(e.transpose()).mul(2f));
        return squared.maximum(0f).add(SQRT_EPS).sqrt();
    }

    private static double squaredEuclidean(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    "embeddings differ in size: " + a.length + " vs " + b.length);
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            s += d * d;
        }
        return s;
    }
}
