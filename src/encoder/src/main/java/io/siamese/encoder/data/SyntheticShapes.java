package io.siamese.encoder.data;

import io.siamese.encoder.image.Preprocessing;
import java.util.SplittableRandom;

/**
 * A generated dataset for tests and smoke runs: class {@code c} is a pattern of stripes whose
 * orientation and frequency depend on {@code c}, randomly shifted, with pixel noise. Classes are
 * easy to tell apart but no two images are equal, so a network must learn something to separate
 * them. Deterministic for a given seed; nothing is read from disk.
 */
public final class SyntheticShapes implements LabelledImages {

    private final int classes;
    private final int size;
    private final long seed;
    private final Preprocessing preprocessing;

    /**
     * @param classes number of classes (2..8)
     * @param size number of images (labels cycle through the classes)
     * @param seed random seed
     * @param preprocessing gives the image size
     */
    public SyntheticShapes(int classes, int size, long seed, Preprocessing preprocessing) {
        if (classes < 2 || classes > 8) {
            throw new IllegalArgumentException("classes must be 2..8, got " + classes);
        }
        this.classes = classes;
        this.size = size;
        this.seed = seed;
        this.preprocessing = preprocessing;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int label(int index) {
        return index % classes;
    }

    @Override
    public int numClasses() {
        return classes;
    }

    @Override
    public String className(int label) {
        return "shape-" + label;
    }

    @Override
    public float[] tensor(int index) {
        int w = preprocessing.width();
        int h = preprocessing.height();
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
        int c = label(index);
        double angle = Math.PI * (c % 4) / 4;
        double frequency = 2 * Math.PI * (c < 4 ? 3.0 : 6.0) / w;
        double phase = random.nextDouble() * 2 * Math.PI;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 0.5 + 0.4 * Math.sin(frequency * (x * cos + y * sin) + phase) + 0.1 * (random.nextDouble() - 0.5);
                v = Math.max(0, Math.min(1, v));
                out[y * w + x] = (float) (preprocessing.invert() ? 1 - v : v);
            }
        }
        return out;
    }

    @Override
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    @Override
    public String description() {
        return "synthetic shapes (" + size + " images, " + classes + " classes)";
    }
}
