package io.siamese.encoder.image;

import java.nio.charset.StandardCharsets;

/**
 * Writes raw netpbm graymaps; the simplest lossless format, handy in tests and for publishers
 * that want exact 8-bit pixels without a PNG encoder.
 */
public final class PnmWriter {

    private PnmWriter() {
    }

    /**
     * Encodes a gray tensor as a raw 8-bit P5 graymap (maxval 255).
     *
     * @param gray01 row-major values in [0, 1] (clamped), rounded to the nearest of 0..255
     * @param width the width
     * @param height the height
     * @return the P5 bytes
     */
    public static byte[] writeP5(float[] gray01, int width, int height) {
        byte[] pixels = ImageEncoding.toGray8(gray01, width, height);
        byte[] header = ("P5\n" + width + " " + height + "\n255\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[header.length + pixels.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(pixels, 0, out, header.length, pixels.length);
        return out;
    }
}
