package io.siamese.encoder.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PreprocessingTest {

    private static final float EPS = 1e-6f;

    private static BufferedImage rgb(int... pixels) {
        BufferedImage image = new BufferedImage(pixels.length, 1, BufferedImage.TYPE_INT_ARGB);
        for (int x = 0; x < pixels.length; x++) {
            image.setRGB(x, 0, pixels[x]);
        }
        return image;
    }

    private static void assertAll(float expected, float[] actual, float tolerance) {
        for (int i = 0; i < actual.length; i++) {
            assertEquals(expected, actual[i], tolerance, "value " + i);
        }
    }

    @Test
    void shouldConvertPrimariesWithPilLuminanceRule() {
        float[] tensor = new Preprocessing(4, 1, false).toTensor(
                rgb(0xffff0000, 0xff00ff00, 0xff0000ff, 0xffffffff));
        // PIL: Image.new("RGB", ...).convert("L") gives 76, 150, 29, 255 for these.
        assertArrayEquals(new float[] {76 / 255f, 150 / 255f, 29 / 255f, 1f}, tensor);
    }

    @Test
    void shouldRoundLuminanceToWithinHalfALevelOfTheDocumentedFormula() {
        Random random = new Random(3);
        for (int i = 0; i < 2000; i++) {
            int r = random.nextInt(256);
            int g = random.nextInt(256);
            int b = random.nextInt(256);
            double exact = r * 299 / 1000.0 + g * 587 / 1000.0 + b * 114 / 1000.0;
            assertEquals(exact, GrayConversion.luma(r, g, b), 0.5 + 1e-9, r + "," + g + "," + b);
        }
    }

    @Test
    void shouldIgnoreAlphaInsteadOfCompositing() {
        float[] tensor = new Preprocessing(2, 1, false).toTensor(rgb(0x00ff0000, 0x80ffffff));
        assertArrayEquals(new float[] {76 / 255f, 1f}, tensor);
    }

    @Test
    void shouldScaleSixteenBitGrayToEightBits() {
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setSample(0, 0, 0, 65535);
        image.getRaster().setSample(1, 0, 0, 100 * 257);
        image.getRaster().setSample(2, 0, 0, 0);
        byte[] png = TestImages.encode(image, "png");
        float[] tensor = new Preprocessing(3, 1, false).toTensor(png, new ImageDecoder(ImageLimits.DEFAULT));
        assertArrayEquals(new float[] {1f, 100 / 255f, 0f}, tensor);
    }

    @Test
    void shouldUseStoredRgbValuesIgnoringTheImagesColourProfile() {
        // Linear RGB stands in for an embedded ICC profile: getRGB would gamma-convert it.
        ColorModel linear = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_LINEAR_RGB),
                false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster raster = linear.createCompatibleWritableRaster(2, 1);
        raster.setPixel(0, 0, new int[] {128, 128, 128});
        raster.setPixel(1, 0, new int[] {200, 100, 50});
        BufferedImage image = new BufferedImage(linear, raster, false, null);
        float[] tensor = new Preprocessing(2, 1, false).toTensor(image);
        assertArrayEquals(new float[] {128 / 255f, GrayConversion.luma(200, 100, 50) / 255f}, tensor);
    }

    @Test
    void shouldScaleSixteenBitRgbToEightBits() {
        ColorModel rgb16 = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
                false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = rgb16.createCompatibleWritableRaster(1, 1);
        raster.setPixel(0, 0, new int[] {65535, 0, 100 * 257});
        byte[] png = TestImages.encode(new BufferedImage(rgb16, raster, false, null), "png");
        float[] tensor = new Preprocessing(1, 1, false).toTensor(png, new ImageDecoder(ImageLimits.DEFAULT));
        assertArrayEquals(new float[] {GrayConversion.luma(255, 0, 100) / 255f}, tensor);
    }

    @Test
    void shouldInvertGrayValues() {
        BufferedImage image = TestImages.gray(5, 4, TestImages::gradient);
        float[] inverted = new Preprocessing(5, 4, true).toTensor(image);
        assertArrayEquals(TestImages.scaled(5, 4, (x, y) -> 255 - TestImages.gradient(x, y)), inverted);
    }

    @Test
    void shouldKeepConstantImageConstantWhenResizingUpOrDown() {
        BufferedImage constant = TestImages.gray(100, 80, (x, y) -> 77);
        for (Preprocessing p : new Preprocessing[] {
                new Preprocessing(9, 7, false), new Preprocessing(67, 53, false),
                new Preprocessing(250, 190, false), new Preprocessing(30, 200, false)}) {
            float[] tensor = p.toTensor(constant);
            assertEquals(p.tensorLength(), tensor.length);
            assertAll(77 / 255f, tensor, EPS);
        }
    }

    @Test
    void shouldUpscaleTwoByTwoBilinearlyWithHalfPixelCentres() {
        int[][] source = {{0, 100}, {200, 40}};
        float[] tensor = new Preprocessing(4, 4, false).toTensor(TestImages.gray(2, 2, (x, y) -> source[y][x]));
        // align_corners=false weights for 2 -> 4: the outer pixels copy, the inner ones mix 3:1.
        double[][] weights = {{1, 0}, {0.75, 0.25}, {0.25, 0.75}, {0, 1}};
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                double expected = 0;
                for (int a = 0; a < 2; a++) {
                    for (int b = 0; b < 2; b++) {
                        expected += weights[y][a] * weights[x][b] * source[a][b];
                    }
                }
                assertEquals(expected / 255, tensor[y * 4 + x], EPS, "(" + x + "," + y + ")");
            }
        }
        assertEquals(25 / 255f, tensor[1], EPS); // a hand-checked value: 0.75*0 + 0.25*100
    }

    @Test
    void shouldHalveByAveragingNeighbourPairs() {
        float[] tensor = new Preprocessing(2, 1, false).toTensor(TestImages.gray(4, 1, (x, y) -> new int[] {0, 100, 200, 40}[x]));
        assertArrayEquals(new float[] {50 / 255f, 120 / 255f}, tensor, EPS);
    }

    @Test
    void shouldAreaAverageWhenShrinkingMoreThanTwofold() {
        int[] row = {0, 30, 60, 90, 120, 150};
        float[] tensor = new Preprocessing(2, 1, false).toTensor(TestImages.gray(6, 1, (x, y) -> row[x]));
        assertArrayEquals(new float[] {30 / 255f, 120 / 255f}, tensor, EPS);
    }

    @Test
    void shouldDownscaleFineCheckerboardToMidGrayWithoutAliasing() {
        BufferedImage checker = TestImages.gray(200, 200, (x, y) -> ((x + y) & 1) == 0 ? 0 : 255);
        assertAll(0.5f, new Preprocessing(10, 10, false).toTensor(checker), EPS);
        // A non-integer factor (200 / 28) still averages to mid-gray, only partial cells wobble.
        assertAll(0.5f, new Preprocessing(28, 28, false).toTensor(checker), 0.02f);
    }

    @Test
    void shouldGiveSameTensorFromGrayBytesAsFromBufferedImage() {
        Random random = new Random(11);
        byte[] pixels = new byte[28 * 28];
        random.nextBytes(pixels);
        BufferedImage image = TestImages.gray(28, 28, (x, y) -> pixels[y * 28 + x] & 0xff);
        for (Preprocessing p : new Preprocessing[] {
                new Preprocessing(28, 28, false), new Preprocessing(105, 105, true),
                new Preprocessing(10, 10, false), new Preprocessing(7, 40, true)}) {
            assertArrayEquals(p.toTensor(image), Preprocessing.fromGray8(pixels, 28, 28, p), p.toString());
        }
    }

    @Test
    void shouldReadGrayBytesFromAnOffsetInALargerArray() {
        byte[] two = new byte[8];
        two[4] = (byte) 255;
        var p = new Preprocessing(2, 2, false);
        assertArrayEquals(new float[] {1f, 0f, 0f, 0f}, Preprocessing.fromGray8(two, 4, 2, 2, p));
        assertThrows(IllegalArgumentException.class, () -> Preprocessing.fromGray8(two, 5, 2, 2, p));
    }

    @Test
    void shouldRejectNonPositiveSize() {
        assertThrows(IllegalArgumentException.class, () -> new Preprocessing(0, 10, false));
        assertThrows(IllegalArgumentException.class, () -> new Preprocessing(10, -1, true));
    }
}
