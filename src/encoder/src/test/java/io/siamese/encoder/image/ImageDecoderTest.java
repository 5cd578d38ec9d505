package io.siamese.encoder.image;

import static io.siamese.encoder.image.TestImages.ascii;
import static io.siamese.encoder.image.TestImages.concat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.encoder.image.ImageDecodeException.Reason;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {

    private static final int W = 9;
    private static final int H = 6;
    private static final Preprocessing IDENTITY = new Preprocessing(W, H, false);
    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);

    private float[] decodeToTensor(byte[] bytes) {
        BufferedImage image = decoder.decode(bytes);
        assertEquals(W, image.getWidth());
        assertEquals(H, image.getHeight());
        return IDENTITY.toTensor(image);
    }

    private static float[] expectedGradient() {
        return TestImages.scaled(W, H, TestImages::gradient);
    }

    @Test
    void shouldDecodeGrayPngExactly() {
        byte[] png = TestImages.encode(TestImages.gray(W, H, TestImages::gradient), "png");
        assertArrayEquals(expectedGradient(), decodeToTensor(png));
    }

    @Test
    void shouldDecodeBmpExactly() {
        byte[] bmp = TestImages.encode(TestImages.grayAsRgb(W, H, TestImages::gradient), "bmp");
        assertArrayEquals(expectedGradient(), decodeToTensor(bmp));
    }

    @Test
    void shouldDecodePaletteGifExactly() {
        byte[] gif = TestImages.encode(TestImages.indexedGray(W, H, TestImages::gradient), "gif");
        assertArrayEquals(expectedGradient(), decodeToTensor(gif));
    }

    @Test
    void shouldDecodeRawNetpbmExactly() {
        byte[] pgm = TestImages.pgm(W, H, TestImages::gradient);
        assertArrayEquals(expectedGradient(), decodeToTensor(pgm));
    }

    @Test
    void shouldDecodeJpegApproximately() {
        // JPEG is lossy: use a smooth image and allow a few gray levels of error.
        byte[] jpeg = TestImages.encode(TestImages.gray(W, H, (x, y) -> 60 + 10 * x + 5 * y), "jpeg");
        float[] expected = TestImages.scaled(W, H, (x, y) -> 60 + 10 * x + 5 * y);
        float[] actual = decodeToTensor(jpeg);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 8 / 255f, "pixel " + i);
        }
    }

    @Test
    void shouldRejectEmptyBytes() {
        assertEquals(Reason.EMPTY, assertThrows(ImageDecodeException.class,
                () -> decoder.decode(new byte[0])).reason());
        assertEquals(Reason.EMPTY, assertThrows(ImageDecodeException.class, () -> decoder.decode(null)).reason());
    }

    @Test
    void shouldRejectRandomGarbageAsUnsupported() {
        byte[] garbage = new byte[500];
        new Random(42).nextBytes(garbage);
        garbage[0] = 0x13;
        var e = assertThrows(ImageDecodeException.class, () -> decoder.decode(garbage));
        assertEquals(Reason.UNSUPPORTED_FORMAT, e.reason());
        assertTrue(e.getMessage().startsWith("unsupported image format: the first bytes (13 "), e.getMessage());
    }

    @Test
    void shouldRejectTruncatedPngAsCorrupt() {
        byte[] png = TestImages.encode(TestImages.gray(64, 64, (x, y) -> (x * 31 ^ y * 17) & 0xff), "png");
        byte[] truncated = Arrays.copyOf(png, png.length / 2);
        var e = assertThrows(ImageDecodeException.class, () -> decoder.decode(truncated));
        assertEquals(Reason.CORRUPT, e.reason());
        assertTrue(e.getMessage().startsWith("corrupt PNG image: "), e.getMessage());
    }

    @Test
    void shouldRejectImageOverByteLimit() {
        byte[] png = TestImages.encode(TestImages.gray(W, H, TestImages::gradient), "png");
        var small = new ImageDecoder(new ImageLimits(png.length - 1, 1_000_000));
        var e = assertThrows(ImageDecodeException.class, () -> small.decode(png));
        assertEquals(Reason.TOO_LARGE, e.reason());
        assertEquals("encoded image is " + png.length + " bytes, over the limit of " + (png.length - 1)
                + " bytes (image.max-bytes)", e.getMessage());
    }

    @Test
    void shouldRejectImageOverPixelLimit() {
        byte[] png = TestImages.encode(TestImages.gray(20, 20, TestImages::gradient), "png");
        var tight = new ImageDecoder(new ImageLimits(1_000_000, 399));
        var e = assertThrows(ImageDecodeException.class, () -> tight.decode(png));
        assertEquals(Reason.TOO_MANY_PIXELS, e.reason());
        assertEquals("image is 20x20 = 400 pixels, over the limit of 399 pixels (decompression-bomb guard)",
                e.getMessage());
    }

    @Test
    void shouldRejectPngWhoseHeaderClaimsFiftyThousandSquareWithoutDecoding() {
        byte[] bomb = TestImages.pngClaimingSize(50_000, 50_000);
        assertTrue(bomb.length < 200, "the bomb is a tiny file");
        var e = assertThrows(ImageDecodeException.class, () -> decoder.decode(bomb));
        assertEquals(Reason.TOO_MANY_PIXELS, e.reason());
        assertTrue(e.getMessage().startsWith("image is 50000x50000 = 2500000000 pixels"), e.getMessage());
    }

    @Test
    void shouldRejectNetpbmWhoseHeaderClaimsTooManyPixels() {
        byte[] bomb = concat(ascii("P5\n50000 50000\n255\n"), new byte[16]);
        var e = assertThrows(ImageDecodeException.class, () -> decoder.decode(bomb));
        assertEquals(Reason.TOO_MANY_PIXELS, e.reason());
    }

    @Test
    void shouldRejectNetpbmWithBogusHeaderAsCorrupt() {
        var e = assertThrows(ImageDecodeException.class, () -> decoder.decode(ascii("P5\nabc def\n255\n")));
        assertEquals(Reason.CORRUPT, e.reason());
        assertTrue(e.getMessage().startsWith("corrupt PNM image: "), e.getMessage());
    }

    @Test
    void shouldDecodeOnlyTheSniffedFormatEvenWhenTheExtensionWouldSayOtherwise() {
        // A GIF with a JPEG media type still decodes: the bytes, not the label, decide.
        byte[] gif = TestImages.encode(TestImages.indexedGray(W, H, TestImages::gradient), "gif");
        assertEquals(ImageFormat.GIF, ImageFormat.sniff(gif).orElseThrow());
        assertArrayEquals(expectedGradient(), decodeToTensor(gif));
    }
}
