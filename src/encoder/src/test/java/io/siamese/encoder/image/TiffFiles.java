package io.siamese.encoder.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Hand-built little-endian TIFFs with one uncompressed strip: the header, the first IFD, then
 * the strip, so a file may declare any size and carry any amount of pixel data (ImageIO writers
 * only write what they are given, in big-endian order for the plugin's writer).
 */
final class TiffFiles {

    private static final short SHORT = 3;
    private static final short LONG = 4;

    private TiffFiles() {
    }

    /**
     * A TIFF whose only strip holds {@code strip}, declared as {@code width x height} with
     * {@code samplesPerPixel} samples of {@code bitsPerSample} bits.
     *
     * @param sampleFormat 1 for unsigned integers, 3 for IEEE floats
     * @return the TIFF bytes
     */
    static byte[] uncompressed(int width, int height, int samplesPerPixel, int bitsPerSample,
            int sampleFormat, byte[] strip) {
        int photometric = samplesPerPixel >= 3 ? 2 : 1; // RGB, or gray with black at 0
        int[][] entries = {
            {256, LONG, width}, {257, LONG, height}, {258, SHORT, bitsPerSample}, {259, SHORT, 1},
            {262, SHORT, photometric}, {273, LONG, 0}, {277, SHORT, samplesPerPixel},
            {278, LONG, height}, {279, LONG, strip.length}, {339, SHORT, sampleFormat},
        };
        int stripOffset = 8 + 2 + entries.length * 12 + 4;
        ByteBuffer out = ByteBuffer.allocate(stripOffset + strip.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        out.putShort((short) entries.length);
        for (int[] entry : entries) {
            int value = entry[0] == 273 ? stripOffset : entry[2];
            // BitsPerSample holds one value per sample; the same value is given once, which the
            // plugin applies to every sample.
            out.putShort((short) entry[0]).putShort((short) entry[1]).putInt(1);
            if (entry[1] == SHORT) {
                out.putShort((short) value).putShort((short) 0);
            } else {
                out.putInt(value);
            }
        }
        out.putInt(0); // no further IFD
        out.put(strip);
        return out.array();
    }
}
