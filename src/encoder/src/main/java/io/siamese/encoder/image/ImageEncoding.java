package io.siamese.encoder.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * Encodes tensors and images to PNG, for tests, publishers and debugging dumps.
 */
public final class ImageEncoding {

    static {
        // Same reason as ImageDecoder: never touch the disk for in-memory encoding.
        ImageIO.setUseCache(false);
    }

    private ImageEncoding() {
    }

    /**
     * Encodes a gray tensor as an 8-bit grayscale PNG.
     *
     * @param gray01 row-major values in [0, 1] (clamped)
     * @param width the width
     * @param height the height
     * @return the PNG bytes
     */
    public static byte[] png(float[] gray01, int width, int height) {
        return png(grayImage(gray01, width, height));
    }

    /**
     * Encodes an image as PNG.
     *
     * @param image the image
     * @return the PNG bytes
     * @throws UncheckedIOException if ImageIO cannot write the image
     */
    public static byte[] png(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer accepts image type " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode PNG", e);
        }
        return out.toByteArray();
    }

    /**
     * Builds an 8-bit gray image from a tensor, each value rounded to the nearest of 0..255.
     *
     * @param gray01 row-major values in [0, 1] (clamped; NaN becomes 0)
     * @param width the width
     * @param height the height
     * @return a {@code TYPE_BYTE_GRAY} image
     */
    public static BufferedImage grayImage(float[] gray01, int width, int height) {
        byte[] gray8 = toGray8(gray01, width, height);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        // Written to the raster directly: setRGB would gamma-convert into Java's linear gray space.
        byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(gray8, 0, data, 0, gray8.length);
        return image;
    }

    /** Quantises a [0, 1] tensor to unsigned bytes. */
    private static byte[] toGray8(float[] gray01, int width, int height) {
        Objects.requireNonNull(gray01, "gray01");
        if (width < 1 || height < 1 || (long) width * height != gray01.length) {
            throw new IllegalArgumentException("expected " + width + "x" + height + " = "
                    + ((long) width * height) + " values, got " + gray01.length);
        }
        byte[] gray8 = new byte[gray01.length];
        for (int i = 0; i < gray01.length; i++) {
            float v = gray01[i];
            float clamped = v > 1f ? 1f : (v > 0f ? v : 0f); // NaN fails both tests and becomes 0
            gray8[i] = (byte) Math.round(clamped * 255f);
        }
        return gray8;
    }
}
