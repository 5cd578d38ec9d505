package io.siamese.encoder.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the classes and images of an {@code ImageFolder}-style directory.
 *
 * <p>Rules: each non-hidden sub-folder of the root is a class, ordered by name (code-point
 * order, as Python's {@code sorted}); its images are the non-hidden regular files directly
 * inside it whose extension is one of {@link #IMAGE_EXTENSIONS} (any case), ordered by name;
 * deeper folders are not searched. Hidden entries (leading dot) are skipped because tools litter
 * them ({@code .ipynb_checkpoints}, {@code .DS_Store}). A class folder with no images is skipped
 * with a warning and gets no label, so labels stay contiguous.
 */
record FolderScan(List<String> classNames, List<Path> files, List<Integer> labels) {

    /** File extensions treated as images. */
    static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff",
            "pbm", "pgm", "ppm", "pnm");

    private static final System.Logger LOG = System.getLogger(FolderDataset.class.getName());

    static FolderScan scan(Path root) {
        if (!Files.isDirectory(root)) {
            throw new DatasetNotFoundException("image folder " + root + " does not exist or is not a directory");
        }
        List<Path> classFolders = sortedEntries(root, Files::isDirectory);
        if (classFolders.isEmpty()) {
            throw new DatasetNotFoundException("image folder " + root
                    + " has no class sub-folders; expected one folder of images per class");
        }
        List<String> classNames = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path folder : classFolders) {
            List<Path> images = sortedEntries(folder, FolderScan::isImageFile);
            if (images.isEmpty()) {
                LOG.log(Level.WARNING, "skipping class folder {0}: it holds no image files ({1})",
                        folder, String.join(", ", IMAGE_EXTENSIONS.stream().sorted().toList()));
                continue;
            }
            int label = classNames.size();
            classNames.add(folder.getFileName().toString());
            for (Path image : images) {
                files.add(image);
                labels.add(label);
            }
        }
        if (classNames.size() < 2) {
            throw new IllegalArgumentException("image folder " + root + " has " + classNames.size()
                    + " class folder(s) with images " + classNames + "; at least 2 classes are needed");
        }
        return new FolderScan(List.copyOf(classNames), List.copyOf(files), List.copyOf(labels));
    }

    static boolean isImageFile(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && Files.isRegularFile(file)
                && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static List<Path> sortedEntries(Path folder, java.util.function.Predicate<Path> accept) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(accept)
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + folder, e);
        }
    }
}
