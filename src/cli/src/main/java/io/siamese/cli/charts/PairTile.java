package io.siamese.cli.charts;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * One image pair with its caption, e.g. "Dissimilarity: 0.1234".
 *
 * @param left    first image of the pair
 * @param right   second image of the pair
 * @param caption text shown under the pair; null is shown as empty
 */
public record PairTile(BufferedImage left, BufferedImage right, String caption) {

    /**
     * Requires both images.
     *
     * @throws NullPointerException when an image is null
     */
    public PairTile {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        caption = caption == null ? "" : caption;
    }
}
