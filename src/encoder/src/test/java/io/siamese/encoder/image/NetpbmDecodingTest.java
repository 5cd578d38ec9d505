package io.siamese.encoder.image;

import static io.siamese.encoder.image.TestImages.ascii;
import static io.siamese.encoder.image.TestImages.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.encoder.image.ImageDecodeException.Reason;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class NetpbmDecodingTest {

    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);

    /** The decoded image as 8-bit gray, row-major, through the same conversion as serving. */
    private int[] gray(byte[] bytes, int width, int height) {
        BufferedImage image = decoder.decode(bytes);
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
        float[] tensor = new Preprocessing(width, height, false).toTensor(image);
        int[] gray = new int[tensor.length];
        for (int i = 0; i < gray.length; i++) {
            gray[i] = Math.round(tensor[i] * 255);
        }
        return gray;
    }

    private Reason reasonFor(byte[] bytes) {
        return assertThrows(ImageDecodeException.class, () -> decoder.decode(bytes)).reason();
    }

    private static byte[] raw(String header, int... samples) {
        byte[] raster = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            raster[i] = (byte) samples[i];
        }
        return concat(ascii(header), raster);
    }

    @Test
    void shouldReadPlainAndRawBitmapsWithOneAsBlack() {
        int[] expected = {255, 0, 255, 0, 255, 0};
        assertArrayEquals(expected, gray(ascii("P1\n# c\n3 2\n0 1 0\n1 0 1\n"), 3, 2));
        assertArrayEquals(expected, gray(ascii("P1 3 2 010101"), 3, 2), "plain bits need no separators");
        assertArrayEquals(expected, gray(raw("P4\n3 2\n", 0b0100_0000, 0b1010_0000), 3, 2));
    }

    @Test
    void shouldReadPlainAndRawGraymaps() {
        assertArrayEquals(new int[] {0, 128, 255, 7, 8, 9},
                gray(ascii("P2\n# made by hand\n3 2 # size\n255\n0 128 255\n7 8\t9\n"), 3, 2));
        assertArrayEquals(new int[] {10, 200}, gray(raw("P5 2 1 255\n", 10, 200), 2, 1));
    }

    @Test
    void shouldReadPlainAndRawPixmapsWithPilLuma() {
        // PIL "L": (255*299 + 0 + 0) / 1000 = 76; (10*299 + 20*587 + 30*114) / 1000 = 18.
        assertArrayEquals(new int[] {76, 18}, gray(ascii("P3\n2 1\n255\n255 0 0  10 20 30\n"), 2, 1));
        assertArrayEquals(new int[] {76, 18}, gray(raw("P6\n2 1\n255\n", 255, 0, 0, 10, 20, 30), 2, 1));
    }

    @Test
    void shouldScaleSixteenBitSamplesToEightBits() {
        // 0, 32896, 65535
        byte[] pgm = raw("P5\n3 1\n65535\n", 0, 0, 0x80, 0x80, 0xff, 0xff);
        assertArrayEquals(new int[] {0, 128, 255}, gray(pgm, 3, 1));
        assertArrayEquals(new int[] {0, 128, 255}, gray(ascii("P2 3 1 65535 0 32896 65535"), 3, 1));
    }

    @Test
    void shouldScaleEveryMaxvalToFullRangeRoundingToNearest() {
        // maxval 200 is where the plugin alone goes wrong: it reads 150 as 121 and 200 as 185.
        assertArrayEquals(new int[] {13, 191, 255}, gray(raw("P5 3 1 200\n", 10, 150, 200), 3, 1));
        assertArrayEquals(new int[] {0, 17, 255}, gray(ascii("P2 3 1 15 0 1 15"), 3, 1));
        assertArrayEquals(new int[] {0, 128, 255}, gray(ascii("P2 3 1 100 0 50 100"), 3, 1));
        assertArrayEquals(new int[] {0, 255}, gray(raw("P5 2 1 1\n", 0, 1), 2, 1), "maxval 1");
        // 16-bit: maxval 1000 (500 -> 127.5 -> 128) and 40000, above the plugin's signed range.
        assertArrayEquals(new int[] {0, 128, 255}, gray(raw("P5 3 1 1000\n", 0, 0, 0x01, 0xf4, 0x03, 0xe8), 3, 1));
        assertArrayEquals(new int[] {0, 210, 255}, gray(raw("P5 3 1 40000\n", 0, 0, 0x80, 0x80, 0x9c, 0x40), 3, 1));
        assertArrayEquals(new int[] {76, 18}, gray(ascii("P3 2 1 100 100 0 0 4 8 12"), 2, 1), "pixmap, maxval 100");
    }

    @Test
    void shouldRejectSampleAboveMaxval() {
        assertEquals(Reason.CORRUPT, reasonFor(ascii("P2 2 1 100 50 101")));
        assertEquals(Reason.CORRUPT, reasonFor(raw("P5 2 1 200\n", 10, 201)));
    }

    @Test
    void shouldRejectTruncatedRastersAsCorrupt() {
        var e = assertThrows(ImageDecodeException.class, () -> decoder.decode(concat(ascii("P6\n2 2\n255\n"), new byte[11])));
        assertEquals(Reason.CORRUPT, e.reason());
        assertTrue(e.getMessage().startsWith("corrupt PNM image: "), e.getMessage());
        assertEquals(Reason.CORRUPT, reasonFor(ascii("P2 3 1 255 1 2")));
        assertEquals(Reason.CORRUPT, reasonFor(raw("P5 3 1 200\n", 1, 2)));
        assertEquals(Reason.CORRUPT, reasonFor(raw("P4\n16 2\n", 0, 0, 0)));
    }

    @Test
    void shouldRejectHeadersDeclaringHundredThousandSquareBeforeDecoding() {
        for (String magic : new String[] {"P1", "P2", "P4", "P5", "P6"}) {
            byte[] bomb = raw(magic + "\n100000 100000\n255\n", 1, 2, 3, 4);
            var e = assertThrows(ImageDecodeException.class, () -> decoder.decode(bomb), magic);
            assertEquals(Reason.TOO_MANY_PIXELS, e.reason(), magic);
            assertTrue(e.getMessage().startsWith("image is 100000x100000 = 10000000000 pixels"), e.getMessage());
        }
    }

    @Test
    void shouldRejectBogusHeadersAsCorrupt() {
        assertEquals(Reason.CORRUPT, reasonFor(ascii("P5\n0 4\n255\n")));
        // The plugin alone would skip the 0 and decode this as a 2x255 16-bit graymap.
        assertEquals(Reason.CORRUPT, reasonFor(concat(ascii("P5 0 2 255 65535\n"), new byte[1020])), "zero side");
        assertEquals(Reason.CORRUPT, reasonFor(ascii("P5\n4 4\n70000\n")));
        assertEquals(Reason.CORRUPT, reasonFor(ascii("P5\n4 4\n0\n")));
        assertEquals(Reason.CORRUPT, reasonFor(ascii("P5\n4x4\n255\n")));
        assertEquals(Reason.CORRUPT, reasonFor(ascii("P5\n4 4\n")));
        assertEquals(Reason.CORRUPT, reasonFor(ascii("P5\n99999999999 4\n255\n")));
        assertEquals(Reason.CORRUPT, reasonFor(ascii("P2 2 1 255 1 x")));
    }

    @Test
    void shouldLeavePamAndFloatMapsUnsupported() {
        byte[] pam = raw("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 1\nMAXVAL 255\nTUPLTYPE GRAYSCALE\nENDHDR\n", 7);
        assertEquals(Reason.UNSUPPORTED_FORMAT, reasonFor(pam));
        assertEquals(Reason.UNSUPPORTED_FORMAT, reasonFor(raw("Pf\n1 1\n-1.0\n", 0, 0, 0x80, 0x3f)));
    }
}
