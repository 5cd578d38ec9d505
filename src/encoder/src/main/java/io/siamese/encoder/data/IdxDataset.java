package io.siamese.encoder.data;

import io.siamese.encoder.image.Preprocessing;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A dataset read from an IDX image file and an IDX label file, such as MNIST or Fashion-MNIST.
 *
 * <p>Only the raw 8-bit pixels are kept in memory (60,000 28&times;28 images are 47 MB); tensors
 * are made on each {@link #tensor(int)} call with {@link Preprocessing#fromGray8}, because
 * caching them at, say, 100&times;100 floats would need gigabytes. Thread-safe.
 */
public final class IdxDataset implements LabelledImages {

    private final IdxReader.Images images;
    private final int[] labels;
    private final List<String> classNames;
    private final Preprocessing preprocessing;
    private final String name;

    /**
     * Creates a dataset from loaded IDX contents.
     *
     * @param images the images
     * @param labels one label per image (copied)
     * @param classNames names indexed by label; if empty, classes are 0..max label, named by number
     * @param preprocessing the preprocessing for {@link #tensor(int)}
     * @param name a short name for {@link #description()}, for example {@code "fashion-mnist test"}
     * @throws IllegalArgumentException if counts differ or a label has no class name
     */
    public IdxDataset(IdxReader.Images images, int[] labels, List<String> classNames,
            Preprocessing preprocessing, String name) {
        this.images = Objects.requireNonNull(images, "images");
        this.labels = labels.clone();
        this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
        this.name = Objects.requireNonNull(name, "name");
        if (this.labels.length != images.count()) {
            throw new IllegalArgumentException(name + ": " + images.count() + " images but "
                    + this.labels.length + " labels");
        }
        int maxLabel = Arrays.stream(this.labels).max().orElse(-1);
        this.classNames = classNames.isEmpty() ? numberedNames(maxLabel + 1) : List.copyOf(classNames);
        if (maxLabel >= this.classNames.size()) {
            throw new IllegalArgumentException(name + ": label " + maxLabel + " has no class name (only "
                    + this.classNames.size() + " names)");
        }
    }

    /**
     * Reads a dataset from files.
     *
     * @param imagesFile the IDX image file, gzipped or plain
     * @param labelsFile the IDX label file, gzipped or plain
     * @param classNames names indexed by label, or empty for numbered classes
     * @param preprocessing the preprocessing for {@link #tensor(int)}
     * @param name a short name for {@link #description()}
     * @return the dataset
     * @throws IOException if a file is unreadable or malformed
     */
    public static IdxDataset open(Path imagesFile, Path labelsFile, List<String> classNames,
            Preprocessing preprocessing, String name) throws IOException {
        return new IdxDataset(IdxReader.readImages(imagesFile), IdxReader.readLabels(labelsFile),
                classNames, preprocessing, name);
    }

    /**
     * The original 8-bit pixels of an image, for example to publish it unaltered.
     *
     * @param index an image index
     * @return a copy of {@code imageHeight() * imageWidth()} unsigned bytes, row-major
     */
    public byte[] pixels(int index) {
        int start = Objects.checkIndex(index, images.count()) * images.imageBytes();
        return Arrays.copyOfRange(images.pixels(), start, start + images.imageBytes());
    }

    /**
     * The stored image width.
     *
     * @return columns per image
     */
    public int imageWidth() {
        return images.columns();
    }

    /**
     * The stored image height.
     *
     * @return rows per image
     */
    public int imageHeight() {
        return images.rows();
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
        return classNames.size();
    }

    @Override
    public String className(int label) {
        return classNames.get(label);
    }

    @Override
    public float[] tensor(int index) {
        int start = Objects.checkIndex(index, images.count()) * images.imageBytes();
        return Preprocessing.fromGray8(images.pixels(), start, images.columns(), images.rows(), preprocessing);
    }

    @Override
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    @Override
    public String description() {
        return name + " (" + size() + " images, " + numClasses() + " classes)";
    }

    private static List<String> numberedNames(int count) {
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = Integer.toString(i);
        }
        return List.of(names);
    }
}
