package io.siamese.cli.publish;

import io.siamese.encoder.data.Datasets;
import io.siamese.encoder.data.FolderDataset;
import io.siamese.encoder.data.LabelledImages;
import io.siamese.encoder.data.Split;
import io.siamese.encoder.image.ImageDecoder;
import io.siamese.encoder.image.ImageEncoding;
import io.siamese.encoder.image.ImageFormat;
import io.siamese.encoder.image.ImageLimits;
import io.siamese.encoder.image.Preprocessing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Objects;

/**
 * The images a publisher sends, as PNG files of the original picture (what a camera or an upload would send,
 * not the model's resized tensor): Fashion-MNIST's 28x28 gray images, a folder's files (PNG as they are, other
 * formats re-encoded as PNG), or any other dataset's tensors at their own size.
 */
public final class PairImages {

    /** The native size of Fashion-MNIST: no resizing, so the PNG holds exactly the dataset's pixels. */
    private static final Preprocessing ORIGINAL_28 = new Preprocessing(28, 28, false);

    private final LabelledImages images;
    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);

    /** @param images the dataset to draw from */
    public PairImages(LabelledImages images) {
        this.images = Objects.requireNonNull(images, "images");
    }

    /**
     * Opens {@code "fashion-mnist"} (its test split) or a folder of class folders (its test split when it has
     * train/test sub-folders).
     *
     * @param spec the dataset spec, as for {@link Datasets#open}
     * @return the images
     */
    public static PairImages open(String spec) {
        // For folders the preprocessing is never applied: their files are sent as they are.
        return new PairImages(Datasets.open(spec, Split.TEST, ORIGINAL_28));
    }

    /** @return the dataset */
    public LabelledImages dataset() {
        return images;
    }

    /**
     * The image at {@code index} as PNG bytes.
     *
     * @throws UncheckedIOException when a folder's file cannot be read
     */
    public byte[] png(int index) {
        if (images instanceof FolderDataset folder) {
            return folderPng(folder, index);
        }
        Preprocessing size = images.preprocessing();
        return ImageEncoding.png(images.tensor(index), size.width(), size.height());
    }

    private byte[] folderPng(FolderDataset folder, int index) {
        try {
            byte[] file = Files.readAllBytes(folder.path(index));
            boolean isPng = ImageFormat.sniff(file).filter(format -> format == ImageFormat.PNG).isPresent();
            return isPng ? file : ImageEncoding.png(decoder.decode(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder.path(index), e);
        }
    }
}
