package io.siamese.encoder.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Decoding for a model through {@link Preprocessing#toTensor(byte[], ImageDecoder)}: small images
 * exactly as at full size, large ones subsampled to a bounded size and close to the full decode.
 */
class SubsampledDecodeTest {

    private static final ImageDecoder DECODER = new ImageDecoder(new ImageLimits(64L << 20, ImageLimits.DEFAULT.maxPixels()));
    private static final Preprocessing MODEL = new Preprocessing(32, 32, false);

    @Test
    void shouldDecodeImagesUnderSixteenTimesTheModelSideBitForBitAsAtFullSize() {
        for (int side : new int[] {28, 32, 100, 508}) {
            for (String format : new String[] {"png", "jpeg", "gif", "bmp"}) {
                byte[] encoded = TestImages.encode(format.equals("gif")
                        ? TestImages.indexedGray(side, side + 3, TestImages::gradient)
                        : TestImages.grayAsRgb(side, side + 3, TestImages::gradient), format);
                assertArrayEquals(MODEL.toTensor(DECODER.decode(encoded)), MODEL.toTensor(encoded, DECODER),
                        side + " " + format);
            }
        }
    }

    @Test
    void shouldDecodeA4000PixelImageToUnderSixteenTimesTheModelSideOnEachAxis() {
        byte[] png = TestImages.encode(TestImages.gray(4000, 3000, TestImages::gradient), "png");
        DecodedImage sizes = DECODER.decode(png, MODEL, d -> d);
        assertEquals(4000, sizes.sourceWidth());
        assertEquals(3000, sizes.sourceHeight());
        // 4000 / 15 and 3000 / 11 (every 15th column, every 11th row): at least 8x, under 16x, the side.
        assertEquals(267, sizes.image().getWidth());
        assertEquals(273, sizes.image().getHeight());
        for (String format : new String[] {"jpeg", "gif", "bmp", "tiff", "pnm"}) {
            BufferedImage big = format.equals("gif") ? TestImages.indexedGray(2000, 600, TestImages::gradient)
                    : TestImages.grayAsRgb(2000, 600, TestImages::gradient);
            BufferedImage decoded = DECODER.decode(TestImages.encode(big, format), MODEL, DecodedImage::image);
            assertEquals(286, decoded.getWidth(), format); // every 7th of 2000 columns
            assertEquals(600 / 2, decoded.getHeight(), format);
        }
    }

    @Test
    void shouldKeepTheTensorOfALargeNoisyImageWithinOneAndAHalfGrayLevelsOfTheFullDecode() {
        BufferedImage photo = noisyPhoto(2400, 1800);
        for (String format : new String[] {"png", "jpeg"}) {
            byte[] encoded = TestImages.encode(photo, format);
            float[] full = MODEL.toTensor(DECODER.decode(encoded));
            float[] subsampled = MODEL.toTensor(encoded, DECODER);
            double sum = 0;
            for (int i = 0; i < full.length; i++) {
                sum += Math.abs(full[i] - subsampled[i]);
            }
            double meanAbs = sum / full.length;
            // Measured 0.0055 (1.4/255) at 4000x4000; aliasing of the noise is all that differs.
            assertTrue(meanAbs < 1.5 / 255, format + " mean |difference| " + meanAbs);
        }
    }

    /** Smooth shading plus per-pixel Gaussian noise: the worst case for subsampling, short of text. */
    static BufferedImage noisyPhoto(int width, int height) {
        Random random = new Random(1);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double base = 128 + 60 * Math.sin(x * 0.004) * Math.cos(y * 0.003) + 40 * Math.sin((x + y) * 0.0015);
                for (int c = 0; c < 3; c++) {
                    int v = (int) Math.round(base + (c - 1) * 20 + random.nextGaussian() * 20);
                    raster.setSample(x, y, c, Math.max(0, Math.min(255, v)));
                }
            }
        }
        return image;
    }
}
