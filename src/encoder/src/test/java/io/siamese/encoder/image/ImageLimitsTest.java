package io.siamese.encoder.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ImageLimitsTest {

    @Test
    void shouldDefaultToEightMebibytesAndSixteenMegapixels() {
        assertEquals(8_388_608L, ImageLimits.DEFAULT.maxEncodedBytes());
        assertEquals(16_777_216L, ImageLimits.DEFAULT.maxPixels());
    }

    @Test
    void shouldRejectNonPositiveLimits() {
        assertThrows(IllegalArgumentException.class, () -> new ImageLimits(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ImageLimits(1, -1));
    }

    @Test
    void shouldNameTheLimitInRejectionMessages() {
        assertEquals("encoded image is 9437184 bytes, over the limit of 8388608 bytes (image.max-bytes)",
                ImageDecodeException.tooLarge(9_437_184, 8_388_608).getMessage());
        assertEquals("image is 20000x20000 = 400000000 pixels, over the limit of 16777216 pixels"
                        + " (decompression-bomb guard)",
                ImageDecodeException.tooManyPixels(20000, 20000, 16_777_216).getMessage());
    }
}
