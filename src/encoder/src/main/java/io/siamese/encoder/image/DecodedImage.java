package io.siamese.encoder.image;

import java.awt.image.BufferedImage;

/**
 * A decoded image and the size its header declared: the image is smaller than that when the decode
 * subsampled it (see {@link ImageDecoder#decode(byte[], Preprocessing, java.util.function.Function)}),
 * and size checks (a minimum side) are about the image as sent.
 *
 * @param image the decoded pixels, possibly subsampled
 * @param sourceWidth the width the header declared
 * @param sourceHeight the height the header declared
 */
public record DecodedImage(BufferedImage image, int sourceWidth, int sourceHeight) {}
