package io.siamese.encoder.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.siamese.encoder.image.ImageDecodeException.Reason;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageWriteParam;
import org.junit.jupiter.api.Test;

class TiffDecodingTest {

    private static final int W = 9;
    private static final int H = 6;
    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);

    private float[] tensor(byte[] tiff) {
        BufferedImage image = decoder.decode(tiff);
        assertEquals(W, image.getWidth());
        assertEquals(H, image.getHeight());
        return new Preprocessing(W, H, false).toTensor(image);
    }

    private static float[] expectedGradient() {
        return TestImages.scaled(W, H, TestImages::gradient);
    }

    private static byte[] tiff(BufferedImage image, String compression) {
        return TestImages.write("tiff", (writer, param) -> {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType(compression);
            return new IIOImage(image, null, null);
        });
    }

    @Test
    void shouldDecodeGrayTiffExactlyWhateverTheCompression() {
        for (String compression : new String[] {"None", "LZW", "Deflate", "PackBits"}) {
            byte[] bytes = tiff(TestImages.gray(W, H, TestImages::gradient), compression);
            assertArrayEquals(expectedGradient(), tensor(bytes), compression);
        }
    }

    @Test
    void shouldDecodeRgbTiffExactly() {
        byte[] bytes = tiff(TestImages.grayAsRgb(W, H, TestImages::gradient), "LZW");
        assertArrayEquals(expectedGradient(), tensor(bytes));
    }

    @Test
    void shouldDecodeLittleEndianAndBigTiff() {
        byte[] gray = new byte[W * H];
        for (int i = 0; i < gray.length; i++) {
            gray[i] = (byte) TestImages.gradient(i % W, i / W);
        }
        assertArrayEquals(expectedGradient(), tensor(TiffFiles.uncompressed(W, H, 1, 8, 1, gray)));
        byte[] bigTiff = TestImages.encode(TestImages.gray(W, H, TestImages::gradient), "bigtiff");
        assertArrayEquals(expectedGradient(), tensor(bigTiff));
    }

    @Test
    void shouldRejectTiffDeclaringHundredThousandSquareBeforeDecoding() {
        byte[] bomb = TiffFiles.uncompressed(100_000, 100_000, 1, 8, 1, new byte[16]);
        var e = assertThrows(ImageDecodeException.class, () -> decoder.decode(bomb));
        assertEquals(Reason.TOO_MANY_PIXELS, e.reason());
        assertTrue(e.getMessage().startsWith("image is 100000x100000 = 10000000000 pixels"), e.getMessage());
    }

    @Test
    void shouldRejectTiffWhosePixelsAreSoWideTheRasterWouldExceedTheBudget() {
        // 100x100 pixels are allowed, but at three 64-bit samples the raster would be 24 bytes a
        // pixel: 240,000 bytes against 10,000 x 8. The plugin would decode it.
        var tight = new ImageDecoder(new ImageLimits(1 << 20, 10_000));
        byte[] wide = TiffFiles.uncompressed(100, 100, 3, 64, 3, new byte[100 * 100 * 24]);
        var e = assertThrows(ImageDecodeException.class, () -> tight.decode(wide));
        assertEquals(Reason.TOO_MANY_PIXELS, e.reason());
        assertEquals("image is 100x100 at 24 bytes per pixel = 240000 bytes decoded, over the limit of 80000 bytes"
                + " (8 per allowed pixel)", e.getMessage());
    }

    @Test
    void shouldRejectTruncatedTiffAsCorrupt() {
        byte[] written = TiffFiles.uncompressed(W, H, 1, 8, 1, new byte[W * H]);
        byte[] truncated = Arrays.copyOf(written, written.length - 10);
        var e = assertThrows(ImageDecodeException.class, () -> decoder.decode(truncated));
        assertEquals(Reason.CORRUPT, e.reason());
        assertTrue(e.getMessage().startsWith("corrupt TIFF image: "), e.getMessage());

        byte[] lzw = tiff(TestImages.gray(64, 64, (x, y) -> (x * 31 ^ y * 17) & 0xff), "LZW");
        var cut = assertThrows(ImageDecodeException.class, () -> decoder.decode(Arrays.copyOf(lzw, lzw.length / 2)));
        assertEquals(Reason.CORRUPT, cut.reason());
    }
}
