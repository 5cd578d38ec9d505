package io.siamese.encoder.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Image indices grouped by class, with O(1) uniform draws from a class or from everything
 * outside a class. Built once per dataset and shared by the samplers.
 *
 * <p>Indices are stored class after class, ascending within each class, so a class is a
 * contiguous run and "every image not of class c" is the two runs on either side of it.
 */
public final class ClassIndex {

    private final int[] labels;
    private final int[] byClass;
    private final int[] start;

    private ClassIndex(int[] labels, int numClasses) {
        this.labels = labels;
        this.start = new int[numClasses + 1];
        for (int index = 0; index < labels.length; index++) {
            int label = labels[index];
            if (label < 0 || label >= numClasses) {
                throw new IllegalArgumentException("image " + index + " has label " + label
                        + ", outside 0.." + (numClasses - 1));
            }
            start[label + 1]++;
        }
        for (int c = 0; c < numClasses; c++) {
            start[c + 1] += start[c];
        }
        this.byClass = new int[labels.length];
        int[] next = Arrays.copyOf(start, numClasses);
        for (int index = 0; index < labels.length; index++) {
            byClass[next[labels[index]]++] = index;
        }
    }

    /**
     * Groups a dataset's images by label.
     *
     * @param images the dataset
     * @return the index
     * @throws IllegalArgumentException if a label is outside {@code 0..numClasses-1}
     */
    public static ClassIndex of(LabelledImages images) {
        Objects.requireNonNull(images, "images");
        int[] labels = new int[images.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = images.label(i);
        }
        return new ClassIndex(labels, images.numClasses());
    }

    /**
     * The number of indexed images.
     *
     * @return the image count
     */
    public int size() {
        return labels.length;
    }

    /**
     * The number of classes, including empty ones.
     *
     * @return the class count
     */
    public int numClasses() {
        return start.length - 1;
    }

    /**
     * The label of an image, without calling back into the dataset.
     *
     * @param index an image index
     * @return its label
     */
    public int labelOf(int index) {
        return labels[index];
    }

    /**
     * The number of images in a class.
     *
     * @param label a label
     * @return the count, possibly 0
     */
    public int count(int label) {
        return start[label + 1] - start[label];
    }

    /**
     * The number of classes holding at least one image.
     *
     * @return the non-empty class count
     */
    public int nonEmptyClassCount() {
        int nonEmpty = 0;
        for (int c = 0; c < numClasses(); c++) {
            nonEmpty += count(c) > 0 ? 1 : 0;
        }
        return nonEmpty;
    }

    /**
     * The images of a class, ascending.
     *
     * @param label a label
     * @return a new array of indices
     */
    public int[] indicesOf(int label) {
        return Arrays.copyOfRange(byClass, start[label], start[label + 1]);
    }

    /**
     * A uniformly random image of a class.
     *
     * @param label a non-empty class
     * @param random the source of randomness
     * @return an image index
     */
    public int randomOfClass(int label, RandomGenerator random) {
        return byClass[start[label] + random.nextInt(requireNonEmpty(label))];
    }

    /**
     * A uniformly random image of a class other than {@code excluded}; returns {@code excluded}
     * itself only when it is the class's sole image.
     *
     * @param label the class of {@code excluded}
     * @param excluded the image to avoid
     * @param random the source of randomness
     * @return an image index
     */
    public int randomOfClassExcept(int label, int excluded, RandomGenerator random) {
        int count = requireNonEmpty(label);
        if (count == 1) {
            return byClass[start[label]];
        }
        int position = Arrays.binarySearch(byClass, start[label], start[label + 1], excluded);
        if (position < 0) {
            throw new IllegalArgumentException("image " + excluded + " is not in class " + label);
        }
        // Draw among the other count-1 slots, stepping over the excluded one.
        int slot = start[label] + random.nextInt(count - 1);
        return byClass[slot >= position ? slot + 1 : slot];
    }

    /**
     * A uniformly random image from all classes except one.
     *
     * @param label the class to avoid
     * @param random the source of randomness
     * @return an image index whose label differs from {@code label}
     * @throws IllegalStateException if every image is in that class
     */
    public int randomNotOfClass(int label, RandomGenerator random) {
        int outside = labels.length - count(label);
        if (outside == 0) {
            throw new IllegalStateException("no image outside class " + label);
        }
        int k = random.nextInt(outside);
        return byClass[k < start[label] ? k : k + count(label)];
    }

    private int requireNonEmpty(int label) {
        int count = count(label);
        if (count == 0) {
            throw new IllegalStateException("class " + label + " has no images");
        }
        return count;
    }
}
