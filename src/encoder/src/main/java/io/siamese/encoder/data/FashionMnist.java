package io.siamese.encoder.data;

import io.siamese.encoder.image.Preprocessing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Zalando's Fashion-MNIST: 70,000 28&times;28 gray images of clothing in 10 classes, read from
 * the four standard IDX files in {@link #directory()}. Each file may be gzipped ({@code .gz}, as
 * distributed) or already unpacked (same name without {@code .gz}).
 */
public final class FashionMnist {

    /** Environment variable that overrides the dataset directory. */
    public static final String DIRECTORY_ENV = "SIAMESE_FASHION_MNIST_DIR";
    /** Where the Debian package {@code dataset-fashion-mnist} installs the files. */
    public static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");
    /** The class names, indexed by label. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover",
            "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {
    }

    /**
     * The directory searched by {@link #open(Split, Preprocessing)}.
     *
     * @return {@code $SIAMESE_FASHION_MNIST_DIR} if set and not blank, else {@link #DEFAULT_DIRECTORY}
     */
    public static Path directory() {
        String configured = System.getenv(DIRECTORY_ENV);
        return configured == null || configured.isBlank() ? DEFAULT_DIRECTORY : Path.of(configured);
    }

    /**
     * Whether all four files are present in {@link #directory()}.
     *
     * @return true if both splits can be opened
     */
    public static boolean isInstalled() {
        return isInstalled(directory());
    }

    /**
     * Whether all four files are present in a directory.
     *
     * @param directory the directory to check
     * @return true if both splits can be opened from it
     */
    public static boolean isInstalled(Path directory) {
        for (Split split : Split.values()) {
            if (find(directory, imagesFile(split)).isEmpty() || find(directory, labelsFile(split)).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Opens a split from {@link #directory()}.
     *
     * @param split which split
     * @param preprocessing the preprocessing for tensors
     * @return the dataset, described as for example {@code "fashion-mnist test (10000 images, 10 classes)"}
     * @throws DatasetNotFoundException if the files are missing, saying how to install them
     * @throws UncheckedIOException if a file is present but unreadable or malformed
     */
    public static LabelledImages open(Split split, Preprocessing preprocessing) {
        return open(directory(), split, preprocessing);
    }

    /**
     * Opens a split from a given directory.
     *
     * @param directory the directory holding the IDX files
     * @param split which split
     * @param preprocessing the preprocessing for tensors
     * @return the dataset
     * @throws DatasetNotFoundException if the files are missing, saying how to install them
     * @throws UncheckedIOException if a file is present but unreadable or malformed
     */
    public static LabelledImages open(Path directory, Split split, Preprocessing preprocessing) {
        Path images = find(directory, imagesFile(split)).orElseThrow(() -> notFound(directory));
        Path labels = find(directory, labelsFile(split)).orElseThrow(() -> notFound(directory));
        try {
            return IdxDataset.open(images, labels, CLASS_NAMES, preprocessing,
                    "fashion-mnist " + split.folderName());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read Fashion-MNIST from " + directory + ": "
                    + e.getMessage(), e);
        }
    }

    private static String imagesFile(Split split) {
        return (split == Split.TRAIN ? "train" : "t10k") + "-images-idx3-ubyte";
    }

    private static String labelsFile(Split split) {
        return (split == Split.TRAIN ? "train" : "t10k") + "-labels-idx1-ubyte";
    }

    private static Optional<Path> find(Path directory, String baseName) {
        Path gzipped = directory.resolve(baseName + ".gz");
        if (Files.isRegularFile(gzipped)) {
            return Optional.of(gzipped);
        }
        Path plain = directory.resolve(baseName);
        return Files.isRegularFile(plain) ? Optional.of(plain) : Optional.empty();
    }

    private static DatasetNotFoundException notFound(Path directory) {
        return new DatasetNotFoundException("Fashion-MNIST not found in " + directory
                + ": install it with `sudo apt-get install dataset-fashion-mnist` (Debian package, MIT licence)"
                + " or set " + DIRECTORY_ENV);
    }
}
