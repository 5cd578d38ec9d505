package io.siamese.encoder.data;

import io.siamese.encoder.image.Preprocessing;

/** A labels-only dataset for sampler tests; each tensor is the single value {@code index}. */
final class InMemoryImages implements LabelledImages {

    private static final Preprocessing ONE_PIXEL = new Preprocessing(1, 1, false);
    private final int[] labels;
    private final int numClasses;

    InMemoryImages(int numClasses, int... labels) {
        this.labels = labels.clone();
        this.numClasses = numClasses;
    }

    /** {@code perClass[c]} images of class c, laid out class after class. */
    static InMemoryImages withClassSizes(int... perClass) {
        int total = 0;
        for (int n : perClass) {
            total += n;
        }
        int[] labels = new int[total];
        int at = 0;
        for (int c = 0; c < perClass.length; c++) {
            for (int k = 0; k < perClass[c]; k++) {
                labels[at++] = c;
            }
        }
        return new InMemoryImages(perClass.length, labels);
    }

    /** The same class sizes, but with labels interleaved so classes are not contiguous runs. */
    static InMemoryImages interleaved(int numClasses, int size) {
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = (i * 7 + i / 3) % numClasses;
        }
        return new InMemoryImages(numClasses, labels);
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public String className(int label) {
        return "class-" + label;
    }

    @Override
    public float[] tensor(int index) {
        return new float[] {index};
    }

    @Override
    public Preprocessing preprocessing() {
        return ONE_PIXEL;
    }

    @Override
    public String description() {
        return "in-memory (" + size() + " images, " + numClasses + " classes)";
    }
}
