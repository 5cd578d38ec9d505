package io.siamese.encoder.data;

import io.siamese.encoder.image.Preprocessing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Opens a dataset from a command-line or configuration spec.
 */
public final class Datasets {

    /** The spec naming {@link FashionMnist}. */
    public static final String FASHION_MNIST = "fashion-mnist";

    private Datasets() {
    }

    /**
     * Opens a dataset.
     *
     * <ul>
     *   <li>{@code "fashion-mnist"} (any case): {@link FashionMnist#open(Split, Preprocessing)}.</li>
     *   <li>Any other spec is a directory opened as a {@link FolderDataset}. If that directory
     *       has both a {@code train} and a {@code test} sub-folder, each holding class folders,
     *       the split's sub-folder is opened; otherwise the directory itself holds the class
     *       folders and {@code split} is ignored (it is the caller's job to split it, for
     *       example with {@link Splits#stratified}).</li>
     * </ul>
     *
     * @param spec {@code "fashion-mnist"} or a directory path
     * @param split which split to open
     * @param preprocessing the preprocessing for tensors
     * @return the dataset
     * @throws DatasetNotFoundException if the dataset is not there
     * @throws IllegalArgumentException if a folder holds fewer than 2 classes
     */
    public static LabelledImages open(String spec, Split split, Preprocessing preprocessing) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("dataset spec is empty: use \"" + FASHION_MNIST
                    + "\" or a directory of class folders");
        }
        if (spec.trim().toLowerCase(Locale.ROOT).equals(FASHION_MNIST)) {
            return FashionMnist.open(split, preprocessing);
        }
        Path root = Path.of(spec);
        if (!Files.isDirectory(root)) {
            throw new DatasetNotFoundException("dataset \"" + spec + "\" is neither \"" + FASHION_MNIST
                    + "\" nor an existing directory of class folders");
        }
        Path train = root.resolve(Split.TRAIN.folderName());
        Path test = root.resolve(Split.TEST.folderName());
        boolean hasSplits = holdsFolders(train) && holdsFolders(test);
        return FolderDataset.open(hasSplits ? root.resolve(split.folderName()) : root, preprocessing);
    }

    // Two classes that happen to be called "train" and "test" hold images, not folders.
    private static boolean holdsFolders(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.anyMatch(p -> Files.isDirectory(p) && !p.getFileName().toString().startsWith("."));
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + folder, e);
        }
    }
}
