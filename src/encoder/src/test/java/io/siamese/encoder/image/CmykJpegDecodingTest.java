package io.siamese.encoder.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.siamese.encoder.image.CmykJpegs.Ink;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.junit.jupiter.api.Test;

class CmykJpegDecodingTest {

    private static final Ink PAPER = new Ink(0, 0, 0, 0);
    private static final Ink BLACK = new Ink(0, 0, 0, 255);
    private static final Ink CYAN = new Ink(255, 0, 0, 0);
    private static final Ink YELLOW = new Ink(0, 0, 255, 0);

    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);

    /** The mean gray (0..255) of each 16x16 patch, through the same preprocessing as serving. */
    private int[] patchGrays(byte[] jpeg, int patches) {
        BufferedImage image = decoder.decode(jpeg);
        assertEquals(16 * patches, image.getWidth());
        assertEquals(16, image.getHeight());
        float[] tensor = new Preprocessing(patches, 1, false).toTensor(image);
        int[] grays = new int[patches];
        for (int p = 0; p < patches; p++) {
            grays[p] = Math.round(tensor[p] * 255);
        }
        return grays;
    }

    /**
     * PIL's gray for an ink: its naive CMYK to RGB ({@code R = (255 - C) * (255 - K) / 255}), then
     * the "L" weights. No ICC profile is involved, as none is embedded.
     */
    private static int pilGray(Ink ink) {
        int white = 255 - ink.black();
        return GrayConversion.luma((255 - ink.cyan()) * white / 255, (255 - ink.magenta()) * white / 255,
                (255 - ink.yellow()) * white / 255);
    }

    private void assertPilGrays(int transform) {
        Ink[] inks = {PAPER, BLACK, CYAN, YELLOW};
        int[] gray = patchGrays(CmykJpegs.patches(transform, inks), inks.length);
        for (int p = 0; p < inks.length; p++) {
            // Uniform patches at quality 1.0 lose at most a level or two to the JPEG round trip.
            assertEquals(pilGray(inks[p]), gray[p], 2, inks[p] + " in " + Arrays.toString(gray));
        }
    }

    @Test
    void shouldDecodeAdobeCmykJpegAsPilDoes() {
        assertPilGrays(CmykJpegs.CMYK);
    }

    @Test
    void shouldDecodeAdobeYcckJpegAsPilDoes() {
        // The JDK reader also opens YCCK, but its cyan comes out 7 levels too light.
        assertPilGrays(CmykJpegs.YCCK);
    }

    @Test
    void shouldDecodeOrdinaryJpegWithTheJdkReaderAsBefore() throws IOException {
        byte[] jpeg = TestImages.encode(TestImages.grayAsRgb(24, 16, (x, y) -> (x * 13 + y * 29) % 256), "jpeg");
        ImageReader jdk = ImageIoPlugins.reader("jpeg", false);
        jdk.setInput(new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg)));
        BufferedImage expected = jdk.read(0);
        jdk.dispose();

        BufferedImage actual = decoder.decode(jpeg);

        assertEquals(expected.getType(), actual.getType());
        assertArrayEquals(expected.getRaster().getPixels(0, 0, 24, 16, (int[]) null),
                actual.getRaster().getPixels(0, 0, 24, 16, (int[]) null));
    }
}
