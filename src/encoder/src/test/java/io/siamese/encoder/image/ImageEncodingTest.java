package io.siamese.encoder.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ImageEncodingTest {

    @Test
    void shouldRoundTripGrayTensorThroughPng() {
        float[] tensor = TestImages.scaled(7, 3, TestImages::gradient);
        byte[] png = ImageEncoding.png(tensor, 7, 3);
        assertEquals(ImageFormat.PNG, ImageFormat.sniff(png).orElseThrow());
        float[] decoded = new Preprocessing(7, 3, false).toTensor(png, new ImageDecoder(ImageLimits.DEFAULT));
        assertArrayEquals(tensor, decoded);
    }

    @Test
    void shouldStoreRoundedClampedValuesInTheRasterWithoutGammaShift() {
        BufferedImage image = ImageEncoding.grayImage(new float[] {-1f, 0.5f, 128 / 255f, Float.NaN, 7f, 0.2f}, 3, 2);
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, image.getType());
        int[] samples = image.getRaster().getSamples(0, 0, 3, 2, 0, (int[]) null);
        assertArrayEquals(new int[] {0, 128, 128, 0, 255, 51}, samples);
    }

    @Test
    void shouldEncodeColourImages() {
        BufferedImage image = TestImages.grayAsRgb(4, 4, TestImages::gradient);
        byte[] png = ImageEncoding.png(image);
        assertArrayEquals(new Preprocessing(4, 4, false).toTensor(image),
                new Preprocessing(4, 4, false).toTensor(png, new ImageDecoder(ImageLimits.DEFAULT)));
    }

    @Test
    void shouldRejectTensorWhoseLengthDoesNotMatchTheSize() {
        assertThrows(IllegalArgumentException.class, () -> ImageEncoding.png(new float[5], 2, 2));
    }
}
