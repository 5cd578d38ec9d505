package io.siamese.encoder.image;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * The one image-to-tensor transformation, shared by training and serving so that a model never
 * sees inputs prepared differently from those it was trained on.
 *
 * <p>Steps, in order: 8-bit luminance with PIL's {@code "L"} rule (16-bit gray rescaled to 8
 * bits, alpha ignored); optional inversion {@code v -> 255 - v}; resize to
 * {@code width x height} with {@link GrayResampler} (bilinear, or area averaging when shrinking
 * more than 2x); division by 255. Resized values are kept as floats rather than re-quantised to
 * 8 bits. The result is row-major, {@code height * width} floats in [0, 1].
 *
 * @param width the tensor width in pixels
 * @param height the tensor height in pixels
 * @param invert whether to invert gray values (for datasets drawn light-on-dark, or the reverse)
 */
public record Preprocessing(int width, int height, boolean invert) {

    /**
     * Validates the target size.
     *
     * @param width the tensor width in pixels
     * @param height the tensor height in pixels
     * @param invert whether to invert gray values
     * @throws IllegalArgumentException when a dimension is not positive or the size overflows
     */
    public Preprocessing {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("preprocessing size must be positive, got " + width + "x" + height);
        }
        if ((long) width * height > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("preprocessing size " + width + "x" + height + " is too large");
        }
    }

    /**
     * The number of floats {@link #toTensor(BufferedImage)} returns.
     *
     * @return {@code width * height}
     */
    public int tensorLength() {
        return width * height;
    }

    /**
     * Converts a decoded image to a tensor.
     *
     * @param image any image; colour, palette, gray of any bit depth, with or without alpha
     * @return {@code height * width} floats in [0, 1], row-major
     */
    public float[] toTensor(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        return fromGray(GrayConversion.toGray8(image), image.getWidth(), image.getHeight());
    }

    /**
     * Decodes and converts an encoded image to a tensor: the one path from encoded bytes to a
     * tensor, for training and serving alike. A large image is decoded subsampled toward this
     * size ({@link ImageDecoder#decode(byte[], Preprocessing, java.util.function.Function)});
     * one under {@code 16x} this size on both axes decodes exactly as at full size.
     *
     * @param encoded the encoded image
     * @param decoder the decoder, which enforces size limits and the decode budget
     * @return {@code height * width} floats in [0, 1], row-major
     * @throws ImageDecodeException when the image is rejected
     */
    public float[] toTensor(byte[] encoded, ImageDecoder decoder) {
        return decoder.decode(encoded, this, decoded -> toTensor(decoded.image()));
    }

    /**
     * Fast path for pixels that are already 8-bit gray (IDX datasets such as Fashion-MNIST); gives
     * exactly the same result as wrapping them in a {@code TYPE_BYTE_GRAY} image and calling
     * {@link #toTensor(BufferedImage)}.
     *
     * @param pixels row-major unsigned 8-bit gray values
     * @param width the source width
     * @param height the source height
     * @param preprocessing the transformation to apply
     * @return {@code preprocessing.height() * preprocessing.width()} floats in [0, 1]
     */
    public static float[] fromGray8(byte[] pixels, int width, int height, Preprocessing preprocessing) {
        return fromGray8(pixels, 0, width, height, preprocessing);
    }

    /**
     * Like {@link #fromGray8(byte[], int, int, Preprocessing)}, reading the image from
     * {@code offset} in a larger array so datasets need not copy each image out first.
     *
     * @param pixels an array holding row-major unsigned 8-bit gray values
     * @param offset index of the image's first pixel
     * @param width the source width
     * @param height the source height
     * @param preprocessing the transformation to apply
     * @return {@code preprocessing.height() * preprocessing.width()} floats in [0, 1]
     */
    public static float[] fromGray8(byte[] pixels, int offset, int width, int height,
            Preprocessing preprocessing) {
        Objects.requireNonNull(pixels, "pixels");
        if (width < 1 || height < 1 || offset < 0 || offset + (long) width * height > pixels.length) {
            throw new IllegalArgumentException("a " + width + "x" + height + " image at offset " + offset
                    + " does not fit in " + pixels.length + " bytes");
        }
        int[] gray = new int[width * height];
        for (int i = 0; i < gray.length; i++) {
            gray[i] = pixels[offset + i] & 0xff;
        }
        return preprocessing.fromGray(gray, width, height);
    }

    private float[] fromGray(int[] gray, int sourceWidth, int sourceHeight) {
        double[] plane = new double[gray.length];
        for (int i = 0; i < gray.length; i++) {
            plane[i] = invert ? 255 - gray[i] : gray[i];
        }
        double[] resized = GrayResampler.resize(plane, sourceWidth, sourceHeight, width, height);
        float[] tensor = new float[resized.length];
        for (int i = 0; i < resized.length; i++) {
            // Division (not multiplication by 1/255) matches torchvision's ToTensor bit for bit.
            tensor[i] = (float) (resized[i] / 255.0);
        }
        return tensor;
    }
}
