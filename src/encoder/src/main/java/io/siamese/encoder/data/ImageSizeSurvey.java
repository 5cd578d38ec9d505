package io.siamese.encoder.data;

import io.siamese.encoder.image.ImageDecoder;
import io.siamese.encoder.image.ImageLimits;
import io.siamese.encoder.image.Preprocessing;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Locale;

/**
 * The typical size of a dataset's images, read from a sample of its files before any network is
 * chosen, so that training can pick an input size and architecture that keep the images' detail.
 *
 * @param sampled how many images were measured
 * @param medianWidth median width in pixels
 * @param medianHeight median height in pixels
 */
public record ImageSizeSurvey(int sampled, int medianWidth, int medianHeight) {

    /** Images measured at most: evenly spread over the dataset, so every class folder is seen. */
    static final int SAMPLE = 32;

    /** The shorter median side: what a square input can keep without upsampling. */
    public int shortSide() {
        return Math.min(medianWidth, medianHeight);
    }

    /**
     * Surveys the training images of a dataset spec ({@code fashion-mnist} or a folder, as
     * {@link Datasets#open} reads it).
     *
     * @throws UncheckedIOException if a sampled file cannot be read
     * @throws io.siamese.encoder.image.ImageDecodeException if a sampled file is not an image
     */
    public static ImageSizeSurvey of(String spec) {
        if (spec.trim().toLowerCase(Locale.ROOT).equals(Datasets.FASHION_MNIST)) {
            return new ImageSizeSurvey(0, 28, 28);
        }
        LabelledImages images = Datasets.open(spec, Split.TRAIN, new Preprocessing(8, 8, false));
        if (!(images instanceof FolderDataset folder)) {
            throw new IllegalStateException("cannot survey " + images.description());
        }
        return of(folder);
    }

    static ImageSizeSurvey of(FolderDataset folder) {
        int n = Math.min(SAMPLE, folder.size());
        int[] widths = new int[n];
        int[] heights = new int[n];
        ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);
        for (int i = 0; i < n; i++) {
            int index = (int) ((long) i * folder.size() / n);
            try {
                BufferedImage image = decoder.decode(Files.readAllBytes(folder.path(index)));
                widths[i] = image.getWidth();
                heights[i] = image.getHeight();
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + folder.path(index), e);
            }
        }
        return new ImageSizeSurvey(n, median(widths), median(heights));
    }

    private static int median(int[] values) {
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
