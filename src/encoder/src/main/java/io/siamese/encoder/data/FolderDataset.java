package io.siamese.encoder.data;

import io.siamese.encoder.image.ImageDecodeException;
import io.siamese.encoder.image.ImageDecoder;
import io.siamese.encoder.image.ImageLimits;
import io.siamese.encoder.image.Preprocessing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A dataset in torchvision's {@code ImageFolder} layout: every sub-folder of the root is a class,
 * and the image files directly inside it are its images.
 *
 * <p>Classes are ordered by folder name and images by file name (code-point order, as Python's
 * {@code sorted}). Image files are those ending in .png, .jpg, .jpeg, .bmp, .gif, .tif, .tiff,
 * .pbm, .pgm, .ppm or .pnm, in any case; other files and deeper folders are ignored, as are
 * hidden entries (leading dot, such as {@code .ipynb_checkpoints}). A class folder without
 * images is skipped with a warning and gets no label, so labels stay contiguous.
 *
 * <p>Only paths are held in memory; each {@link #tensor(int)} call reads, decodes and
 * preprocesses its file, applying the decoder's size limits, so a folder of any size can be
 * opened. Thread-safe.
 */
public final class FolderDataset implements LabelledImages {

    private final Path root;
    private final List<String> classNames;
    private final Path[] files;
    private final int[] labels;
    private final Preprocessing preprocessing;
    private final ImageDecoder decoder;

    private FolderDataset(Path root, FolderScan scan, Preprocessing preprocessing, ImageDecoder decoder) {
        this.root = root;
        this.classNames = scan.classNames();
        this.files = scan.files().toArray(Path[]::new);
        this.labels = scan.labels().stream().mapToInt(Integer::intValue).toArray();
        this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
    }

    /**
     * Opens a folder with the default {@link ImageLimits}.
     *
     * @param root the folder whose sub-folders are the classes
     * @param preprocessing the preprocessing for tensors
     * @return the dataset
     * @throws DatasetNotFoundException if the root is missing or has no class folders
     * @throws IllegalArgumentException if fewer than 2 class folders hold images
     */
    public static FolderDataset open(Path root, Preprocessing preprocessing) {
        return open(root, preprocessing, new ImageDecoder(ImageLimits.DEFAULT));
    }

    /**
     * Opens a folder with a given decoder.
     *
     * @param root the folder whose sub-folders are the classes
     * @param preprocessing the preprocessing for tensors
     * @param decoder the decoder, with its size limits
     * @return the dataset
     * @throws DatasetNotFoundException if the root is missing or has no class folders
     * @throws IllegalArgumentException if fewer than 2 class folders hold images
     */
    public static FolderDataset open(Path root, Preprocessing preprocessing, ImageDecoder decoder) {
        return new FolderDataset(root, FolderScan.scan(root), preprocessing, decoder);
    }

    /**
     * The folder this dataset was opened from.
     *
     * @return the root folder
     */
    public Path root() {
        return root;
    }

    /**
     * The file of an image, for reports that show which images were confused.
     *
     * @param index an image index
     * @return the image file
     */
    public Path path(int index) {
        return files[index];
    }

    @Override
    public int size() {
        return files.length;
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

    /**
     * Reads, decodes and preprocesses one image file.
     *
     * @throws ImageDecodeException if the file is over a limit, unsupported or corrupt; the
     *     message names the file
     * @throws UncheckedIOException if the file cannot be read
     */
    @Override
    public float[] tensor(int index) {
        Path file = files[index];
        try {
            // Check the size before reading, so an oversized file is never loaded into memory.
            long size = Files.size(file);
            if (size > decoder.limits().maxEncodedBytes()) {
                throw ImageDecodeException.tooLarge(size, decoder.limits().maxEncodedBytes());
            }
            return preprocessing.toTensor(Files.readAllBytes(file), decoder);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read image " + file, e);
        } catch (ImageDecodeException e) {
            throw new ImageDecodeException(e.reason(), file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    @Override
    public String description() {
        return "folder " + root + " (" + size() + " images, " + numClasses() + " classes)";
    }
}
