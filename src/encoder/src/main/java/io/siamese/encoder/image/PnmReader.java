package io.siamese.encoder.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;

/**
 * Pure-Java reader for netpbm graymaps and pixmaps: P2 (plain gray), P5 (raw gray, 8 or 16 bit),
 * P3 (plain RGB) and P6 (raw RGB, 8 or 16 bit). Samples are rescaled from {@code 0..maxval} to
 * {@code 0..255}, so gray images come back as {@link BufferedImage#TYPE_BYTE_GRAY} and colour
 * images as {@link BufferedImage#TYPE_INT_RGB}, whatever their maxval.
 *
 * <p>ImageIO has no netpbm plugin, and this reader is small enough to audit: it validates the
 * whole header and checks that the raster is long enough <em>before</em> allocating any pixels.
 */
public final class PnmReader {

    /**
     * A parsed netpbm header.
     *
     * @param kind the magic digit: '2', '3', '5' or '6'
     * @param width the width in pixels, positive
     * @param height the height in pixels, positive
     * @param maxValue the largest sample value, 1..65535
     * @param rasterOffset index of the first raster byte (raw formats) or character (plain formats)
     */
    public record Header(char kind, int width, int height, int maxValue, int rasterOffset) {

        /**
         * Whether samples are binary (P5, P6) rather than decimal text (P2, P3).
         *
         * @return true for raw formats
         */
        public boolean binary() {
            return kind == '5' || kind == '6';
        }

        /**
         * Samples per pixel.
         *
         * @return 3 for pixmaps (P3, P6), 1 for graymaps (P2, P5)
         */
        public int channels() {
            return kind == '3' || kind == '6' ? 3 : 1;
        }

        /**
         * The declared pixel count; a long because a hostile header may overflow an int.
         *
         * @return width &times; height
         */
        public long pixels() {
            return (long) width * height;
        }
    }

    private PnmReader() {
    }

    /**
     * Parses only the header, so callers can apply pixel limits before any raster is allocated.
     *
     * @param bytes the encoded image
     * @return the header
     * @throws ImageDecodeException {@code UNSUPPORTED_FORMAT} for other magic numbers,
     *     {@code CORRUPT} for a malformed header
     */
    public static Header readHeader(byte[] bytes) {
        if (bytes == null || bytes.length < 2 || bytes[0] != 'P') {
            throw new ImageDecodeException(ImageDecodeException.Reason.UNSUPPORTED_FORMAT,
                    "not a netpbm image: it does not start with P2, P3, P5 or P6");
        }
        char kind = (char) bytes[1];
        if (kind != '2' && kind != '3' && kind != '5' && kind != '6') {
            throw new ImageDecodeException(ImageDecodeException.Reason.UNSUPPORTED_FORMAT,
                    "unsupported netpbm kind P" + kind + ": only P2, P3, P5 and P6 are read");
        }
        PnmTokenizer tokens = new PnmTokenizer(bytes, 2);
        int width = tokens.nextHeaderNumber("width");
        int height = tokens.nextHeaderNumber("height");
        int maxValue = tokens.nextHeaderNumber("maxval");
        if (width < 1 || height < 1) {
            throw ImageDecodeException.corrupt("netpbm header declares an empty image: "
                    + width + "x" + height);
        }
        if (maxValue < 1 || maxValue > 65535) {
            throw ImageDecodeException.corrupt("netpbm maxval " + maxValue + " is outside 1..65535");
        }
        // The spec allows exactly one whitespace byte between maxval and a raw raster.
        int afterMaxValue = tokens.position();
        if (afterMaxValue < bytes.length && !PnmTokenizer.isWhitespace(bytes[afterMaxValue])) {
            throw ImageDecodeException.corrupt("netpbm maxval is not followed by whitespace");
        }
        return new Header(kind, width, height, maxValue, afterMaxValue + 1);
    }

    /**
     * Decodes a netpbm image.
     *
     * @param bytes the encoded image
     * @return a {@code TYPE_BYTE_GRAY} or {@code TYPE_INT_RGB} image
     * @throws ImageDecodeException when the header or raster is malformed or truncated
     */
    public static BufferedImage read(byte[] bytes) {
        Header header = readHeader(bytes);
        int[] samples = header.binary() ? readRaw(bytes, header) : readPlain(bytes, header);
        return toImage(header, samples);
    }

    private static int[] readRaw(byte[] bytes, Header header) {
        int bytesPerSample = header.maxValue() > 255 ? 2 : 1;
        long sampleCount = header.pixels() * header.channels();
        long needed = sampleCount * bytesPerSample;
        long available = Math.max(0, bytes.length - header.rasterOffset());
        if (available < needed) {
            throw ImageDecodeException.corrupt("truncated P" + header.kind() + " raster: "
                    + header.width() + "x" + header.height() + " needs " + needed
                    + " bytes after the header, found " + available);
        }
        int[] samples = new int[(int) sampleCount];
        int at = header.rasterOffset();
        for (int i = 0; i < samples.length; i++) {
            int value = bytes[at++] & 0xff;
            if (bytesPerSample == 2) {
                value = (value << 8) | (bytes[at++] & 0xff); // netpbm is big-endian
            }
            samples[i] = checkedSample(value, header);
        }
        return samples;
    }

    private static int[] readPlain(byte[] bytes, Header header) {
        long sampleCount = header.pixels() * header.channels();
        long available = Math.max(0, bytes.length - header.rasterOffset() + 1);
        // Each sample takes at least one digit plus a separator: reject impossible sizes up front
        // instead of allocating for a header that lies.
        if (2 * sampleCount - 1 > available) {
            throw ImageDecodeException.corrupt("truncated P" + header.kind() + " raster: "
                    + header.width() + "x" + header.height() + " needs " + sampleCount
                    + " samples, but only " + available + " characters follow the header");
        }
        int[] samples = new int[(int) sampleCount];
        PnmTokenizer tokens = new PnmTokenizer(bytes, header.rasterOffset() - 1);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = checkedSample(tokens.nextSample(i), header);
        }
        return samples;
    }

    private static int checkedSample(int value, Header header) {
        if (value > header.maxValue()) {
            throw ImageDecodeException.corrupt("netpbm sample " + value + " exceeds maxval "
                    + header.maxValue());
        }
        return value;
    }

    private static BufferedImage toImage(Header header, int[] samples) {
        int[] to8Bit = scaleTable(header.maxValue());
        int pixels = (int) header.pixels();
        if (header.channels() == 1) {
            BufferedImage image = new BufferedImage(header.width(), header.height(),
                    BufferedImage.TYPE_BYTE_GRAY);
            // TYPE_BYTE_GRAY rasters are packed with stride == width, so index i is pixel i.
            byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < pixels; i++) {
                data[i] = (byte) to8Bit[samples[i]];
            }
            return image;
        }
        BufferedImage image = new BufferedImage(header.width(), header.height(),
                BufferedImage.TYPE_INT_RGB);
        int[] data = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int i = 0, s = 0; i < pixels; i++, s += 3) {
            data[i] = (to8Bit[samples[s]] << 16) | (to8Bit[samples[s + 1]] << 8) | to8Bit[samples[s + 2]];
        }
        return image;
    }

    /** Rounded rescale of {@code 0..maxValue} onto {@code 0..255}; identity when maxValue is 255. */
    static int[] scaleTable(int maxValue) {
        int[] table = new int[maxValue + 1];
        for (int v = 0; v <= maxValue; v++) {
            table[v] = (int) ((v * 255L + maxValue / 2) / maxValue);
        }
        return table;
    }
}
